// Package schemagen generates random, valid schemas from a seed, for the
// round-trip property tests (model → DDL → database → inspect → model).
//
// A schema uses every model feature the target database supports, as its
// dialect.Capabilities say: portable and raw types, nullability, literal
// and expression defaults, identity and autoincrement, generated columns,
// collations, comments, composite primary keys, foreign keys with actions,
// unique and check constraints, indexes (multi-column, DESC, partial,
// expression, method, INCLUDE, prefix), enum types, sequences and views.
// The same seed and capabilities always give the same schema.
package schemagen

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// Config tunes the generator.
type Config struct {
	// MaxTables bounds the number of tables (at least 1 is generated).
	MaxTables int
	// MaxColumns bounds the columns of a table beyond its key.
	MaxColumns int
	// Collation and RawTypes are the database's own spellings to use for
	// the features that are database-specific by nature.
	Collation string
	RawTypes  []string
	// IndexCollation is a collation for index keys, where the inspector
	// reads one back (PostgreSQL).
	IndexCollation string
	// Domains adds domains and columns typed by them (PostgreSQL).
	Domains bool
	// Routines adds a SQL function that checks call, PL/pgSQL trigger
	// functions and triggers (PostgreSQL).
	Routines bool
	// Serial makes some integer keys serial: a nextval default and an
	// owned sequence (PostgreSQL).
	Serial bool
	// MySQLObjects adds stored functions, procedures, triggers and events
	// in MySQL's syntax.
	MySQLObjects bool
	// AutoIncrementSecond makes some composite keys number their second
	// column with AUTO_INCREMENT, which then needs an index (MySQL).
	AutoIncrementSecond bool
	// SQLiteObjects adds untyped columns, STRICT tables, virtual tables
	// (FTS5, R*Tree) and triggers in SQLite's syntax.
	SQLiteObjects bool
	// ViewsOnViews adds views reading other views.
	ViewsOnViews bool
	// TablesOnly leaves out every object that is not a table or part of
	// one (enum types, sequences, views, partitioned tables, exclusion
	// constraints), for tests of code that handles tables alone.
	TablesOnly bool
}

// Generate returns the schema for a seed on a database with dialect d.
func Generate(seed uint64, d dialect.Dialect, cfg Config) *model.MetaData {
	if cfg.MaxTables <= 0 {
		cfg.MaxTables = 5
	}
	if cfg.MaxColumns <= 0 {
		cfg.MaxColumns = 8
	}
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), d: d, c: d.Capabilities(), cfg: cfg, used: map[string]bool{}}
	return g.schema()
}

type gen struct {
	r    *rand.Rand
	d    dialect.Dialect
	c    dialect.Capabilities
	cfg  Config
	md   *model.MetaData
	used map[string]bool // every name in the schema's one namespace
	// checkFunc is a function of the schema that checks may call.
	checkFunc string
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// name returns a fresh identifier; now and then a hostile one (quotes,
// spaces, unicode, reserved words) to keep quoting honest.
func (g *gen) name(prefix string) string {
	hostile := []string{`q"uote`, "it's", "back`tick", "Mixed Case", "ünï", "名", "select", "order", "a-b", "$x"}
	for {
		n := fmt.Sprintf("%s_%d", prefix, g.r.IntN(10000))
		if g.chance(0.08) {
			n = hostile[g.r.IntN(len(hostile))] + "_" + n
		}
		if !g.used[n] {
			g.used[n] = true
			return n
		}
	}
}

func (g *gen) schema() *model.MetaData {
	g.md = &model.MetaData{}
	skipEnums := g.c.NamedEnumTypes && g.cfg.TablesOnly // enum types are objects of their own
	if !skipEnums && (g.c.NamedEnumTypes || g.c.InlineEnums || g.c.CheckConstraints) {
		for range g.r.IntN(3) {
			e := &model.EnumType{Name: g.name("enum"), Values: g.enumValues()}
			if g.c.NamedEnumTypes {
				g.md.Enums = append(g.md.Enums, e)
			} else {
				// Inline enums exist only as column types; keep them for columns.
				g.md.Enums = append(g.md.Enums, e)
			}
		}
	}
	if g.c.Sequences && !g.cfg.TablesOnly {
		for range g.r.IntN(3) {
			s := &model.Sequence{Name: g.name("seq"), Start: int64(g.r.IntN(1000) + 1), Increment: int64(g.r.IntN(9) + 1), Cache: 1}
			if g.chance(0.3) {
				s.Cycle = true
				maxV := int64(1_000_000)
				s.MaxValue = &maxV
			}
			g.md.Sequences = append(g.md.Sequences, s)
		}
	}
	g.domains()
	g.routines()
	g.operator()
	n := 1 + g.r.IntN(g.cfg.MaxTables)
	for range n {
		g.md.Tables = append(g.md.Tables, g.table())
	}
	if !g.cfg.TablesOnly {
		for range g.r.IntN(3) {
			t := g.md.Tables[g.r.IntN(len(g.md.Tables))]
			g.md.Views = append(g.md.Views, g.view(t))
		}
	}
	g.partitioned()
	g.viewOnView()
	g.mysqlObjects()
	g.sqliteObjects()
	if !g.c.NamedEnumTypes {
		g.md.Enums = nil // inline: the values live in the column types
	}
	g.md.ApplyNaming()
	return g.md
}

func (g *gen) enumValues() []string {
	all := []string{"new", "active", "it's done", "Ünïcode", "with space", "x", "y", "z"}
	g.r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return slices.Clone(all[:1+g.r.IntN(4)])
}

// keyTypes are types every database can index and use in keys without
// prefix lengths.
func (g *gen) keyType() model.Type {
	ts := []model.Type{model.Integer, model.BigInt, model.SmallInt, model.Varchar(1 + g.r.IntN(120)), model.Char(1 + g.r.IntN(10)), model.Date, model.Numeric(10, 2)}
	return ts[g.r.IntN(len(ts))]
}

func (g *gen) anyType() model.Type {
	ts := []model.Type{
		model.SmallInt, model.Integer, model.BigInt, model.Boolean,
		model.Varchar(1 + g.r.IntN(200)), model.Char(1 + g.r.IntN(20)), model.Text,
		model.Numeric(1+g.r.IntN(30), 0), model.Numeric(18, 4), model.Real, model.Double,
		model.Date, model.Time, model.Timestamp, model.TimestampTZ,
		model.JSON, model.Blob, model.Binary(16), model.UUID,
	}
	if g.c.NamedEnumTypes {
		ts = append(ts, model.JSONB)
	}
	if len(g.md.Enums) > 0 {
		e := g.md.Enums[g.r.IntN(len(g.md.Enums))]
		ts = append(ts, model.Type{Kind: model.KindEnum, EnumName: e.Name, Values: slices.Clone(e.Values)})
	}
	for _, raw := range g.cfg.RawTypes {
		ts = append(ts, model.Raw(raw))
	}
	t := ts[g.r.IntN(len(ts))]
	if t.Kind == model.KindNumeric && t.Precision > 0 && t.Scale > t.Precision {
		t.Scale = t.Precision
	}
	return t
}

// literalDefault returns a literal default suited to the type, or nil.
func (g *gen) literalDefault(t model.Type) *model.Default {
	switch t.Kind {
	case model.KindSmallInt, model.KindInteger, model.KindBigInt:
		return model.DefaultLiteral(int64(g.r.IntN(2000) - 1000))
	case model.KindBoolean:
		return model.DefaultLiteral(g.chance(0.5))
	case model.KindVarchar, model.KindChar:
		s := []string{"", "x", "it's", `q"d`, "ünï"}[g.r.IntN(5)]
		if t.Length > 0 && len([]rune(s)) > t.Length {
			s = ""
		}
		return model.DefaultLiteral(s)
	case model.KindEnum:
		return model.DefaultLiteral(t.Values[g.r.IntN(len(t.Values))])
	case model.KindTimestamp:
		return model.DefaultExpr("CURRENT_TIMESTAMP")
	}
	return nil
}

func (g *gen) table() *model.Table {
	t := &model.Table{Name: g.name("t")}
	// The key: one column (often auto-numbered) or a composite.
	nkey := 1
	if g.chance(0.25) {
		nkey = 2 + g.r.IntN(2)
	}
	for i := range nkey {
		c := &model.Column{Name: g.name("k"), Type: g.keyType()}
		if nkey == 1 && i == 0 && g.chance(0.5) {
			c.Type = model.BigInt
			if g.serialKey(t, c) {
				// a serial: nextval of an owned sequence
			} else if g.c.IdentityColumns && g.chance(0.5) {
				c.Identity = &model.Identity{Always: g.chance(0.5)}
			} else {
				c.AutoIncrement = true
				if !g.c.IdentityColumns && g.chance(0.5) {
					c.Type = model.Integer
				}
			}
		}
		t.Columns = append(t.Columns, c)
	}
	t.PrimaryKey = &model.PrimaryKey{Columns: t.ColumnNames()}
	g.autoIncrementSecond(t)

	for range g.r.IntN(g.cfg.MaxColumns + 1) {
		c := &model.Column{Name: g.name("c"), Type: g.anyType(), Nullable: g.chance(0.5)}
		if g.chance(0.3) {
			c.Default = g.literalDefault(c.Type)
		}
		if g.c.Comments && g.chance(0.2) {
			c.Comment = "comment on " + c.Name + " — it's \"quoted\""
		}
		if g.cfg.Collation != "" && g.c.Collations && isText(c.Type) && g.chance(0.2) {
			c.Collation = g.cfg.Collation
		}
		t.Columns = append(t.Columns, c)
	}
	if c := g.domainColumn(); c != nil {
		t.Columns = append(t.Columns, c)
	}
	if (g.c.GeneratedStored || g.c.GeneratedVirtual) && g.chance(0.3) {
		base := t.Columns[0]
		if base.Type.IsInteger() && !(g.c.ExprsRefuseAutoIncrement && (base.AutoIncrement || base.Identity != nil)) {
			gc := &model.Column{Name: g.name("g"), Type: model.BigInt, Nullable: true,
				Generated: &model.Generated{Expr: generatedExpr(mustQuote(g, base.Name)), Stored: g.c.GeneratedStored && (!g.c.GeneratedVirtual || g.chance(0.5))}}
			t.Columns = append(t.Columns, gc)
		}
	}
	g.untypedColumn(t)
	if g.c.Comments && g.chance(0.3) {
		t.Comment = "table " + t.Name + " — it's here"
	}
	g.constraints(t)
	g.exclusion(t)
	g.trigger(t)
	return t
}

func (g *gen) constraints(t *model.Table) {
	keyable := func() []*model.Column {
		var out []*model.Column
		for _, c := range t.Columns {
			if isKeyable(c.Type) && c.Generated == nil {
				out = append(out, c)
			}
		}
		return out
	}()
	pick := func(n int) []string {
		cs := slices.Clone(keyable)
		g.r.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		var names []string
		for _, c := range cs[:min(n, len(cs))] {
			names = append(names, c.Name)
		}
		return names
	}
	if len(keyable) > 0 && g.chance(0.4) {
		u := &model.Unique{Columns: pick(1 + g.r.IntN(2))}
		u.NullsNotDistinct = g.c.NullsNotDistinct && g.chance(0.3)
		u.Deferrable = g.c.DeferrableUniques && g.chance(0.2)
		u.InitiallyDeferred = u.Deferrable && g.chance(0.5)
		t.Uniques = append(t.Uniques, u)
	}
	if g.c.CheckConstraints && g.chance(0.4) {
		for _, c := range t.Columns {
			if c.Type.IsInteger() && c.Generated == nil && !(g.c.ExprsRefuseAutoIncrement && (c.AutoIncrement || c.Identity != nil)) {
				expr := checkExpr(mustQuote(g, c.Name))
				if g.checkFunc != "" && c.Type.Kind == model.KindBigInt && g.chance(0.5) {
					expr = g.checkFunc + "(" + mustQuote(g, c.Name) + ")"
				}
				t.Checks = append(t.Checks, &model.Check{Expr: expr})
				break
			}
		}
	}
	for range g.r.IntN(3) {
		if len(keyable) == 0 {
			break
		}
		ix := &model.Index{Unique: g.chance(0.2)}
		for _, n := range pick(1 + g.r.IntN(3)) {
			p := model.IndexPart{Column: n, Desc: g.c.DescIndexes && g.chance(0.3)}
			g.keyOptions(t, &p)
			ix.Parts = append(ix.Parts, p)
		}
		if g.c.PartialIndexes && g.chance(0.2) {
			ix.Where = predicateExpr(mustQuote(g, ix.Parts[0].Column))
		}
		if g.c.IndexInclude && !ix.Unique && g.chance(0.2) {
			for _, c := range keyable {
				if !slices.Contains(ix.Columns(), c.Name) {
					ix.Include = []string{c.Name}
					break
				}
			}
		}
		g.indexOptions(ix)
		t.Indexes = append(t.Indexes, ix)
	}
	if g.c.ExpressionIndexes && g.chance(0.2) {
		for _, c := range t.Columns {
			if c.Type.IsInteger() && c.Generated == nil {
				t.Indexes = append(t.Indexes, &model.Index{Name: g.name("ix_expr"), Parts: []model.IndexPart{{Expr: indexExpr(mustQuote(g, c.Name))}}})
				break
			}
		}
	}
	g.foreignKey(t)
	g.constraintComments(t)
	if g.c.RowSecurity && g.chance(0.15) {
		t.RowSecurity, t.ForceRowSecurity = true, g.chance(0.5)
	}
	distinctIndexes(t)
}

// constraintComments comments some of t's constraints, where the database
// keeps such comments.
func (g *gen) constraintComments(t *model.Table) {
	if !g.c.ConstraintComments {
		return
	}
	note := func(c *string) {
		if g.chance(0.2) {
			*c = "constraint's note " + g.name("c")
		}
	}
	if t.PrimaryKey != nil {
		note(&t.PrimaryKey.Comment)
	}
	for _, u := range t.Uniques {
		note(&u.Comment)
	}
	for _, c := range t.Checks {
		note(&c.Comment)
	}
	for _, fk := range t.ForeignKeys {
		note(&fk.Comment)
	}
}

// foreignKey makes t reference an earlier table's primary key, now and then.
func (g *gen) foreignKey(t *model.Table) {
	// Partitions have no key of their own (Mutate adds tables after them).
	var refs []*model.Table
	for _, t := range g.md.Tables {
		if t.PartitionOf == nil && t.PartitionBy == nil {
			refs = append(refs, t)
		}
	}
	if len(refs) == 0 || !g.chance(0.5) {
		return
	}
	ref := refs[g.r.IntN(len(refs))]
	fk := &model.ForeignKey{RefTable: ref.Name}
	for _, rc := range ref.PrimaryKey.Columns {
		col := ref.Column(rc)
		typ := col.Type
		c := &model.Column{Name: g.name("fk"), Type: typ, Nullable: true}
		t.Columns = append(t.Columns, c)
		fk.Columns = append(fk.Columns, c.Name)
		fk.RefColumns = append(fk.RefColumns, rc)
	}
	actions := []model.FKAction{"", model.Cascade, model.SetNull, model.Restrict}
	fk.OnDelete = actions[g.r.IntN(len(actions))]
	fk.OnUpdate = actions[g.r.IntN(len(actions))]
	if g.c.DeferrableForeignKeys && g.chance(0.2) {
		fk.Deferrable = true
		fk.InitiallyDeferred = g.chance(0.5)
	}
	t.ForeignKeys = append(t.ForeignKeys, fk)
}

// distinctIndexes drops indexes whose keys repeat another index's or a
// unique constraint's, which some databases merge or refuse.
func distinctIndexes(t *model.Table) {
	seen := map[string]bool{}
	// The key is the column list alone: the naming convention names two
	// indexes on the same columns alike, whatever their order flags.
	key := func(parts []model.IndexPart) string {
		var cols []string
		for _, p := range parts {
			cols = append(cols, p.Column+"\x00"+p.Expr)
		}
		return fmt.Sprint(cols)
	}
	for _, u := range t.Uniques {
		seen[key(model.Cols(u.Columns...))] = true
	}
	if t.PrimaryKey != nil {
		seen[key(model.Cols(t.PrimaryKey.Columns...))] = true
	}
	var keep []*model.Index
	for _, ix := range t.Indexes {
		k := key(ix.Parts)
		if seen[k] {
			continue
		}
		seen[k] = true
		keep = append(keep, ix)
	}
	t.Indexes = keep
}

// view returns a view of t reading its first column, and a column of an
// enum type when t has one.
func (g *gen) view(t *model.Table) *model.View {
	cols := mustQuote(g, t.Columns[0].Name)
	for _, c := range t.Columns[1:] {
		// A column of an enum type, when the table has one: a value added
		// to the type is then one under a view (on PostgreSQL its
		// downgrade creates the type again around the view).
		if c.Type.Kind == model.KindEnum && c.Generated == nil {
			cols += ", " + mustQuote(g, c.Name)
			break
		}
	}
	return &model.View{Name: g.name("v"), Definition: "SELECT " + cols + " FROM " + mustQuote(g, t.Name)}
}

// mustQuote quotes a generated name for use inside an expression; the
// generator only makes names every dialect can quote.
func mustQuote(g *gen, name string) string {
	q, err := g.d.QuoteIdent(name)
	if err != nil {
		panic(fmt.Sprintf("schemagen: generated name %q cannot be quoted: %v", name, err))
	}
	return q
}

func isText(t model.Type) bool {
	return t.Kind == model.KindVarchar || t.Kind == model.KindChar || t.Kind == model.KindText
}

func isKeyable(t model.Type) bool {
	switch t.Kind {
	case model.KindSmallInt, model.KindInteger, model.KindBigInt, model.KindDate, model.KindNumeric, model.KindChar:
		return true
	case model.KindVarchar:
		return t.Length > 0 && t.Length <= 191
	}
	return false
}

// The expressions of generated columns, checks, partial indexes and
// expression indexes have parentheses that change their meaning, so that
// an inspector that loses them fails the round trip (the expression
// normaliser keeps them). x is a quoted integer column (any column for
// predicateExpr).

func generatedExpr(x string) string { return x + " * (2 - " + x + ")" }

func checkExpr(x string) string {
	return "(" + x + " > -100000 OR " + x + " IS NULL) AND " + x + " - (1 - " + x + ") <> 7"
}

func predicateExpr(x string) string {
	return "(" + x + " IS NOT NULL OR " + x + " IS NULL) AND " + x + " IS NOT NULL"
}

func indexExpr(x string) string { return "(" + x + " + 1) * 2" }

// indexOptions gives an index, now and then, the options beyond its keys
// that the database has: NULLS NOT DISTINCT on a unique index, the
// invisible (ignored) flag, a comment.
func (g *gen) indexOptions(ix *model.Index) {
	if g.c.NullsNotDistinct && ix.Unique {
		ix.NullsNotDistinct = g.chance(0.3)
	}
	if g.c.InvisibleIndexes {
		ix.Invisible = g.chance(0.15)
	}
	if g.c.Comments && g.chance(0.2) {
		ix.Comment = "index's note " + g.name("c")
	}
}
