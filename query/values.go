package query

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"
	"unicode/utf8"

	"github.com/migratego/migrate/dialect"

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
	if ca, ok := b.qc.(dialect.ColumnArrays); ok && !b.literal && types != nil {
		return v.buildArrays(b, ca, alias, cols, types)
	}
	if jr, ok := b.qc.(dialect.JSONRows); ok && !b.literal && v.types != nil {
		if done, err := v.buildJSON(b, jr, alias, cols); done || err != nil {
			return err
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

// buildArrays binds one array per column (see dialect.ColumnArrays).
func (v *ValuesTable) buildArrays(b *builder, ca dialect.ColumnArrays, alias string, cols, types []string) error {
	arrays := make([][]any, len(v.columns))
	for j := range arrays {
		arrays[j] = make([]any, len(v.rows))
	}
	for i, r := range v.rows {
		if len(r) != len(v.columns) {
			return fmt.Errorf("VALUES table %q: row %d has %d values for %d columns", v.alias, i+1, len(r), len(v.columns))
		}
		for j, x := range r {
			arrays[j][i] = x
		}
	}
	marks := make([]string, len(arrays))
	for j, a := range arrays {
		b.args = append(b.args, a)
		marks[j] = b.qc.Placeholder(len(b.args))
	}
	b.write(ca.ArraysTable(marks, alias, cols, types))
	return nil
}

// buildJSON binds the rows as one JSON document (see dialect.JSONRows);
// done is false when the dialect or a value does not allow it.
func (v *ValuesTable) buildJSON(b *builder, jr dialect.JSONRows, alias string, cols []string) (done bool, err error) {
	table, ok := jr.JSONRowsTable(b.qc.Placeholder(len(b.args)+1), alias, cols, v.types)
	if !ok {
		return false, nil
	}
	rows := make([][]any, len(v.rows))
	for i, r := range v.rows {
		if len(r) != len(v.columns) {
			return false, fmt.Errorf("VALUES table %q: row %d has %d values for %d columns", v.alias, i+1, len(r), len(v.columns))
		}
		rows[i] = make([]any, len(r))
		for j, x := range r {
			jv, ok, err := jsonValue(x)
			if err != nil {
				return false, fmt.Errorf("VALUES table %q: row %d, column %q: %w", v.alias, i+1, v.columns[j], err)
			}
			if !ok {
				return false, nil
			}
			rows[i][j] = jv
		}
	}
	doc, err := json.Marshal(rows)
	if err != nil {
		return false, nil
	}
	b.args = append(b.args, string(doc))
	b.write(table)
	return true, nil
}

// jsonValue converts a value for a JSON rows document: numbers, booleans,
// strings (valid UTF-8), times (as UTC text to the microsecond) and NULL;
// ok is false for anything else (bytes, other types).
func jsonValue(x any) (v any, ok bool, err error) {
	if dv, isValuer := x.(driver.Valuer); isValuer {
		if x, err = dv.Value(); err != nil {
			return nil, false, err
		}
	}
	switch t := x.(type) {
	case nil, bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32:
		return t, true, nil
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, false, nil
		}
		return t, true, nil
	case string:
		if !utf8.ValidString(t) {
			return nil, false, fmt.Errorf("%q: not valid UTF-8; pass the bytes as a []byte (binary) value", t)
		}
		return t, true, nil
	case time.Time:
		return t.UTC().Format("2006-01-02 15:04:05.999999"), true, nil
	}
	return nil, false, nil
}
