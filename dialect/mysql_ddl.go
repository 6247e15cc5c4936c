package dialect

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/migratego/migrate/model"
)

// CreateTable returns CREATE TABLE with the columns, the primary key (never
// named: MySQL always calls it PRIMARY), unique constraints, the key an
// AUTO_INCREMENT column needs when the primary key does not start with it
// (see SeparateIndexes), check and foreign key constraints, and the table
// options: ENGINE (InnoDB unless
// Options["ENGINE"] says otherwise), DEFAULT CHARSET and COLLATE from
// Options, AUTO_INCREMENT from an identity's Start, other Options, and
// COMMENT.
func (d *mysqlDialect) CreateTable(t *model.Table) ([]string, error) {
	if err := d.checkTable(t); err != nil {
		return nil, err
	}
	return one(createTableStmt(d, t, tableStyle{
		column:  d.column,
		namedPK: false,
		suffix:  d.tableOptions,
		key:     d.inlineKey,
	}))
}

// checkTable refuses what MySQL cannot build, beyond the shared
// capability checks of createTableStmt.
func (d *mysqlDialect) checkTable(t *model.Table) error {
	var auto []string
	for _, c := range t.Columns {
		if c.AutoIncrement || c.Identity != nil {
			auto = append(auto, c.Name)
		}
	}
	if len(auto) > 1 {
		return Unsupported(d.Name(), fmt.Sprintf("table %q", t.QualifiedName()),
			fmt.Sprintf("more than one AUTO_INCREMENT column (%s)", strings.Join(auto, ", ")),
			"a MySQL table has at most one; keep AutoIncrement or Identity on one column")
	}
	for _, fk := range t.ForeignKeys {
		if err := d.checkForeignKey(t, fk); err != nil {
			return err
		}
	}
	return nil
}

// checkForeignKey refuses SET DEFAULT, which InnoDB rejects.
func (d *mysqlDialect) checkForeignKey(t *model.Table, fk *model.ForeignKey) error {
	for _, a := range []struct {
		on     string
		action model.FKAction
	}{{"ON DELETE", fk.OnDelete}, {"ON UPDATE", fk.OnUpdate}} {
		if a.action == model.SetDefault {
			return Unsupported(d.Name(), describe(t, "foreign key", fk.Name), a.on+" SET DEFAULT",
				"InnoDB rejects it; use SET NULL, CASCADE, RESTRICT or NO ACTION")
		}
	}
	return nil
}

// column writes a column definition after its name:
//
//	type [COLLATE c] [GENERATED ALWAYS AS (expr) STORED|VIRTUAL]
//	[NULL|NOT NULL] [DEFAULT …] [AUTO_INCREMENT] [INVISIBLE] [COMMENT '…']
func (d *mysqlDialect) column(b *builder, t *model.Table, c *model.Column) {
	obj := fmt.Sprintf("column %q of table %q", c.Name, t.QualifiedName())
	typ, err := d.RenderType(c.Type)
	if err != nil {
		b.fail(inObject(obj, err))
		return
	}
	b.raw(typ)
	if c.Collation != "" {
		b.raw(" COLLATE ").ident(c.Collation)
	}
	switch g := c.Generated; {
	case g != nil:
		b.raw(" GENERATED ALWAYS AS (", g.Expr, ")")
		if g.Stored {
			b.raw(" STORED")
		} else {
			b.raw(" VIRTUAL")
		}
		if !c.Nullable {
			if d.mariadb {
				b.fail(Unsupported(d.Name(), obj, "NOT NULL on a generated column",
					"MariaDB generated columns are always nullable; set Nullable: true"))
				return
			}
			b.raw(" NOT NULL")
		}
	case c.Nullable:
		b.raw(" NULL")
	default:
		b.raw(" NOT NULL")
	}
	if c.Default != nil {
		b.raw(" DEFAULT ")
		d.defaultValue(b, c)
	}
	if c.AutoIncrement || c.Identity != nil {
		if id := c.Identity; id != nil {
			if id.Always {
				b.fail(Unsupported(d.Name(), obj, "GENERATED ALWAYS AS IDENTITY",
					"MySQL numbers rows with AUTO_INCREMENT, which also accepts explicit values; leave Identity.Always false"))
				return
			}
			if id.Increment != 0 && id.Increment != 1 {
				b.fail(Unsupported(d.Name(), obj, fmt.Sprintf("an identity increment of %d", id.Increment),
					"MySQL sets the step server-wide (auto_increment_increment); leave Increment at 0 or 1"))
				return
			}
		}
		b.raw(" AUTO_INCREMENT")
	}
	if c.Invisible {
		b.raw(" INVISIBLE")
	}
	if c.Comment != "" {
		b.raw(" COMMENT ").literal(c.Comment)
	}
}

// inObject names the column in a type error: an *UnsupportedError gets the
// column as its object, other errors are wrapped.
func inObject(obj string, err error) error {
	var ue *UnsupportedError
	if errors.As(err, &ue) {
		cp := *ue
		cp.Object = obj
		return &cp
	}
	return &columnTypeError{obj: obj, err: err}
}

// columnTypeError puts the column in front of a type error's message.
type columnTypeError struct {
	obj string
	err error
}

func (e *columnTypeError) Error() string {
	return "mysql: " + e.obj + ": " + strings.TrimPrefix(e.err.Error(), "mysql: ")
}

func (e *columnTypeError) Unwrap() error { return e.err }

// mysqlBareDefault matches the defaults MySQL accepts without parentheses:
// CURRENT_TIMESTAMP and its synonyms, optionally with a precision and an
// ON UPDATE clause.
var mysqlBareDefault = regexp.MustCompile(`(?i)^(current_timestamp|now|localtime|localtimestamp)\s*(\(\s*\d?\s*\))?` +
	`(\s+on\s+update\s+(current_timestamp|now|localtime|localtimestamp)\s*(\(\s*\d?\s*\))?)?$`)

// mysqlNumber matches a numeric constant.
var mysqlNumber = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// defaultValue writes a server default. Literals are escaped; expressions
// are parenthesised (MySQL 8.0.13, MariaDB 10.2), except CURRENT_TIMESTAMP
// forms, which must stay bare to allow ON UPDATE, and plain constants. On
// MySQL, TEXT, BLOB and JSON columns accept only expression defaults, so a
// literal default is parenthesised there.
func (d *mysqlDialect) defaultValue(b *builder, c *model.Column) {
	exprOnly := !d.mariadb && mysqlExprOnlyDefault(c.Type)
	df := c.Default
	expr := strings.TrimSpace(df.Expr)
	switch {
	case expr == "" && df.Literal == nil:
		b.raw("NULL")
	case expr == "" && exprOnly:
		b.raw("(").literal(df.Literal).raw(")")
	case expr == "":
		b.literal(df.Literal)
	case mysqlBareDefault.MatchString(expr):
		b.raw(expr)
	case !exprOnly && isMySQLConstant(expr):
		b.raw(expr)
	default:
		b.raw("(", expr, ")")
	}
}

// mysqlExprOnlyDefault reports the types MySQL gives no literal defaults.
func mysqlExprOnlyDefault(t model.Type) bool {
	switch t.Kind {
	case model.KindText, model.KindJSON, model.KindJSONB:
		return true
	case model.KindBinary:
		return t.Length == 0
	case model.KindRaw:
		r := strings.ToLower(t.Raw)
		return strings.Contains(r, "text") || strings.Contains(r, "blob") ||
			strings.Contains(r, "json") || strings.Contains(r, "geometry")
	}
	return false
}

// isMySQLConstant reports whether expr is a single constant: NULL, TRUE,
// FALSE, a number, or one complete single-quoted string.
func isMySQLConstant(expr string) bool {
	switch strings.ToUpper(expr) {
	case "NULL", "TRUE", "FALSE":
		return true
	}
	if mysqlNumber.MatchString(expr) {
		return true
	}
	if len(expr) < 2 || expr[0] != '\'' {
		return false
	}
	for i := 1; i < len(expr); i++ {
		switch expr[i] {
		case '\\':
			i++
		case '\'':
			if i+1 < len(expr) && expr[i+1] == '\'' {
				i++
				continue
			}
			return i == len(expr)-1
		}
	}
	return false
}

// MariaDBSystemVersioning is the table option key of a MariaDB
// system-versioned table (CREATE TABLE … WITH SYSTEM VERSIONING); its value
// is empty: the clause has none.
const MariaDBSystemVersioning = "WITH SYSTEM VERSIONING"

// mysqlStringOptions are table options whose values are strings.
var mysqlStringOptions = []string{"CONNECTION", "DATA DIRECTORY", "INDEX DIRECTORY", "PASSWORD", "COMPRESSION", "ENCRYPTION"}

var (
	mysqlOptionKey  = regexp.MustCompile(`^[A-Z][A-Z0-9_]*( [A-Z][A-Z0-9_]*)*$`)
	mysqlOptionWord = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
)

// tableOptions writes the table options after the closing parenthesis.
func (d *mysqlDialect) tableOptions(b *builder, t *model.Table) {
	tbl := fmt.Sprintf("table %q", t.QualifiedName())
	opts := map[string]string{}
	for k, v := range t.Options {
		key := strings.Join(strings.Fields(strings.ToUpper(k)), " ")
		switch key {
		case "CHARSET", "CHARACTER SET", "DEFAULT CHARSET", "DEFAULT CHARACTER SET":
			key = "DEFAULT CHARSET"
		case "DEFAULT COLLATE":
			key = "COLLATE"
		case "COMMENT":
			b.fail(fmt.Errorf("mysql: %s: set the table comment with Table.Comment, not Options[%q]", tbl, k))
			return
		}
		if !mysqlOptionKey.MatchString(key) {
			b.fail(fmt.Errorf("mysql: %s: table option %q is not an option name", tbl, k))
			return
		}
		if _, dup := opts[key]; dup {
			b.fail(fmt.Errorf("mysql: %s: table option %s is given twice", tbl, key))
			return
		}
		opts[key] = v
	}
	for _, c := range t.Columns {
		if id := c.Identity; id != nil && id.Start > 1 {
			if _, dup := opts["AUTO_INCREMENT"]; dup {
				b.fail(fmt.Errorf("mysql: %s: both Options[\"AUTO_INCREMENT\"] and the identity start of column %q set the first value", tbl, c.Name))
				return
			}
			opts["AUTO_INCREMENT"] = strconv.FormatInt(id.Start, 10)
		}
	}
	engine, ok := opts["ENGINE"]
	if !ok {
		engine = "InnoDB"
	}
	delete(opts, "ENGINE")
	d.wordOption(b, tbl, "ENGINE", engine)
	if cs, ok := opts["DEFAULT CHARSET"]; ok {
		b.raw(" DEFAULT CHARSET=").ident(cs)
		delete(opts, "DEFAULT CHARSET")
	}
	if co, ok := opts["COLLATE"]; ok {
		b.raw(" COLLATE=").ident(co)
		delete(opts, "COLLATE")
	}
	if ai, ok := opts["AUTO_INCREMENT"]; ok {
		d.wordOption(b, tbl, "AUTO_INCREMENT", ai)
		delete(opts, "AUTO_INCREMENT")
	}
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if k == MariaDBSystemVersioning {
			if opts[k] != "" {
				b.fail(fmt.Errorf("mysql: %s: table option %s takes no value, not %q", tbl, k, opts[k]))
				return
			}
			b.raw(" ", k)
			continue
		}
		if slices.Contains(mysqlStringOptions, k) {
			b.raw(" ", k, "=").literal(opts[k])
		} else {
			d.wordOption(b, tbl, k, opts[k])
		}
	}
	if t.Comment != "" {
		b.raw(" COMMENT=").literal(t.Comment)
	}
	if p := t.PartitionBy; p != nil {
		// Validate accepted the strategy; the key and the partition list
		// are SQL as the server prints them.
		b.raw("\nPARTITION BY ", strings.ToUpper(p.Strategy), " (", p.Key, ")")
		if p.Partitions != "" {
			b.raw("\n", p.Partitions)
		}
	}
}

// wordOption writes KEY=value for a value that is a single word or number,
// so that it cannot carry SQL.
func (d *mysqlDialect) wordOption(b *builder, tbl, key, value string) {
	if !mysqlOptionWord.MatchString(value) {
		b.fail(fmt.Errorf("mysql: %s: table option %s=%q must be a single word or number", tbl, key, value))
		return
	}
	b.raw(" ", key, "=", value)
}

// DropTable returns DROP TABLE.
func (d *mysqlDialect) DropTable(t *model.Table) ([]string, error) {
	b := newBuilder(d)
	b.raw("DROP TABLE ").qualified(t.Schema, t.Name)
	return one(b.stmt())
}

// CreateIndex returns CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX with prefix
// lengths (`col`(10)), DESC keys and, on MySQL 8.0.13+, functional key
// parts ((expr)), followed by USING BTREE|HASH for those methods. Partial
// indexes, INCLUDE, CONCURRENTLY and (on MariaDB) expressions are refused.
// IF NOT EXISTS is MariaDB-only.
func (d *mysqlDialect) CreateIndex(t *model.Table, ix *model.Index, opt IndexOptions) ([]string, error) {
	if err := checkIndex(d, t, ix, opt); err != nil {
		return nil, err
	}
	if opt.IfNotExists && !d.indexIfExists() {
		return nil, Unsupported(d.Name(), describe(t, "index", ix.Name), "CREATE INDEX IF NOT EXISTS",
			"MySQL has no such guard (MariaDB has); check information_schema.STATISTICS instead")
	}
	method := strings.ToLower(ix.Method)
	b := newBuilder(d)
	b.raw("CREATE ")
	switch {
	case method == "fulltext" || method == "spatial":
		if ix.Unique {
			return nil, Unsupported(d.Name(), describe(t, "index", ix.Name), "a unique "+strings.ToUpper(method)+" index", "")
		}
		b.raw(strings.ToUpper(method), " ")
	case ix.Unique:
		b.raw("UNIQUE ")
	}
	b.raw("INDEX ")
	if opt.IfNotExists {
		b.raw("IF NOT EXISTS ")
	}
	b.ident(ix.Name).raw(" ON ").qualified(t.Schema, t.Name).raw(" ")
	indexKeys(b, ix, func(expr string) string { return "(" + expr + ")" })
	if method == "btree" || method == "hash" {
		b.raw(" USING ", strings.ToUpper(method))
	}
	d.indexOptions(b, ix)
	return one(b.stmt())
}

// DropIndex returns DROP INDEX name ON table; IF EXISTS is MariaDB-only.
func (d *mysqlDialect) DropIndex(t *model.Table, ix *model.Index, opt IndexOptions) ([]string, error) {
	if ix.Name == "" {
		return nil, fmt.Errorf("mysql: %s: dropping it needs its name", describe(t, "index", ix.Name))
	}
	if opt.IfExists && !d.indexIfExists() {
		return nil, Unsupported(d.Name(), describe(t, "index", ix.Name), "DROP INDEX IF EXISTS",
			"MySQL has no such guard (MariaDB has); check information_schema.STATISTICS instead")
	}
	b := newBuilder(d)
	b.raw("DROP INDEX ")
	if opt.IfExists {
		b.raw("IF EXISTS ")
	}
	b.ident(ix.Name).raw(" ON ").qualified(t.Schema, t.Name)
	return one(b.stmt())
}

// AddForeignKey returns ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY.
func (d *mysqlDialect) AddForeignKey(t *model.Table, fk *model.ForeignKey) ([]string, error) {
	if err := d.checkForeignKey(t, fk); err != nil {
		return nil, err
	}
	if err := checkConstraintComment(d, t, "foreign key", fk.Name, fk.Comment); err != nil {
		return nil, err
	}
	return one(addForeignKeyStmt(d, t, fk, false))
}

// DropForeignKey returns ALTER TABLE … DROP FOREIGN KEY name.
func (d *mysqlDialect) DropForeignKey(t *model.Table, fk *model.ForeignKey) ([]string, error) {
	if fk.Name == "" {
		return nil, fmt.Errorf("mysql: %s: dropping it needs its name", describe(t, "foreign key", fk.Name))
	}
	b := newBuilder(d)
	b.raw("ALTER TABLE ").qualified(t.Schema, t.Name).raw(" DROP FOREIGN KEY ").ident(fk.Name)
	return one(b.stmt())
}

// CreateEnum returns no statements: MySQL enums live in the column type.
func (d *mysqlDialect) CreateEnum(*model.EnumType) ([]string, error) { return nil, nil }

// DropEnum returns no statements: MySQL enums live in the column type.
func (d *mysqlDialect) DropEnum(*model.EnumType) ([]string, error) { return nil, nil }

// sequenceObject names a sequence for messages.
func sequenceObject(s *model.Sequence) string {
	if s.Schema != "" {
		return fmt.Sprintf("sequence %q", s.Schema+"."+s.Name)
	}
	return fmt.Sprintf("sequence %q", s.Name)
}

func (d *mysqlDialect) checkSequences(s *model.Sequence) error {
	if !d.caps.Sequences {
		return Unsupported(d.Name(), sequenceObject(s), "a sequence",
			"MySQL has none (MariaDB 10.3+ has); use an AUTO_INCREMENT column")
	}
	return nil
}

// CreateSequence returns CREATE SEQUENCE (MariaDB 10.3+) with START WITH,
// INCREMENT BY, MINVALUE, MAXVALUE, CACHE and CYCLE. OWNED BY is
// PostgreSQL-only and refused.
func (d *mysqlDialect) CreateSequence(s *model.Sequence) ([]string, error) {
	if err := d.checkSequences(s); err != nil {
		return nil, err
	}
	if s.OwnedBy != "" {
		return nil, Unsupported(d.Name(), sequenceObject(s), "OWNED BY",
			"it is PostgreSQL-only; leave OwnedBy empty and drop the sequence explicitly")
	}
	if s.Cache < 0 {
		return nil, fmt.Errorf("mysql: %s: cache %d is negative", sequenceObject(s), s.Cache)
	}
	b := newBuilder(d)
	b.raw("CREATE SEQUENCE ").qualified(s.Schema, s.Name)
	num := func(v int64) string { return strconv.FormatInt(v, 10) }
	if s.Start != 0 {
		b.raw(" START WITH ", num(s.Start))
	}
	if s.Increment != 0 {
		b.raw(" INCREMENT BY ", num(s.Increment))
	}
	if s.MinValue != nil {
		b.raw(" MINVALUE ", num(*s.MinValue))
	}
	if s.MaxValue != nil {
		b.raw(" MAXVALUE ", num(*s.MaxValue))
	}
	if s.Cache > 0 {
		b.raw(" CACHE ", num(s.Cache))
	}
	if s.Cycle {
		b.raw(" CYCLE")
	}
	return one(b.stmt())
}

// DropSequence returns DROP SEQUENCE (MariaDB 10.3+).
func (d *mysqlDialect) DropSequence(s *model.Sequence) ([]string, error) {
	if err := d.checkSequences(s); err != nil {
		return nil, err
	}
	b := newBuilder(d)
	b.raw("DROP SEQUENCE ").qualified(s.Schema, s.Name)
	return one(b.stmt())
}

// CreateView returns CREATE VIEW name AS definition; a trailing semicolon
// of the definition is dropped.
func (d *mysqlDialect) CreateView(v *model.View) ([]string, error) {
	def := strings.TrimRight(strings.TrimSpace(v.Definition), "; \t\r\n")
	if def == "" {
		return nil, fmt.Errorf("mysql: view %q has no definition", v.Name)
	}
	if err := checkViewOptions(d, v, viewSupport{checkOption: true, securityInvoker: true, algorithm: true}); err != nil {
		return nil, err
	}
	var mods string
	if al := strings.ToUpper(v.Algorithm); al != "" && al != "UNDEFINED" {
		mods = "ALGORITHM = " + al + " "
	}
	if v.SecurityInvoker {
		mods += "SQL SECURITY INVOKER "
	}
	b := newBuilder(d)
	b.createView(v, def, mods, "")
	return one(b.stmt())
}

// DropView returns DROP VIEW.
func (d *mysqlDialect) DropView(v *model.View) ([]string, error) {
	b := newBuilder(d)
	b.raw("DROP VIEW ").qualified(v.Schema, v.Name)
	return one(b.stmt())
}
