package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// init registers the MySQL/MariaDB inspector.
func init() {
	register("mysql", func(d dialect.Dialect) Inspector { return &mysqlInspector{d: d} })
}

var _ poolInspector = (*mysqlInspector)(nil)

// mysqlInspector inspects MySQL 8 and MariaDB 10.3+ databases. It reads
// information_schema with one query per object kind (eleven in all, and
// one more each with views, partitioned tables, sequences and routines),
// whatever the number of tables:
//
//	session     DATABASE(), VERSION(), @@SESSION.sql_mode
//	schemata    default collation of each schema in scope
//	tables      TABLES (base tables, MariaDB sequences, whether there are
//	            views)
//	columns     COLUMNS
//	checks      CHECK_CONSTRAINTS (MariaDB 10.2+, MySQL 8.0.16+)
//	indexes     STATISTICS (primary key, unique constraints, indexes)
//	foreign     KEY_COLUMN_USAGE and REFERENTIAL_CONSTRAINTS (two queries:
//	            joining them inside information_schema is several times
//	            slower on MariaDB than joining in Go)
//	partitions  PARTITIONS, only when TABLES says a table is partitioned
//	views       VIEWS, only when TABLES lists a view
//	sequences   one UNION ALL over the sequences found (MariaDB 10.3+), only
//	            when there are any: MariaDB 10.11 has no catalog view of
//	            sequence parameters, each sequence is a one-row table
//	routines    ROUTINES (functions and procedures) and, when there are
//	            any, PARAMETERS (see mysql_routines.go for their text)
//	triggers    TRIGGERS
//	events      EVENTS
//
// The first three run one after another; the others only look up the
// tables read, and run at the same time when the inspector is given a pool
// (runSteps; inspect.Database gives it one).
//
// Rows are joined in Go by (schema, table). Include/exclude globs become
// LIKE conditions with bound parameters, so the number of placeholders
// depends on the number of globs and schemas, never on the tables.
//
// MySQL and MariaDB report some things differently (quoting of defaults,
// JSON, expression indexes, check constraints); the server flavour comes
// from VERSION(), so the inspector is right whichever dialect value it was
// given, and the dialect's capabilities decide which catalog columns exist.
// Measured on MariaDB 10.11 (2 cores), 1,000 tables of the benchmark
// workload inspect in about 0.23 s; COLUMNS and STATISTICS take half of it.
type mysqlInspector struct {
	d dialect.Dialect
}

// takesPool marks the inspector a poolInspector:
// information_schema is built from the data dictionary by each query
// (DDL commits and is not versioned), so a transaction's snapshot does not
// cover it.
func (in *mysqlInspector) takesPool() {}

// mysqlKey identifies a table (or view, sequence) by its real schema name.
type mysqlKey struct{ schema, name string }

// mysqlTable is a table being read, with what later queries need.
type mysqlTable struct {
	t         *model.Table
	engine    string
	collation string
}

// mysqlState is one inspection: the scope, and the objects read so far.
type mysqlState struct {
	in      *mysqlInspector
	q       dialect.Querier
	md      *model.MetaData
	current string // DATABASE(): its objects get an empty Schema
	mariadb bool
	schemas []string
	include []string // LIKE patterns
	exclude []string
	// schemaCollation is each schema's default collation.
	schemaCollation map[string]string
	tables          map[mysqlKey]*mysqlTable
	sequences       []mysqlKey
	// sqlMode is the session's sql_mode: routines, triggers and events
	// created under another keep theirs (Definition.SQLMode).
	sqlMode string
	// partitioned says that a table in scope is partitioned (TABLES
	// CREATE_OPTIONS), so that PARTITIONS, which opens every table, is
	// read only then.
	partitioned bool
	// views says that TABLES lists a view in scope, so that VIEWS, which
	// reads every table's definition file, is read only then.
	views bool
	// The steps after readTables may run at the same time (runSteps):
	// each fills its own fields, which Inspect puts together after them.
	checks                     []mysqlCheck
	routines, triggers, events []*model.Definition
}

// Inspect reads the tables, views and sequences of the schemas in scope.
func (in *mysqlInspector) Inspect(ctx context.Context, q dialect.Querier, opts Options) (*model.MetaData, error) {
	st := &mysqlState{
		in:              in,
		q:               q,
		md:              &model.MetaData{},
		include:         likePatterns(opts.Include),
		exclude:         likePatterns(opts.Exclude),
		schemaCollation: map[string]string{},
		tables:          map[mysqlKey]*mysqlTable{},
	}
	if err := st.session(ctx, opts.Schemas); err != nil {
		return nil, err
	}
	if err := st.readSchemata(ctx); err != nil {
		return nil, err
	}
	if err := st.readTables(ctx); err != nil {
		return nil, err
	}
	// The other queries only look tables up: on a pool they run at the
	// same time, the costliest first, each filling what it alone owns.
	err := runSteps(ctx, q,
		st.readColumns,
		st.readIndexes,
		st.readForeignKeys,
		st.readChecks,
		st.readTriggers,
		st.readViews,
		st.readRoutines,
		st.readPartitions,
		st.readSequences,
		st.readEvents,
	)
	if err != nil {
		return nil, err
	}
	st.addChecks()
	st.md.Definitions = slices.Concat(st.routines, st.triggers, st.events)
	for _, mt := range st.tables {
		mysqlDropFKIndexes(mt.t)
	}
	sortModel(st.md)
	nameDependencies(st.md)
	return st.md, nil
}

// session reads the connected database and the server flavour, and settles
// the schemas in scope.
func (st *mysqlState) session(ctx context.Context, schemas []string) error {
	var current sql.NullString
	var version string
	if err := queryRow(ctx, st.q, "SELECT DATABASE(), VERSION(), @@SESSION.sql_mode", nil, &current, &version, &st.sqlMode); err != nil {
		return fmt.Errorf("inspect mysql: session: %w", err)
	}
	st.current = current.String
	st.mariadb = strings.Contains(strings.ToLower(version), "mariadb")
	st.schemas = schemas
	if len(st.schemas) == 0 {
		if st.current == "" {
			return fmt.Errorf("inspect mysql: no database selected and no schemas given")
		}
		st.schemas = []string{st.current}
	}
	return nil
}

// definitionSQLMode is the Definition.SQLMode of an object created under
// mode: empty when it is the session's.
func (st *mysqlState) definitionSQLMode(mode string) string {
	if mode == st.sqlMode {
		return ""
	}
	return mode
}

// schemaName is the Schema the model gives an object of the real schema s.
func (st *mysqlState) schemaName(s string) string {
	if s == st.current {
		return ""
	}
	return s
}

// schemaIn returns "schemaCol IN (?, …)" for the schemas in scope, with
// its arguments.
func (st *mysqlState) schemaIn(schemaCol string) (string, []any) {
	marks := make([]string, len(st.schemas))
	args := make([]any, len(st.schemas))
	for i, s := range st.schemas {
		marks[i] = "?"
		args[i] = s
	}
	return schemaCol + " IN (" + strings.Join(marks, ", ") + ")", args
}

// filter returns the WHERE condition restricting schemaCol to the schemas
// in scope and nameCol to the include/exclude globs, with its arguments.
// Names compare as binary strings, so that globs are case-sensitive like
// the names themselves; LIKE's escape character is the default '\'.
func (st *mysqlState) filter(schemaCol, nameCol string) (string, []any) {
	where, args := st.schemaIn(schemaCol)
	likes := func(pats []string) string {
		parts := make([]string, len(pats))
		for i, p := range pats {
			parts[i] = "CAST(" + nameCol + " AS BINARY) LIKE CAST(? AS BINARY)"
			args = append(args, p)
		}
		return "(" + strings.Join(parts, " OR ") + ")"
	}
	if len(st.include) > 0 {
		where += " AND " + likes(st.include)
	}
	if len(st.exclude) > 0 {
		where += " AND NOT " + likes(st.exclude)
	}
	return where, args
}

// query runs one catalog query and calls scan for each row.
func (st *mysqlState) query(ctx context.Context, what, query string, args []any, scan func(*sql.Rows) error) error {
	return eachRow(ctx, st.q, "mysql", what, query, args, scan)
}

// readSchemata reads the default character set and collation of each
// schema in scope: a table whose collation differs carries it as an
// option, and the model keeps them (MetaData.CharsetDefaults) for the
// routine parameters that leave them out (see withCharset).
func (st *mysqlState) readSchemata(ctx context.Context) error {
	where, args := st.schemaIn("s.SCHEMA_NAME")
	q := `SELECT s.SCHEMA_NAME, s.DEFAULT_CHARACTER_SET_NAME, s.DEFAULT_COLLATION_NAME, COALESCE(cs.DEFAULT_COLLATE_NAME, '')
FROM information_schema.SCHEMATA s
LEFT JOIN information_schema.CHARACTER_SETS cs ON cs.CHARACTER_SET_NAME = s.DEFAULT_CHARACTER_SET_NAME
WHERE ` + where
	return st.query(ctx, "schemata", q, args, func(rows *sql.Rows) error {
		var name, charset, coll, charsetColl string
		if err := rows.Scan(&name, &charset, &coll, &charsetColl); err != nil {
			return err
		}
		st.schemaCollation[name] = coll
		if st.md.CharsetDefaults == nil {
			st.md.CharsetDefaults = map[string]model.CharsetDefault{}
		}
		st.md.CharsetDefaults[st.schemaName(name)] = model.CharsetDefault{Charset: charset, Collation: coll,
			CharsetCollation: strings.EqualFold(coll, charsetColl)}
		return nil
	})
}

// table returns the table read for (schema, name), or nil when it is out
// of scope (a view's columns, a sequence).
func (st *mysqlState) table(schema, name string) *mysqlTable {
	return st.tables[mysqlKey{schema, name}]
}
