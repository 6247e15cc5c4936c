package query

import (
	"errors"
	"fmt"

	"github.com/migratego/migrate/model"
)

// ValuesTable is a derived table of rows given as Go values, to join in
// a statement (the per-row values of an update, a lookup list). The
// dialect spells it: (VALUES …) AS alias (cols) on PostgreSQL, a renaming
// SELECT over VALUES on SQLite, SELECT … UNION ALL … on MySQL.
type ValuesTable struct {
	alias   string
	columns []string
	rows    [][]any
	types   []model.Type
}

// Values makes a derived table named alias with the given columns and
// rows (one value per column each). Read its columns as T(alias).C(col).
func Values(alias string, columns []string, rows [][]any) *ValuesTable {
	return &ValuesTable{alias: alias, columns: columns, rows: rows}
}

// Typed gives the columns' types, one per column. PostgreSQL needs them
// when a column is compared with or assigned to anything but text (bound
// values in VALUES are text there); the others ignore them.
func (v *ValuesTable) Typed(types ...model.Type) *ValuesTable {
	c := *v
	c.types = types
	return &c
}

// Table returns the derived table's name, to qualify its columns.
func (v *ValuesTable) Table() *Table { return T(v.alias) }

func (v *ValuesTable) buildRef(b *builder) error {
	if len(v.rows) == 0 {
		return errors.New("a VALUES table needs at least one row")
	}
	if v.types != nil && len(v.types) != len(v.columns) {
		return fmt.Errorf("VALUES table %q: %d types for %d columns", v.alias, len(v.types), len(v.columns))
	}
	alias, err := b.d.QuoteIdent(v.alias)
	if err != nil {
		return err
	}
	cols := make([]string, len(v.columns))
	for i, c := range v.columns {
		if cols[i], err = b.d.QuoteIdent(c); err != nil {
			return err
		}
	}
	var types []string
	if v.types != nil {
		types = make([]string, len(v.types))
		for i, t := range v.types {
			if types[i], err = b.qc.CastType(t); err != nil {
				return err
			}
		}
	}
	cells := make([][]string, len(v.rows))
	for i, r := range v.rows {
		if len(r) != len(v.columns) {
			return fmt.Errorf("VALUES table %q: row %d has %d values for %d columns", v.alias, i+1, len(r), len(v.columns))
		}
		cells[i] = make([]string, len(r))
		for j, x := range r {
			s, err := b.sub(func() error { return b.value(x) })
			if err != nil {
				return fmt.Errorf("VALUES table %q: row %d, column %q: %w", v.alias, i+1, v.columns[j], err)
			}
			cells[i][j] = s
		}
	}
	b.write(b.qc.RowsTable(cells, alias, cols, types))
	return nil
}
