package ops

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// bulkRows returns the column list and the rows of a BulkInsert, each row
// in the order of the columns: Rows as they are, then RowMaps by column
// name. Without Columns, the columns are the RowMaps' keys, sorted.
func (b BulkInsert) bulkRows() ([]string, [][]any, error) {
	cols := b.Columns
	if len(cols) == 0 {
		if len(b.Rows) > 0 {
			return nil, nil, missing("column list of the positional rows", "Columns")
		}
		seen := map[string]bool{}
		for _, m := range b.RowMaps {
			for k := range m {
				if !seen[k] {
					seen[k] = true
					cols = append(cols, k)
				}
			}
		}
		sort.Strings(cols)
	}
	if len(cols) == 0 && (len(b.Rows) > 0 || len(b.RowMaps) > 0) {
		return nil, nil, fmt.Errorf("table %q: the rows have no columns", qualified(b.Schema, b.Table))
	}
	index := make(map[string]int, len(cols))
	for i, c := range cols {
		if c == "" {
			return nil, nil, fmt.Errorf("table %q: column %d of Columns has no name", qualified(b.Schema, b.Table), i+1)
		}
		if _, dup := index[c]; dup {
			return nil, nil, fmt.Errorf("table %q: column %q is listed twice", qualified(b.Schema, b.Table), c)
		}
		index[c] = i
	}
	rows := make([][]any, 0, len(b.Rows)+len(b.RowMaps))
	for i, r := range b.Rows {
		if len(r) != len(cols) {
			return nil, nil, fmt.Errorf("table %q: row %d has %d values for %d columns", qualified(b.Schema, b.Table), i+1, len(r), len(cols))
		}
		rows = append(rows, r)
	}
	for i, m := range b.RowMaps {
		r := make([]any, len(cols))
		for k, v := range m {
			j, ok := index[k]
			if !ok {
				return nil, nil, fmt.Errorf("table %q: map row %d has a value for %q, which Columns does not list", qualified(b.Schema, b.Table), i+1, k)
			}
			r[j] = v
		}
		if len(m) != len(cols) {
			for _, c := range cols {
				if _, ok := m[c]; !ok {
					return nil, nil, fmt.Errorf("table %q: map row %d has no value for column %q (give nil for NULL)", qualified(b.Schema, b.Table), i+1, c)
				}
			}
		}
		rows = append(rows, r)
	}
	return cols, rows, nil
}

// valueSize estimates the bytes a value takes in a statement or its
// parameters, to keep batches well under packet limits.
func valueSize(v any) int {
	switch x := v.(type) {
	case string:
		return len(x) + 3
	case []byte:
		return 2*len(x) + 8
	}
	return 24
}

// goValues renders values as the elements of []any{…}, or "" for none.
func goValues(vs []any) (string, error) {
	if len(vs) == 0 {
		return "", nil
	}
	parts := make([]string, len(vs))
	for i, v := range vs {
		s, err := goValue(v)
		if err != nil {
			return "", fmt.Errorf("value %d: %w", i+1, err)
		}
		parts[i] = s
	}
	return "[]any{" + strings.Join(parts, ", ") + "}", nil
}

// goValue renders a value as a Go expression of the same type: nil,
// booleans, integers and floats (converted to their type unless int or
// float64), strings, []byte and time.Time.
func goValue(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "nil", nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case string:
		return strconv.Quote(x), nil
	case []byte:
		if x == nil {
			return "[]byte(nil)", nil
		}
		return "[]byte(" + strconv.Quote(string(x)) + ")", nil
	case float64:
		return goFloat(x, "float64")
	case float32:
		return goFloat(float64(x), "float32")
	case time.Time:
		return goTime(x), nil
	}
	rv := reflect.ValueOf(v)
	typ := rv.Type().String()
	switch rv.Kind() {
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return typ + "(" + strconv.FormatInt(rv.Int(), 10) + ")", nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return typ + "(" + strconv.FormatUint(rv.Uint(), 10) + ")", nil
	}
	return "", fmt.Errorf("a %T cannot be written as Go source; use nil, a bool, a number, a string, []byte or time.Time", v)
}

// goFloat renders a finite float as typ(x), or float64 literals as x.
func goFloat(f float64, typ string) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("the float %v has no literal", f)
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if typ != "float64" {
		return typ + "(" + s + ")", nil
	}
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s, nil
}

// goTime renders time.Date(…) in UTC or a fixed zone.
func goTime(t time.Time) string {
	loc := "time.UTC"
	if name, off := t.Zone(); off != 0 || (name != "UTC" && name != "") {
		loc = fmt.Sprintf("time.FixedZone(%q, %d)", name, off)
	}
	return fmt.Sprintf("time.Date(%d, %d, %d, %d, %d, %d, %d, %s)",
		t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}
