package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

func init() {
	register("postgres", func(d dialect.Dialect) Inspector { return &pgInspector{d: d} })
}

// pgInspector reads a PostgreSQL schema from the system catalogs
// (pg_class, pg_attribute, pg_constraint, pg_index, …) rather than from
// information_schema, which hides objects the user does not own and is
// much slower on large schemas.
//
// It issues at most a fixed number of queries, one per object kind (scope,
// schemas, extensions, domains, tables, columns, constraints, indexes,
// sequences, enum types, views, functions, foreign servers and tables,
// triggers, rules, policies, event triggers), whatever the number of
// tables, and none for a kind the database has not got (pgPresent); it
// joins their rows in Go by OID. On a pool the queries run at the same
// time, on up to maxConcurrentQueries connections whose read-only
// transactions share one snapshot (pgSession), which adds one query to
// export the snapshot and one per connection to import it. The catalog
// columns it reads (attgenerated, conparentid, indnkeyatts) need
// PostgreSQL 12 or newer.
//
// Objects that belong to an extension (pg_depend deptype 'e') are left
// out: CREATE EXTENSION brings them back. Partitions are tables with
// PartitionOf and no columns of their own; what PostgreSQL clones onto them
// from the partitioned table (indexes, constraints, triggers) is reported
// once, on the parent. Serial columns stay what they are: a default calling
// nextval and a sequence owned by the column.
//
// Materialized views, foreign servers and tables, event triggers and the
// other objects the model does not take apart are definitions. Not
// reported: foreign data wrappers not made by an extension, user
// mappings, and the options of identity sequences beyond start and
// increment.
type pgInspector struct {
	d dialect.Dialect
}

var _ poolInspector = (*pgInspector)(nil)

// takesPool marks the inspector a poolInspector: on a pool it
// begins the read-only transactions that share one snapshot itself
// (pgSession).
func (in *pgInspector) takesPool() {}

// pgScope is what every catalog query is bound to: the schemas to read,
// the one that is the connection's default, and the include/exclude
// globs as LIKE patterns.
type pgScope struct {
	schemas []string
	current string // schema whose objects come back with an empty Schema
	version int    // server_version_num: 150004 for 15.4
	include []string
	exclude []string
	present pgPresent
}

// pgPresent says which kinds of objects the schemas in scope have, read
// with the schemas (pgSchemasQuery): the query of an absent kind is not
// sent. A schema without triggers, rules, policies, event triggers,
// foreign servers or tables, collations, sequences or enum types (the benchmark's
// 1,000 tables) is read with ten queries instead of eighteen, each of
// which costs a round trip and its planning.
type pgPresent struct {
	sequences, enums, triggers, rules, policies, eventTriggers, foreign, operators, collations, textSearch, casts, opClasses bool
}

// args returns the bound parameters $1 (schemas), $2 (include) and $3
// (exclude) shared by the catalog queries.
func (s *pgScope) args() []any {
	return []any{s.schemas, s.include, s.exclude}
}

// versioned returns a catalog query for the server: each
// "{nulls_not_distinct X}" becomes pg_index X's indnullsnotdistinct from
// PostgreSQL 15, false before (the column is missing). Reading it through
// to_jsonb of the whole pg_index row, which serves every version in one
// text, cost a few milliseconds at 1,000 tables.
func (s *pgScope) versioned(query string) string {
	return pgNullsNotDistinct.ReplaceAllStringFunc(query, func(m string) string {
		if s.version < 150000 {
			return "false"
		}
		return pgNullsNotDistinct.FindStringSubmatch(m)[1] + ".indnullsnotdistinct"
	})
}

// pgNullsNotDistinct is the placeholder pgScope.versioned replaces.
var pgNullsNotDistinct = regexp.MustCompile(`\{nulls_not_distinct (\w+)\}`)

// schemaOf returns the model spelling of a schema: empty for the default.
func (s *pgScope) schemaOf(nspname string) string {
	if nspname == s.current {
		return ""
	}
	return nspname
}

// pgNameFilter returns the SQL condition that applies the include and
// exclude globs ($2, $3) to a name column.
func pgNameFilter(col string) string {
	return fmt.Sprintf("(cardinality($2::text[]) = 0 OR %[1]s LIKE ANY($2::text[])) AND NOT (%[1]s LIKE ANY($3::text[]))", col)
}

// pgNotExtensionMember is the condition that an object (class catalog,
// oid) is not part of an extension. The members are found from the
// extensions through pg_depend's index on referenced objects, once per
// query: a lookup per row, or a scan of pg_depend, costs far more on a
// database with many objects.
func pgNotExtensionMember(class, oid string) string {
	return fmt.Sprintf(`%s NOT IN (SELECT e.objid FROM pg_catalog.pg_extension x
  JOIN pg_catalog.pg_depend e ON e.refclassid = 'pg_catalog.pg_extension'::regclass AND e.refobjid = x.oid
  WHERE e.classid = '%s'::regclass AND e.deptype = 'e')`, oid, class)
}

// pgTableFilter is the condition selecting the tables in scope, for a
// query joining pg_class c and pg_namespace n: ordinary and partitioned
// tables and partitions, in the scope's schemas ($1), by name, that no
// extension owns.
var pgTableFilter = "c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[]) AND " + pgNameFilter("c.relname") +
	" AND " + pgNotExtensionMember("pg_catalog.pg_class", "c.oid")

// pgState carries what the per-kind readers share while one inspection
// runs: the scope, the model being built and the tables by OID.
type pgState struct {
	d      dialect.Dialect
	scope  *pgScope
	md     *model.MetaData
	tables map[int64]*pgTable
	// columns are the rows of readColumns, which runs with readTables;
	// addColumns gives them to their tables.
	columns []pgColumn
	// bodyChecked are the functions whose bodies the server checks on
	// creation; once every step's objects are merged, each also depends
	// on the tables and views its body names (resolveBodies).
	bodyChecked []*model.Definition
}

// pgTable is a table being read, with its columns by attribute number. A
// partition's columns are known here but not listed in the model (they
// come from its parent).
type pgTable struct {
	t       *model.Table
	columns map[int]*model.Column
}

// columnNames maps attribute numbers to column names.
func (pt *pgTable) columnNames(nums []int) ([]string, error) {
	names := make([]string, len(nums))
	for i, n := range nums {
		c, ok := pt.columns[n]
		if !ok {
			return nil, fmt.Errorf("table %q has no column number %d", pt.t.QualifiedName(), n)
		}
		names[i] = c.Name
	}
	return names, nil
}

// Inspect reads the schemas in scope. It never writes; inspect.Database
// gives it the pool, on which it reads in read-only transactions that
// share one snapshot (pgSession), running the independent queries at the
// same time; on a connection or transaction they run one after another.
// Each step fills a pgState of its own, put together in a fixed order, so
// that the model is the same either way.
func (in *pgInspector) Inspect(ctx context.Context, q dialect.Querier, opts Options) (*model.MetaData, error) {
	sess, err := pgOpenSession(ctx, in.d, q)
	if err != nil {
		return nil, err
	}
	defer sess.close()
	scope, err := in.scope(ctx, sess.first, opts)
	if err != nil {
		return nil, err
	}
	st := &pgState{d: in.d, scope: scope, md: &model.MetaData{}, tables: map[int64]*pgTable{}}
	qs := sess.queriers()
	// The steps in the order their objects go into the model. Those of
	// the first rounds need only the scope, the columns (the costliest)
	// started first; the schemas say which kinds the last round reads
	// (pgPresent), whose steps look up the tables and columns read.
	has := &scope.present
	steps := []*pgStep{
		{round: 1, read: (*pgState).readSchemas},
		{round: 1, read: (*pgState).readExtensions},
		{round: 2, read: (*pgState).readCollations, when: &has.collations},
		{round: 2, read: (*pgState).readTextSearch, when: &has.textSearch},
		{round: 1, read: (*pgState).readDomains},
		{round: 1, read: (*pgState).readTables},
		{round: 0, read: (*pgState).readColumns},
		{round: 2, read: (*pgState).readConstraints},
		{round: 2, read: (*pgState).readIndexes},
		{round: 2, read: (*pgState).readSequences, when: &has.sequences},
		{round: 2, read: (*pgState).readEnums, when: &has.enums},
		{round: 1, read: (*pgState).readViews},
		{round: 1, read: (*pgState).readFunctions},
		{round: 2, read: (*pgState).readOperators, when: &has.operators},
		{round: 2, read: (*pgState).readCasts, when: &has.casts},
		{round: 2, read: (*pgState).readOpClasses, when: &has.opClasses},
		{round: 2, read: (*pgState).readForeign, when: &has.foreign},
		{round: 2, read: (*pgState).readTriggers, when: &has.triggers},
		{round: 2, read: (*pgState).readRules, when: &has.rules},
		{round: 2, read: (*pgState).readPolicies, when: &has.policies},
		{round: 2, read: (*pgState).readEventTriggers, when: &has.eventTriggers},
	}
	byRound := slices.Clone(steps)
	slices.SortStableFunc(byRound, func(a, b *pgStep) int { return a.round - b.round })
	last := slices.IndexFunc(byRound, func(s *pgStep) bool { return s.round == 2 })
	if err := st.run(ctx, qs, byRound[:last]); err != nil {
		return nil, err
	}
	st.addTables(byRound[:last])
	if err := st.run(ctx, qs, byRound[last:]); err != nil {
		return nil, err
	}
	for _, step := range steps {
		if step.sub != nil {
			st.merge(step.sub.md)
		}
	}
	for _, step := range steps {
		if step.sub != nil {
			st.resolveBodies(step.sub.bodyChecked)
		}
	}
	sortModel(st.md)
	return st.md, nil
}

// scope resolves the schemas to read: opts.Schemas, or current_schema().
// System schemas (pg_catalog, information_schema, pg_toast, …) are never
// read.
func (in *pgInspector) scope(ctx context.Context, q dialect.Querier, opts Options) (*pgScope, error) {
	var current sql.NullString
	var version int
	if err := queryRow(ctx, q, "SELECT current_schema(), current_setting('server_version_num')::int", nil, &current, &version); err != nil {
		return nil, fmt.Errorf("inspect postgres: current schema: %w", err)
	}
	s := &pgScope{current: current.String, version: version, include: likePatterns(opts.Include), exclude: likePatterns(opts.Exclude)}
	want := opts.Schemas
	if len(want) == 0 {
		if !current.Valid {
			return nil, fmt.Errorf("inspect postgres: no current schema: the search_path names no existing schema; set it or pass the schemas to inspect")
		}
		want = []string{current.String}
	}
	if hasGlob(want) {
		var err error
		if want, err = in.matchingSchemas(ctx, q, want); err != nil {
			return nil, err
		}
	}
	for _, name := range want {
		if strings.HasPrefix(name, "pg_") || name == "information_schema" {
			continue
		}
		s.schemas = append(s.schemas, name)
	}
	if s.schemas == nil {
		s.schemas = []string{} // an empty text[], never NULL
	}
	return s, nil
}

// pgSchemaGlobQuery lists the user schemas whose names match the LIKE
// patterns $1.
var pgSchemaGlobQuery = `
SELECT nspname FROM pg_catalog.pg_namespace
WHERE nspname LIKE ANY($1::text[]) AND nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema'
ORDER BY nspname`

// matchingSchemas resolves schema names and globs (--schema '*' for every
// user schema) into the names of existing schemas.
func (in *pgInspector) matchingSchemas(ctx context.Context, q dialect.Querier, names []string) ([]string, error) {
	var out []string
	err := eachRow(ctx, q, "postgres", "schemas matching "+strings.Join(names, ", "), pgSchemaGlobQuery, []any{likePatterns(names)}, func(rows *sql.Rows) error {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// each runs a catalog query bound to the scope and calls scan for every
// row; errors are prefixed with "inspect postgres: <what>:".
func (st *pgState) each(ctx context.Context, q dialect.Querier, what, query string, scan func(*sql.Rows) error) error {
	return eachRow(ctx, q, "postgres", what, query, st.scope.args(), scan)
}

// eachInSchemas runs a catalog query bound to the scope's schemas only
// ($1), for objects the globs on names do not select.
func (st *pgState) eachInSchemas(ctx context.Context, q dialect.Querier, what, query string, scan func(*sql.Rows) error) error {
	return eachRow(ctx, q, "postgres", what, query, []any{st.scope.schemas}, scan)
}
