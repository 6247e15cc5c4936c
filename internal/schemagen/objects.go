package schemagen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/model"
)

// This file generates the object kinds beyond tables and indexes:
// domains, functions, operators and triggers (PL/pgSQL and SQL; triggers disabled,
// or firing for replicas only or always, now and then), serial columns,
// exclusion constraints and partitioned tables, and the index key options
// (NULLS order, operator class, collation). Each is gated by a capability
// or a Config switch and draws no random number when it is off, so the
// schemas of databases without these features do not change.

// plainName returns a fresh identifier that needs no quotes (lower-case
// letters, digits, underscores), for names the server prints inside
// expressions and definitions (nextval('…'), partition keys, function
// names), where a generated spelling must match the printed one.
func (g *gen) plainName(prefix string) string {
	for {
		n := fmt.Sprintf("%s_%d", prefix, g.r.IntN(10000))
		if !g.used[n] {
			g.used[n] = true
			return n
		}
	}
}

// domains adds up to two domains, for columns to use.
func (g *gen) domains() {
	if !g.c.Domains || !g.cfg.Domains {
		return
	}
	for range g.r.IntN(3) {
		d := &model.Domain{Name: g.plainName("dom")}
		if g.chance(0.5) {
			d.Type = model.Integer
			d.Checks = []*model.Check{{Name: g.plainName("ck_dom"), Expr: "VALUE > -1000"}}
			if g.chance(0.5) {
				d.Default = model.DefaultLiteral(int64(g.r.IntN(100)))
			}
		} else {
			d.Type = model.Varchar(10 + g.r.IntN(50))
			d.Checks = []*model.Check{{Name: g.plainName("ck_dom"), Expr: "VALUE::text <> ''"}}
			if g.chance(0.5) {
				d.Default = model.DefaultLiteral("x")
			}
		}
		d.NotNull = g.chance(0.3)
		if g.chance(0.3) {
			d.Comment = "domain " + d.Name + " — it's typed"
		}
		g.md.Domains = append(g.md.Domains, d)
	}
}

// domainColumn returns a column typed by one of the domains, or nil.
func (g *gen) domainColumn() *model.Column {
	if len(g.md.Domains) == 0 || !g.chance(0.3) {
		return nil
	}
	d := g.md.Domains[g.r.IntN(len(g.md.Domains))]
	return &model.Column{Name: g.name("d"), Type: model.Raw(d.Name), Nullable: !d.NotNull && g.chance(0.5)}
}

// routines adds a SQL function the checks of integer columns may call.
func (g *gen) routines() {
	if !g.cfg.Routines {
		return
	}
	name := g.plainName("fn_ok")
	g.checkFunc = name
	f := &model.Definition{
		Kind: model.DefFunction, Name: name, Signature: "v bigint", Language: "sql",
		SQL: "CREATE FUNCTION " + name + "(v bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v > -100000 $$",
	}
	if g.chance(0.3) {
		f.Comment = "function " + name + " — it's checked"
	}
	g.md.Definitions = append(g.md.Definitions, f)
}

// operator adds, now and then, an operator ||| over bigints calling a SQL
// function of its own. It is declared before the function, which must be
// created first, and spelled as inspect writes it (options in the order
// FUNCTION, LEFTARG, RIGHTARG, …, RESTRICT). Nothing calls it, so that
// replacing it (drop and create) is always possible.
func (g *gen) operator() {
	if !g.cfg.Routines || !g.chance(0.4) {
		return
	}
	fn := g.plainName("fn_op")
	op := &model.Definition{
		Kind: model.DefOperator, Name: "|||", Signature: "bigint, bigint",
		SQL:       "CREATE OPERATOR ||| (FUNCTION = " + fn + ", LEFTARG = bigint, RIGHTARG = bigint)",
		DependsOn: []model.ObjectName{{Name: fn}},
	}
	if g.chance(0.5) {
		op.SQL = strings.TrimSuffix(op.SQL, ")") + ", RESTRICT = scalargtsel)"
	}
	if g.chance(0.3) {
		op.Comment = "operator ||| — compares"
	}
	g.md.Definitions = append(g.md.Definitions, op, &model.Definition{
		Kind: model.DefFunction, Name: fn, Signature: "a bigint, b bigint", Language: "sql",
		SQL: "CREATE FUNCTION " + fn + "(a bigint, b bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a > b + 1 $$",
	})
}

// trigger adds a PL/pgSQL trigger function and a trigger on t.
func (g *gen) trigger(t *model.Table) {
	if !g.cfg.Routines || !g.chance(0.3) {
		return
	}
	fn, tg := g.plainName("fn_tg"), g.plainName("tg")
	g.md.Definitions = append(g.md.Definitions,
		&model.Definition{
			Kind: model.DefFunction, Name: fn, Language: "plpgsql",
			SQL: "CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
		},
		&model.Definition{
			Kind: model.DefTrigger, Name: tg, Table: t.Name,
			SQL:       "CREATE TRIGGER " + tg + " BEFORE INSERT OR UPDATE ON " + mustQuote(g, t.Name) + " FOR EACH ROW EXECUTE FUNCTION " + fn + "()",
			DependsOn: []model.ObjectName{{Name: fn}},
			Firing:    g.firing(),
		})
}

// firing returns a trigger's firing state: now and then one other than
// the default.
func (g *gen) firing() model.Firing {
	if !g.chance(0.3) {
		return ""
	}
	return []model.Firing{model.FiringDisabled, model.FiringReplica, model.FiringAlways}[g.r.IntN(3)]
}

// serialKey makes t's single integer key a serial: a nextval default and
// an integer sequence owned by the column.
func (g *gen) serialKey(t *model.Table, c *model.Column) bool {
	if !g.cfg.Serial || !g.chance(0.3) {
		return false
	}
	seq := g.plainName("seq_serial")
	c.Type = model.Integer
	c.Default = model.DefaultExpr("nextval('" + seq + "'::regclass)")
	g.md.Sequences = append(g.md.Sequences, &model.Sequence{Name: seq, OwnedBy: t.Name + "." + c.Name, As: "integer"})
	return true
}

// keyOptions gives an index key a NULLS order, an operator class or a
// collation, where the database has them.
func (g *gen) keyOptions(t *model.Table, p *model.IndexPart) {
	if g.c.IndexNullsOrder && g.chance(0.3) {
		// The order that is not the default of the direction.
		p.Nulls = model.NullsFirst
		if p.Desc {
			p.Nulls = model.NullsLast
		}
	}
	c := t.Column(p.Column)
	if c == nil || !isText(c.Type) || c.Type.Kind == model.KindChar {
		return
	}
	if g.c.IndexOpclasses && g.chance(0.2) {
		p.Opclass = "text_pattern_ops"
		if c.Type.Kind == model.KindVarchar {
			p.Opclass = "varchar_pattern_ops"
		}
		return
	}
	if g.cfg.IndexCollation != "" && c.Collation == "" && g.chance(0.2) {
		p.Collation = g.cfg.IndexCollation
	}
}

// exclusion adds an exclusion constraint on an integer column of t: btree
// with = (a unique constraint by other means).
func (g *gen) exclusion(t *model.Table) {
	if !g.c.ExclusionConstraints || g.cfg.TablesOnly || !g.chance(0.2) {
		return
	}
	for _, c := range t.Columns {
		if c.Type.IsInteger() && c.Generated == nil && !slices.Contains(t.PrimaryKey.Columns, c.Name) {
			ex := &model.Exclusion{Name: g.name("ex"), Elements: []model.ExclusionElement{{IndexPart: model.IndexPart{Column: c.Name}, Operator: "="}}}
			if g.chance(0.3) {
				ex.Where = mustQuote(g, c.Name) + " > 0"
			}
			if g.chance(0.2) {
				ex.Deferrable, ex.InitiallyDeferred = true, g.chance(0.5)
			}
			t.Exclusions = append(t.Exclusions, ex)
			return
		}
	}
}

// partitioned adds a table partitioned by range on an integer column,
// with two partitions, one of them the default.
func (g *gen) partitioned() {
	if !g.c.Partitioning || g.cfg.TablesOnly || !g.chance(0.3) {
		return
	}
	key := g.plainName("at")
	parent := &model.Table{
		Name: g.plainName("tp"),
		Columns: []*model.Column{
			{Name: g.name("k"), Type: model.BigInt},
			{Name: key, Type: model.Integer},
			{Name: g.name("c"), Type: model.Text, Nullable: true},
		},
		PartitionBy: &model.PartitionBy{Strategy: "range", Key: key},
	}
	parent.PrimaryKey = &model.PrimaryKey{Columns: []string{parent.Columns[0].Name, key}}
	if g.chance(0.5) {
		parent.Indexes = []*model.Index{{Parts: model.Cols(parent.Columns[2].Name)}}
	}
	lo := g.r.IntN(1000)
	g.md.Tables = append(g.md.Tables, parent,
		&model.Table{Name: g.name("tp_part"), PartitionOf: &model.PartitionOf{Table: parent.Name,
			Bound: fmt.Sprintf("FOR VALUES FROM (%d) TO (%d)", lo, lo+1+g.r.IntN(1000))}},
		&model.Table{Name: g.name("tp_default"), PartitionOf: &model.PartitionOf{Table: parent.Name, Bound: "DEFAULT"}})
}
