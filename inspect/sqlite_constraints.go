package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// sqliteFK is a foreign key as pragma_foreign_key_list reports it.
type sqliteFK struct {
	id int
	// rawTable is the referenced table as written in REFERENCES, for
	// matching the CREATE text; fk.RefTable is the table's own spelling.
	rawTable string
	fk       *model.ForeignKey
}

// foreignKeys reads the foreign keys of every table in scope. Those of a
// table whose CREATE TABLE statement settles them are read from it
// (statementForeignKeys); the others with one query of
// pragma_foreign_key_list, called only for those tables (each call
// prepares a PRAGMA statement). The referenced table and columns are
// given their declared spelling (SQLite keeps them as written in
// REFERENCES, in any case), and a REFERENCES without columns is resolved
// to the referenced primary key. The referenced columns are resolved from
// the columns already read when the referenced table is in scope
// (refColumns); references to other tables are resolved by one more
// query.
func (in *sqliteInspector) foreignKeys(ctx context.Context, q dialect.Querier, sc *sqliteScope) error {
	var refs []fkRef
	var pragmaTables []string
	for _, st := range sc.order {
		if !statementForeignKeys(sc, st, &refs) {
			pragmaTables = append(pragmaTables, st.t.Name)
		}
	}
	if len(pragmaTables) == 0 {
		return in.refColumns(ctx, q, sc, refs)
	}
	tables, err := jsonList(pragmaTables)
	if err != nil {
		return fmt.Errorf("inspect sqlite: foreign keys of %q: %w", sc.db, err)
	}
	query := `SELECT m.name, p.id, p.seq, p."table", COALESCE(p."from", ''), p.on_update, p.on_delete, p."to"
FROM ` + sc.from + ` m JOIN pragma_foreign_key_list(m.name, ?) p
WHERE ` + sqliteRealTable + ` AND ` + sqliteUserObject + ` AND (` + sc.filter + `) AND m.name IN (SELECT value FROM json_each(?))`
	rows, err := q.QueryContext(ctx, query, append(sc.args(sc.db), tables)...)
	if err != nil {
		return fmt.Errorf("inspect sqlite: foreign keys of %q: %w", sc.db, err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, rawTable, from, onUpdate, onDelete string
		var to sql.NullString
		var id, seq int
		if err := rows.Scan(&table, &id, &seq, &rawTable, &from, &onUpdate, &onDelete, &to); err != nil {
			return fmt.Errorf("inspect sqlite: foreign keys of %q: %w", sc.db, err)
		}
		st := sc.tables[table]
		if st == nil || seq < 0 {
			continue
		}
		if st.fks == nil {
			st.fks = map[int]*sqliteFK{}
		}
		f := st.fks[id]
		if f == nil {
			refTable, ok := sc.allTables[sqliteFold(rawTable)]
			if !ok {
				refTable = rawTable // SQLite accepts a reference to a missing table
			}
			f = &sqliteFK{id: id, rawTable: rawTable, fk: &model.ForeignKey{
				RefTable: refTable,
				OnDelete: sqliteAction(onDelete),
				OnUpdate: sqliteAction(onUpdate),
			}}
			st.fks[id] = f
		}
		for len(f.fk.Columns) <= seq {
			f.fk.Columns = append(f.fk.Columns, "")
			f.fk.RefColumns = append(f.fk.RefColumns, "")
		}
		f.fk.Columns[seq] = from
		refs = append(refs, fkRef{f: f, seq: seq, to: to})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect sqlite: foreign keys of %q: %w", sc.db, err)
	}
	return in.refColumns(ctx, q, sc, refs)
}

// statementForeignKeys reads the foreign keys of st from its CREATE TABLE
// statement as pragma_foreign_key_list reports them: numbered from the
// last declared, each column named as the table spells it, the referenced
// table and columns as written (columns to resolve in refs), the actions
// written or NO ACTION. It reports false, changing nothing, when the
// statement does not settle them: a column the table lacks, column lists
// of different lengths, an action SQLite would not accept.
func statementForeignKeys(sc *sqliteScope, st *sqliteTable, refs *[]fkRef) bool {
	cfs := st.create.FKs
	fks := make(map[int]*sqliteFK, len(cfs))
	var out []fkRef
	for k, cf := range cfs {
		if cf.RefTable == "" || len(cf.Columns) == 0 || cf.BadAction || cf.RefColumns != nil && len(cf.RefColumns) != len(cf.Columns) {
			return false
		}
		refTable, ok := sc.allTables[sqliteFold(cf.RefTable)]
		if !ok {
			refTable = cf.RefTable
		}
		f := &sqliteFK{id: len(cfs) - 1 - k, rawTable: cf.RefTable, fk: &model.ForeignKey{
			RefTable:   refTable,
			OnDelete:   sqliteAction(cf.OnDelete),
			OnUpdate:   sqliteAction(cf.OnUpdate),
			Columns:    make([]string, len(cf.Columns)),
			RefColumns: make([]string, len(cf.Columns)),
		}}
		for i, name := range cf.Columns {
			c := st.sqliteColumn(name)
			if c == nil {
				return false
			}
			f.fk.Columns[i] = c.Name
			r := fkRef{f: f, seq: i}
			if cf.RefColumns != nil {
				r.to = sql.NullString{String: cf.RefColumns[i], Valid: true}
			}
			out = append(out, r)
		}
		fks[f.id] = f
	}
	if len(fks) > 0 {
		st.fks = fks
	}
	*refs = append(*refs, out...)
	return true
}

// fkRef is one column pair of a foreign key whose referenced column is to
// be resolved: to is what REFERENCES names (NULL when it names no
// columns, which means the referenced primary key's column seq).
type fkRef struct {
	f   *sqliteFK
	seq int
	to  sql.NullString
}

// refTableColumns are the columns of a referenced table as
// pragma_table_info lists them (generated columns left out), with their
// position in the primary key (0 outside it).
type refTableColumns struct {
	names []string
	pk    []int
}

// refColumns sets the referenced column of every reference to the
// referenced table's own spelling of it, as
//
//	COALESCE((SELECT c.name FROM pragma_table_info(p."table") c WHERE
//	  CASE WHEN p."to" IS NULL THEN c.pk = p.seq + 1
//	  ELSE c.name = p."to" COLLATE NOCASE END), p."to", '')
//
// would: the tables in scope from the columns already read, the others
// (out of the filters, views, missing tables) with one query for all.
func (in *sqliteInspector) refColumns(ctx context.Context, q dialect.Querier, sc *sqliteScope, refs []fkRef) error {
	if len(refs) == 0 {
		return nil
	}
	known := make(map[string]*refTableColumns, len(sc.order))
	for _, st := range sc.order {
		rc := &refTableColumns{}
		pk := make(map[string]int, len(st.pkCols))
		for _, c := range st.pkCols {
			pk[c.name] = c.seq
		}
		for _, c := range st.t.Columns {
			if c.Generated == nil { // pragma_table_info leaves generated columns out
				rc.names = append(rc.names, c.Name)
				rc.pk = append(rc.pk, pk[c.Name])
			}
		}
		known[sqliteFold(st.t.Name)] = rc
	}
	var missing []string
	for _, r := range refs {
		name := sqliteFold(r.f.rawTable)
		if _, ok := known[name]; !ok {
			known[name] = nil
			missing = append(missing, r.f.rawTable)
		}
	}
	if len(missing) > 0 {
		if err := in.otherRefTables(ctx, q, sc, missing, known); err != nil {
			return err
		}
	}
	for _, r := range refs {
		col := r.to.String // '' when NULL and unresolved
		if rc := known[sqliteFold(r.f.rawTable)]; rc != nil {
			for i, name := range rc.names {
				if r.to.Valid && sqliteEqualFold(name, r.to.String) || !r.to.Valid && rc.pk[i] == r.seq+1 {
					col = name
					break
				}
			}
		}
		r.f.fk.RefColumns[r.seq] = col
	}
	return nil
}

// otherRefTables reads the columns of the referenced tables (or views)
// named in names that are not in scope into known, by their folded names;
// a name SQLite does not find is left out.
func (in *sqliteInspector) otherRefTables(ctx context.Context, q dialect.Querier, sc *sqliteScope, names []string, known map[string]*refTableColumns) error {
	list, err := jsonList(names)
	if err != nil {
		return fmt.Errorf("inspect sqlite: referenced tables of %q: %w", sc.db, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT j.value, c.name, c.pk FROM json_each(?) j JOIN pragma_table_info(j.value, ?) c`, list, sc.db)
	if err != nil {
		return fmt.Errorf("inspect sqlite: referenced tables of %q: %w", sc.db, err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, name string
		var pk int
		if err := rows.Scan(&table, &name, &pk); err != nil {
			return fmt.Errorf("inspect sqlite: referenced tables of %q: %w", sc.db, err)
		}
		rc := known[sqliteFold(table)]
		if rc == nil {
			rc = &refTableColumns{}
			known[sqliteFold(table)] = rc
		}
		rc.names = append(rc.names, name)
		rc.pk = append(rc.pk, pk)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect sqlite: referenced tables of %q: %w", sc.db, err)
	}
	return nil
}

// sqliteFold folds ASCII letters to lower case, as SQLite does when it
// compares names (other letters are compared exactly).
func sqliteFold(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// sqliteEqualFold reports whether two names are equal without regard to
// ASCII case, as SQLite compares names (sqliteFold(a) == sqliteFold(b),
// without allocating).
func sqliteEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x >= 'A' && x <= 'Z' {
			x += 'a' - 'A'
		}
		if y >= 'A' && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// sqliteAction maps a pragma's referential action to the model's; NO
// ACTION, the default, is the empty action.
func sqliteAction(s string) model.FKAction {
	if a := model.FKAction(strings.ToUpper(s)); a != model.NoAction {
		return a
	}
	return ""
}

// finishTable completes a table from its pragma rows and its CREATE text:
// primary key, foreign-key names and deferrability, unique and check
// constraints, enum columns.
func (in *sqliteInspector) finishTable(st *sqliteTable) {
	t, ct := st.t, st.create
	if len(st.pkCols) > 0 {
		sort.Slice(st.pkCols, func(i, j int) bool { return st.pkCols[i].seq < st.pkCols[j].seq })
		t.PrimaryKey = &model.PrimaryKey{Name: ct.PKName}
		for _, c := range st.pkCols {
			t.PrimaryKey.Columns = append(t.PrimaryKey.Columns, c.name)
		}
	}
	in.finishForeignKeys(st)
	// Unique constraints come from the CREATE text, which is complete:
	// SQLite makes no index for a UNIQUE that repeats the primary key or
	// another UNIQUE. An automatic unique index the text does not explain
	// is reported too, unnamed.
	for _, u := range ct.Uniques {
		t.Uniques = append(t.Uniques, &model.Unique{Name: u.Name, Columns: st.columnNames(u.Columns), OnConflict: u.OnConflict})
	}
	for _, cols := range st.uniqueIdx {
		if !slices.ContainsFunc(t.Uniques, func(u *model.Unique) bool { return equalFoldAll(u.Columns, cols) }) {
			t.Uniques = append(t.Uniques, &model.Unique{Columns: cols})
		}
	}
	enums := map[string]bool{}
	for _, ck := range ct.Checks {
		if ck.Column != "" && ck.Name == "" && !enums[strings.ToLower(ck.Column)] {
			if c := t.Column(st.columnName(ck.Column)); c != nil && sqliteEnumColumn(c, ck) {
				enums[strings.ToLower(ck.Column)] = true
				continue
			}
		}
		t.Checks = append(t.Checks, &model.Check{Name: ck.Name, Expr: ck.Expr})
	}
}

// finishForeignKeys puts the foreign keys in declaration order (SQLite
// numbers them from the last) and gives them the names and deferrability
// written in CREATE TABLE, matched by columns and referenced table.
func (in *sqliteInspector) finishForeignKeys(st *sqliteTable) {
	ids := make([]int, 0, len(st.fks))
	for id := range st.fks {
		ids = append(ids, id)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ids)))
	used := make([]bool, len(st.create.FKs))
	for _, id := range ids {
		f := st.fks[id]
		if slices.Contains(f.fk.RefColumns, "") {
			// REFERENCES without columns to a table that does not exist
			// (SQLite allows it): the referenced columns are unknown.
			f.fk.RefColumns = nil
		}
		for i, cf := range st.create.FKs {
			if used[i] || !strings.EqualFold(cf.RefTable, f.rawTable) || !equalFoldAll(cf.Columns, f.fk.Columns) {
				continue
			}
			used[i] = true
			f.fk.Name = cf.Name
			f.fk.Deferrable = cf.Deferrable
			f.fk.InitiallyDeferred = cf.InitiallyDeferred
			break
		}
		st.t.ForeignKeys = append(st.t.ForeignKeys, f.fk)
	}
}

// columnName returns the table's own spelling of a column name written in
// any case, or name itself.
func (st *sqliteTable) columnName(name string) string {
	for _, c := range st.t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c.Name
		}
	}
	return name
}

func (st *sqliteTable) columnNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = st.columnName(n)
	}
	return out
}

// equalFoldAll reports whether two name lists are equal without regard to
// ASCII case, as SQLite compares names.
func equalFoldAll(a, b []string) bool {
	return slices.EqualFunc(a, b, func(x, y string) bool { return strings.EqualFold(x, y) })
}

// sqliteEnumColumn recognises the enum shape the SQLite dialect writes
// (see its RenderType and EnumCheck): a VARCHAR(n) column, n being the
// length in characters of its longest value, with the unnamed column
// constraint CHECK ("col" IN ('a', 'b')). It turns the column into an enum
// and reports true; any other column or check is left alone.
func sqliteEnumColumn(c *model.Column, ck createCheck) bool {
	if c.Type.Kind != model.KindVarchar {
		return false
	}
	toks := ck.Toks
	if len(toks) < 5 || !toks[0].name() || toks[0].Kind == tokString || !strings.EqualFold(toks[0].Val, c.Name) ||
		!toks[1].is("IN") || !toks[2].punct('(') || !toks[len(toks)-1].punct(')') {
		return false
	}
	var values []string
	longest := 1
	for i, t := range toks[3 : len(toks)-1] {
		switch {
		case i%2 == 0 && t.Kind == tokString:
			values = append(values, t.Val)
			longest = max(longest, utf8.RuneCountInString(t.Val))
		case i%2 == 1 && t.punct(','):
		default:
			return false
		}
	}
	if len(values) == 0 || len(toks)%2 == 0 || c.Type.Length != longest {
		return false
	}
	c.Type = model.Type{Kind: model.KindEnum, Values: values}
	return true
}
