package inspect

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

func init() {
	register("sqlite", func(d dialect.Dialect) Inspector { return &sqliteInspector{d: d} })
}

var _ Inspector = (*sqliteInspector)(nil)

// sqliteInspector reads SQLite schemas from sqlite_schema and the pragma
// table-valued functions (pragma_table_xinfo, pragma_foreign_key_list,
// pragma_index_list, pragma_index_xinfo), joined to sqlite_schema so that
// each object kind takes one query per attached database however many
// tables it holds: objects, columns, indexes, and foreign keys when a
// table's statement does not settle them (plus one query resolving the
// columns of referenced tables outside the filters, when there are
// such). What the pragmas do not report (constraint names, checks,
// collations, generated expressions, AUTOINCREMENT, deferrability, index
// expressions and predicates) is read from the CREATE statements with a
// small tokenizer, and so are the foreign keys and the indexes whose keys
// are column names: each pragma call prepares a PRAGMA statement, which
// on 1,000 tables cost more than reading the statements (see
// statementForeignKeys and columnIndex).
//
// Include and Exclude globs are matched with SQLite's GLOB, which is case
// sensitive, like the filters of the other inspectors (LIKE would fold
// ASCII case on SQLite).
type sqliteInspector struct {
	d dialect.Dialect
}

// sqliteScope is one attached database being inspected.
type sqliteScope struct {
	// db is the attached database's name ("main", "temp", an ATTACH alias);
	// schema is the name tables carry in the model ("" for main).
	db, schema string
	// from is the quoted sqlite_schema of db, for FROM clauses.
	from string
	// filter is an SQL condition on the column "m.tbl_name" applying the
	// include and exclude globs, with its arguments in filterArgs.
	filter     string
	filterArgs []any
	// tables are the tables in scope by name, and in the order read.
	tables map[string]*sqliteTable
	order  []*sqliteTable
	// indexSQL holds the CREATE INDEX statements by index name, and
	// indexOrder the indexes of tables in scope in the order read.
	indexSQL   map[string]string
	indexOrder []sqliteIndexDef
	// allTables maps the lower-case names of all tables of db, in scope
	// or not, to their own spelling.
	allTables map[string]string
}

// sqliteTable is a table being assembled.
type sqliteTable struct {
	t *model.Table
	// create is what the table's CREATE TABLE statement says.
	create *createTable
	// pkCols are the primary key columns with their position in the key.
	pkCols []pkCol
	// fks are the foreign keys by pragma id; uniqueIdx the columns of the
	// indexes SQLite made for UNIQUE constraints.
	fks       map[int]*sqliteFK
	uniqueIdx [][]string
}

// sqliteIndexDef is an index created by CREATE INDEX: its name, its
// table and its statement.
type sqliteIndexDef struct {
	name, table, sql string
}

// pkCol is a primary key column and its position (1, 2, …) in the key.
type pkCol struct {
	seq  int
	name string
}

// Inspect reads the tables, views and indexes of the attached databases in
// opts.Schemas (names or globs: "*" is every attached database but temp),
// or of "main".
func (in *sqliteInspector) Inspect(ctx context.Context, q dialect.Querier, opts Options) (*model.MetaData, error) {
	dbs := opts.Schemas
	if len(dbs) == 0 {
		dbs = []string{"main"}
	}
	if hasGlob(dbs) {
		var err error
		if dbs, err = in.matchingDatabases(ctx, q, dbs); err != nil {
			return nil, err
		}
	}
	md := &model.MetaData{}
	for _, db := range dbs {
		sc, err := in.scope(db, opts)
		if err != nil {
			return nil, err
		}
		if err := in.objects(ctx, q, sc, md); err != nil {
			return nil, err
		}
		if len(sc.order) == 0 {
			continue
		}
		if err := in.columns(ctx, q, sc); err != nil {
			return nil, err
		}
		if err := in.foreignKeys(ctx, q, sc); err != nil {
			return nil, err
		}
		if err := in.indexes(ctx, q, sc); err != nil {
			return nil, err
		}
		for _, st := range sc.order {
			in.finishTable(st)
			md.Tables = append(md.Tables, st.t)
		}
	}
	sortModel(md)
	nameDependencies(md)
	return md, nil
}

// scope prepares the queries' common parts for one attached database.
func (in *sqliteInspector) scope(db string, opts Options) (*sqliteScope, error) {
	q, err := in.d.QuoteIdent(db)
	if err != nil {
		return nil, fmt.Errorf("inspect sqlite: database name: %w", err)
	}
	sc := &sqliteScope{db: db, from: q + ".sqlite_schema", tables: map[string]*sqliteTable{}}
	if !strings.EqualFold(db, "main") {
		sc.schema = db
	}
	sc.filter, sc.filterArgs = sqliteGlobFilter("m.tbl_name", opts.Include, opts.Exclude)
	return sc, nil
}

// sqliteGlobFilter returns an SQL condition on col applying include and
// exclude globs, and its bound arguments. Globs use * and ? only, so any
// [ in a name is made literal for GLOB as [[].
func sqliteGlobFilter(col string, include, exclude []string) (string, []any) {
	var conds []string
	var args []any
	anyOf := func(globs []string) string {
		parts := make([]string, len(globs))
		for i, g := range globs {
			parts[i] = col + " GLOB ?"
			args = append(args, strings.ReplaceAll(g, "[", "[[]"))
		}
		return "(" + strings.Join(parts, " OR ") + ")"
	}
	if len(include) > 0 {
		conds = append(conds, anyOf(include))
	}
	if len(exclude) > 0 {
		conds = append(conds, "NOT "+anyOf(exclude))
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

// args returns the bound arguments of a query: first those given, then the
// filter's.
func (sc *sqliteScope) args(first ...any) []any {
	return append(first, sc.filterArgs...)
}

// sqliteUserObject is the condition that leaves out SQLite's internal
// objects (sqlite_schema, sqlite_sequence, sqlite_stat1, the automatic
// indexes sqlite_autoindex_…); SQLite reserves the prefix in any case.
const sqliteUserObject = `m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`

// sqliteRealTable is the condition that leaves out virtual tables, whose
// pragmas need their module (which the connection may lack).
const sqliteRealTable = `m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%'`

// matchingDatabases returns the attached databases (but temp) whose names
// match one of the globs or names in want, in attachment order.
func (in *sqliteInspector) matchingDatabases(ctx context.Context, q dialect.Querier, want []string) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT name FROM pragma_database_list ORDER BY seq")
	if err != nil {
		return nil, fmt.Errorf("inspect sqlite: attached databases: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("inspect sqlite: attached databases: %w", err)
		}
		if name != "temp" && slices.ContainsFunc(want, func(p string) bool { return MatchGlob(p, name) }) {
			out = append(out, name)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inspect sqlite: attached databases: %w", err)
	}
	return out, nil
}
