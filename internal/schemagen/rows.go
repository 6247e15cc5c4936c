package schemagen

import (
	"fmt"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// RowCount is the number of rows Insert puts in a table. The values of
// row i (1…RowCount) are chosen to satisfy every constraint the generator
// and Mutate write: keys and unique columns differ from row to row, and
// integer checks (checkExpr refuses 4) hold.
const RowCount = 3

// Filled reports whether Insert gives column c of t a value that is not
// NULL in every row. The others are left to the database: auto-numbered,
// identity and generated columns, serial (nextval) defaults, foreign-key
// columns (NULL, so that no row depends on another table's) and columns
// whose type has no portable value (raw types, domains).
func Filled(t *model.Table, c *model.Column) bool {
	if c.AutoIncrement || c.Identity != nil || c.Generated != nil {
		return false
	}
	if c.Default != nil && strings.Contains(c.Default.Expr, "nextval") {
		return false
	}
	for _, fk := range t.ForeignKeys {
		for _, n := range fk.Columns {
			if n == c.Name {
				return false
			}
		}
	}
	_, ok := value(c.Type, 1)
	return ok
}

// Insert returns the statements that put RowCount rows in t, or none when
// a column Insert does not fill is NOT NULL without a default (the table
// then stays empty).
func Insert(d dialect.Dialect, t *model.Table) ([]string, error) {
	var cols []*model.Column
	for _, c := range t.Columns {
		switch {
		case Filled(t, c):
			cols = append(cols, c)
		case !c.Nullable && c.Default == nil && c.Generated == nil && !c.AutoIncrement && c.Identity == nil:
			return nil, nil
		}
	}
	if len(cols) == 0 {
		return nil, nil
	}
	table, err := d.QuoteQualified(t.Schema, t.Name)
	if err != nil {
		return nil, fmt.Errorf("schemagen: rows of %s: %w", t.Name, err)
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		if names[i], err = d.QuoteIdent(c.Name); err != nil {
			return nil, fmt.Errorf("schemagen: rows of %s: %w", t.Name, err)
		}
	}
	var out []string
	for row := 1; row <= RowCount; row++ {
		lits := make([]string, len(cols))
		for i, c := range cols {
			v, _ := value(c.Type, row)
			if lits[i], err = d.Literal(v); err != nil {
				return nil, fmt.Errorf("schemagen: rows of %s, column %s: %w", t.Name, c.Name, err)
			}
		}
		out = append(out, "INSERT INTO "+table+" ("+strings.Join(names, ", ")+") VALUES ("+strings.Join(lits, ", ")+")")
	}
	return out, nil
}

// value is the value of a column of type t in row i, and whether the type
// has one every database accepts.
func value(t model.Type, i int) (any, bool) {
	switch t.Kind {
	case model.KindSmallInt, model.KindInteger, model.KindBigInt, model.KindNumeric:
		return int64(i), true
	case model.KindBoolean:
		return i%2 == 1, true
	case model.KindVarchar, model.KindChar:
		return fmt.Sprint(i), true
	case model.KindText:
		return fmt.Sprintf("text %d, it's", i), true
	case model.KindReal, model.KindDouble:
		return float64(i) + 0.5, true
	case model.KindDate:
		return fmt.Sprintf("2020-01-%02d", i), true
	case model.KindTime:
		return fmt.Sprintf("12:34:%02d", i), true
	case model.KindTimestamp:
		return fmt.Sprintf("2020-01-02 03:04:%02d", i), true
	case model.KindJSON, model.KindJSONB:
		return fmt.Sprintf(`{"row": %d}`, i), true
	case model.KindBinary:
		if t.Length <= 0 {
			return []byte{byte(i), 0, 255}, true
		}
		b := make([]byte, t.Length)
		b[0] = byte(i)
		return b, true
	case model.KindUUID:
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", i), true
	case model.KindEnum:
		if len(t.Values) == 0 {
			return nil, false
		}
		return t.Values[(i-1)%len(t.Values)], true
	}
	return nil, false
}
