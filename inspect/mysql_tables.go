package inspect

import (
	"context"
	"database/sql"
	"regexp"
	"strconv"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// readTables reads base tables (and MariaDB system-versioned tables) with
// their comments and options, and notes the sequences, which MariaDB lists
// in TABLES with TABLE_TYPE 'SEQUENCE', and whether there are views, which
// are read from VIEWS.
func (st *mysqlState) readTables(ctx context.Context) error {
	where, args := st.filter("TABLE_SCHEMA", "TABLE_NAME")
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS
FROM information_schema.TABLES
WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE', 'VIEW') AND ` + where
	return st.query(ctx, "tables", q, args, func(rows *sql.Rows) error {
		var schema, name, typ string
		var engine, coll, comment, createOptions sql.NullString
		if err := rows.Scan(&schema, &name, &typ, &engine, &coll, &comment, &createOptions); err != nil {
			return err
		}
		switch typ {
		case "SEQUENCE":
			st.sequences = append(st.sequences, mysqlKey{schema, name})
			return nil
		case "VIEW":
			st.views = true
			return nil
		}
		t := &model.Table{Schema: st.schemaName(schema), Name: name, Comment: comment.String}
		mt := &mysqlTable{t: t, engine: engine.String, collation: coll.String}
		// Options only where they differ from the defaults, as Normalize
		// leaves them: ENGINE=InnoDB is implied, and so is the schema's
		// default collation.
		if typ == "SYSTEM VERSIONED" {
			// MariaDB's system-versioned table with its implicit
			// row_start/row_end columns (hidden from COLUMNS).
			setOption(t, dialect.MariaDBSystemVersioning, "")
		}
		if engine.Valid && !strings.EqualFold(engine.String, "InnoDB") {
			setOption(t, "ENGINE", engine.String)
		}
		if def, ok := st.schemaCollation[schema]; coll.Valid && ok && !strings.EqualFold(coll.String, def) {
			charset, _, _ := strings.Cut(coll.String, "_")
			setOption(t, "DEFAULT CHARSET", charset)
			setOption(t, "COLLATE", coll.String)
		}
		for _, o := range strings.Fields(createOptions.String) {
			// The options given to CREATE TABLE (row_format=COMPRESSED,
			// stats_persistent=1, …); the partitioning of a table that
			// says "partitioned" is read from PARTITIONS.
			if o == "partitioned" {
				st.partitioned = true
			}
			if k, v, ok := strings.Cut(o, "="); ok && mysqlCreateOption.MatchString(k) && mysqlCreateOptionValue.MatchString(v) {
				setOption(t, strings.ToUpper(k), v)
			}
		}
		st.tables[mysqlKey{schema, name}] = mt
		st.md.Tables = append(st.md.Tables, t)
		return nil
	})
}

// mysqlCreateOption and mysqlCreateOptionValue match the name=value pairs
// of TABLES.CREATE_OPTIONS that CREATE TABLE takes back as written.
var (
	mysqlCreateOption      = regexp.MustCompile(`^[a-z_]+$`)
	mysqlCreateOptionValue = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
)

func setOption(t *model.Table, k, v string) {
	if t.Options == nil {
		t.Options = map[string]string{}
	}
	t.Options[k] = v
}

// readColumns reads every column of the tables in scope.
func (st *mysqlState) readColumns(ctx context.Context) error {
	where, args := st.filter("TABLE_SCHEMA", "TABLE_NAME")
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT,
	EXTRA, COLLATION_NAME, COLUMN_COMMENT, GENERATION_EXPRESSION
FROM information_schema.COLUMNS
WHERE ` + where + `
ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`
	return st.query(ctx, "columns", q, args, func(rows *sql.Rows) error {
		var schema, table, name, typ, nullable, extra string
		var def, coll, comment, gen sql.NullString
		if err := rows.Scan(&schema, &table, &name, &typ, &nullable, &def, &extra, &coll, &comment, &gen); err != nil {
			return err
		}
		mt := st.table(schema, table)
		if mt == nil {
			return nil // a view's or sequence's columns
		}
		c := &model.Column{
			Name:     name,
			Type:     st.in.d.ParseType(typ),
			Nullable: nullable == "YES",
			Comment:  comment.String,
		}
		if coll.Valid && !strings.EqualFold(coll.String, mt.collation) {
			c.Collation = coll.String
		}
		lextra := strings.ToLower(extra)
		switch {
		case strings.Contains(lextra, "virtual generated"):
			c.Generated = &model.Generated{Expr: st.cleanExpr(gen.String)}
		case strings.Contains(lextra, "stored generated"), strings.Contains(lextra, "persistent generated"):
			c.Generated = &model.Generated{Expr: st.cleanExpr(gen.String), Stored: true}
		default:
			c.Default = st.columnDefault(c.Type, def, lextra)
			if c.Default != nil && c.Default.Expr != "" && mt.t.Schema == "" {
				c.Default.Expr = st.unqualify(c.Default.Expr, schema)
			}
		}
		c.AutoIncrement = strings.Contains(lextra, "auto_increment")
		c.Invisible = strings.Contains(lextra, "invisible")
		mt.t.Columns = append(mt.t.Columns, c)
		return nil
	})
}

// mysqlNumber matches a numeric constant as COLUMN_DEFAULT prints it.
var mysqlNumber = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// mysqlIntroducer matches a character set introducer before a string
// literal (_utf8mb4'a'), which MySQL 8 prints in expressions.
var mysqlIntroducer = regexp.MustCompile(`_[a-z0-9]+'`)

// columnDefault reads COLUMN_DEFAULT and EXTRA into a default.
//
// MariaDB (10.2.7+) prints a literal string quoted, with quotes doubled,
// a number bare, an expression as SQL text (current_timestamp()), and NULL
// as the word NULL. MySQL 8 prints a literal's value unquoted and an
// expression default (CURRENT_TIMESTAMP, (expr)) with DEFAULT_GENERATED in
// EXTRA, its strings escaped (_utf8mb4\'a\'). ON UPDATE, from EXTRA, is
// kept in the expression as the dialect writes it.
func (st *mysqlState) columnDefault(t model.Type, raw sql.NullString, extra string) *model.Default {
	if !raw.Valid {
		return nil
	}
	s := raw.String
	expr := ""
	if st.mariadb {
		switch {
		case s == "NULL":
			return nil
		case mysqlNumber.MatchString(s):
			return &model.Default{Literal: mysqlLiteral(t, s, false)}
		case isQuoted(s):
			if v, ok := unquoteMySQL(s); ok {
				return &model.Default{Literal: mysqlLiteral(t, v, true)}
			}
		}
		expr = s
	} else {
		if !strings.Contains(extra, "default_generated") {
			return &model.Default{Literal: mysqlLiteral(t, s, !mysqlNumericType(t))}
		}
		expr = st.cleanExpr(strings.ReplaceAll(s, `\'`, `'`))
		inner := strings.TrimSpace(expr)
		for len(inner) > 1 && inner[0] == '(' && inner[len(inner)-1] == ')' {
			inner = strings.TrimSpace(inner[1 : len(inner)-1])
		}
		switch {
		case strings.EqualFold(inner, "NULL"):
			return nil
		case mysqlNumber.MatchString(inner):
			return &model.Default{Literal: mysqlLiteral(t, inner, false)}
		case isQuoted(inner):
			if v, ok := unquoteMySQL(inner); ok {
				return &model.Default{Literal: mysqlLiteral(t, v, true)}
			}
		}
	}
	if i := strings.Index(extra, "on update "); i >= 0 {
		if f := strings.Fields(extra[i+len("on update "):]); len(f) > 0 {
			expr += " ON UPDATE " + f[0]
		}
	}
	return &model.Default{Expr: expr}
}

// unqualify drops the qualifier of the connected database from an
// expression the server wrote with every name qualified: MariaDB keeps a
// sequence default as nextval(`db`.`seq`), and the default must name the
// sequence of whichever database the table is created in (the reload, a
// scratch database of a SQL model), as views do.
func (st *mysqlState) unqualify(expr, schema string) string {
	if u, ok := st.in.d.(dialect.ViewUnqualifier); ok {
		return u.UnqualifyView(expr, schema)
	}
	return expr
}

// cleanExpr drops what MySQL 8 adds to the expressions it prints:
// character set introducers before string literals.
func (st *mysqlState) cleanExpr(s string) string {
	if st.mariadb {
		return s
	}
	return mysqlIntroducer.ReplaceAllStringFunc(s, func(m string) string { return "'" })
}

// mysqlNumericType reports whether a column's literals are numbers, so
// that MySQL's unquoted COLUMN_DEFAULT is read as one.
func mysqlNumericType(t model.Type) bool {
	switch t.Kind {
	case model.KindSmallInt, model.KindInteger, model.KindBigInt, model.KindBoolean,
		model.KindNumeric, model.KindReal, model.KindDouble:
		return true
	case model.KindRaw:
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(t.Raw)), "(")
		base, _, _ = strings.Cut(base, " ")
		switch base {
		case "tinyint", "smallint", "mediumint", "int", "integer", "bigint",
			"decimal", "numeric", "dec", "fixed", "float", "double", "real":
			return true
		}
	}
	return false
}

// mysqlLiteral turns a default's text into the Go value the column type
// calls for: bool for booleans, int64 for integers, float64 for numeric
// and floating-point types, string otherwise. quoted tells a string
// literal from a bare number on types without a portable kind.
func mysqlLiteral(t model.Type, s string, quoted bool) any {
	switch t.Kind {
	case model.KindBoolean:
		switch strings.ToLower(s) {
		case "1", "true":
			return true
		case "0", "false":
			return false
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	case model.KindSmallInt, model.KindInteger, model.KindBigInt:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	case model.KindNumeric, model.KindReal, model.KindDouble:
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	case model.KindRaw:
		if quoted || !mysqlNumber.MatchString(s) {
			return s
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	}
	return s
}

// isQuoted reports whether s is exactly one single-quoted string literal.
func isQuoted(s string) bool {
	if len(s) < 2 || s[0] != '\'' {
		return false
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '\'':
			if i+1 < len(s) && s[i+1] == '\'' {
				i++
				continue
			}
			return i == len(s)-1
		}
	}
	return false
}

// unquoteMySQL reads a single-quoted MySQL string literal: a doubled quote
// is a quote and a backslash escapes the next character.
func unquoteMySQL(s string) (string, bool) {
	if !isQuoted(s) {
		return "", false
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' && i+1 < len(s) && s[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteString(mysqlEscape(s[i]))
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// mysqlEscape returns what a backslash followed by c means in a string,
// as dialect.UnescapeMySQL, except that \% and \_ keep their backslash
// (they are LIKE escapes).
func mysqlEscape(c byte) string {
	if c == '%' || c == '_' {
		return `\` + string(c)
	}
	return dialect.UnescapeMySQL(c)
}
