package inspect

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// sqliteIndexRow is one key column of an index, as the pragmas report it.
type sqliteIndexRow struct {
	table, index, origin string
	unique, partial      bool
	seqno, cid           int
	column               sql.NullString
	desc                 bool
	coll                 string
}

// indexes reads every index of the tables in scope. An index made by
// CREATE INDEX whose keys are column names (with a COLLATE, ASC or DESC,
// and a WHERE clause or none) is read from its statement alone (see
// columnIndex); the others are read with one query: pragma_index_list for
// the indexes, pragma_index_xinfo for their key columns, the latter called
// only for the indexes the statements do not settle (each call prepares a
// PRAGMA statement: on 1,000 tables of two indexes this was a third of
// inspection). Indexes made for a PRIMARY KEY are not reported; those made
// for a UNIQUE constraint only confirm the constraints read from CREATE
// TABLE. Expression keys and partial-index predicates are read from the
// CREATE INDEX text.
func (in *sqliteInspector) indexes(ctx context.Context, q dialect.Querier, sc *sqliteScope) error {
	var pragmaTables, pragmaIndexes []string
	for _, def := range sc.indexOrder {
		st := sc.tables[def.table]
		if st == nil {
			continue
		}
		if ix := in.columnIndex(st, def); ix != nil {
			st.t.Indexes = append(st.t.Indexes, ix)
			continue
		}
		pragmaTables = append(pragmaTables, def.table)
		pragmaIndexes = append(pragmaIndexes, def.name)
	}
	tables, err := jsonList(pragmaTables)
	if err != nil {
		return fmt.Errorf("inspect sqlite: indexes of %q: %w", sc.db, err)
	}
	indexes, err := jsonList(pragmaIndexes)
	if err != nil {
		return fmt.Errorf("inspect sqlite: indexes of %q: %w", sc.db, err)
	}
	// The pragmas are called for the tables whose statement says UNIQUE
	// (the only source of automatic indexes besides the primary key's)
	// and those of the indexes left to them.
	query := `SELECT m.name, il.name, il."unique", il.origin, il.partial, x.seqno, x.cid, x.name, x."desc", COALESCE(x.coll, '')
FROM ` + sc.from + ` m JOIN pragma_index_list(m.name, ?) il JOIN pragma_index_xinfo(il.name, ?) x
WHERE ` + sqliteRealTable + ` AND ` + sqliteUserObject + ` AND (` + sc.filter + `)
	AND (instr(upper(m.sql), 'UNIQUE') > 0 OR m.name IN (SELECT value FROM json_each(?)))
	AND il.origin <> 'pk' AND (il.origin = 'u' OR il.name IN (SELECT value FROM json_each(?))) AND x.key = 1`
	rows, err := q.QueryContext(ctx, query, append([]any{sc.db, sc.db}, append(sc.filterArgs, tables, indexes)...)...)
	if err != nil {
		return fmt.Errorf("inspect sqlite: indexes of %q: %w", sc.db, err)
	}
	defer rows.Close()
	// Rows of one index arrive together in key order, but nothing here
	// depends on it: indexes are found by name and keys placed by seqno.
	type reading struct {
		st     *sqliteTable
		ix     *model.Index // nil for a UNIQUE constraint's index
		parsed *createIndex
		parts  []model.IndexPart
	}
	var order []*reading
	byName := map[string]*reading{}
	for rows.Next() {
		var r sqliteIndexRow
		if err := rows.Scan(&r.table, &r.index, &r.unique, &r.origin, &r.partial, &r.seqno, &r.cid, &r.column, &r.desc, &r.coll); err != nil {
			return fmt.Errorf("inspect sqlite: indexes of %q: %w", sc.db, err)
		}
		st := sc.tables[r.table]
		if st == nil || r.seqno < 0 {
			continue
		}
		rd := byName[r.index]
		if rd == nil {
			rd = &reading{st: st}
			if r.origin != "u" {
				rd.ix = &model.Index{Name: r.index, Unique: r.unique}
				text := sc.indexSQL[r.index]
				var ok bool
				if rd.parsed, ok = parseCreateIndex(text); !ok {
					return fmt.Errorf("inspect sqlite: index %q of table %q: cannot read its CREATE INDEX statement %q", r.index, r.table, text)
				}
				if r.partial {
					if rd.parsed.Where == "" {
						return fmt.Errorf("inspect sqlite: partial index %q of table %q: cannot read its WHERE clause from %q", r.index, r.table, text)
					}
					rd.ix.Where = rd.parsed.Where
				}
			}
			byName[r.index] = rd
			order = append(order, rd)
		}
		var part model.IndexPart
		if rd.ix == nil {
			part.Column = r.column.String
		} else if part, err = in.indexPart(st, r, rd.parsed); err != nil {
			return err
		}
		for len(rd.parts) <= r.seqno {
			rd.parts = append(rd.parts, model.IndexPart{})
		}
		rd.parts[r.seqno] = part
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect sqlite: indexes of %q: %w", sc.db, err)
	}
	for _, rd := range order {
		if rd.ix == nil {
			cols := make([]string, len(rd.parts))
			for i, p := range rd.parts {
				cols[i] = p.Column
			}
			rd.st.uniqueIdx = append(rd.st.uniqueIdx, cols)
			continue
		}
		rd.ix.Parts = rd.parts
		rd.st.t.Indexes = append(rd.st.t.Indexes, rd.ix)
	}
	return nil
}

// indexPart turns one key row into an index part. A column key whose
// collation differs from its column's carries that collation; an
// expression key (cid -2) takes its text from the CREATE INDEX statement.
func (in *sqliteInspector) indexPart(st *sqliteTable, r sqliteIndexRow, parsed *createIndex) (model.IndexPart, error) {
	part := model.IndexPart{Desc: r.desc}
	switch {
	case r.cid >= 0 && r.column.Valid:
		part.Column = r.column.String
		own := "BINARY"
		if cc := st.create.column(r.column.String); cc != nil && cc.Collation != "" {
			own = cc.Collation
		}
		if r.coll != "" && !strings.EqualFold(r.coll, own) {
			part.Collation = r.coll
		}
	case r.seqno < len(parsed.Keys) && parsed.Keys[r.seqno] != "":
		part.Expr = parsed.Keys[r.seqno]
	default:
		return part, fmt.Errorf("inspect sqlite: index %q of table %q: cannot read key %d from its CREATE INDEX statement", r.index, r.table, r.seqno+1)
	}
	return part, nil
}

// columnIndex returns the index def makes when its statement settles it:
// every key names a column of the table (in any case, as SQLite looks
// names up), so that the key is that column with the collation and
// direction written, as pragma_index_xinfo would report; nil otherwise.
func (in *sqliteInspector) columnIndex(st *sqliteTable, def sqliteIndexDef) *model.Index {
	parsed, ok := parseCreateIndex(def.sql)
	if !ok || parsed.Columns == nil {
		return nil
	}
	ix := &model.Index{Name: def.name, Unique: parsed.Unique, Where: parsed.Where}
	for _, k := range parsed.Columns {
		c := st.sqliteColumn(k.Name)
		cc := st.create.column(k.Name)
		if c == nil || cc == nil {
			return nil
		}
		part := model.IndexPart{Column: c.Name, Desc: k.Desc}
		own := "BINARY"
		if cc.Collation != "" {
			own = cc.Collation
		}
		if k.HasCollate && !strings.EqualFold(k.Collation, own) {
			part.Collation = k.Collation
		}
		ix.Parts = append(ix.Parts, part)
	}
	return ix
}

// sqliteColumn returns the column of the table named name without regard
// to ASCII case, as SQLite finds columns, or nil.
func (st *sqliteTable) sqliteColumn(name string) *model.Column {
	for _, c := range st.t.Columns {
		if sqliteEqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// jsonList returns names as a JSON array, for json_each.
func jsonList(names []string) (string, error) {
	if names == nil {
		names = []string{}
	}
	b, err := json.Marshal(names)
	return string(b), err
}
