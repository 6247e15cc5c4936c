package query

import (
	"database/sql"

	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/migratego/migrate/model"
)

// Rows is the result of a query, read one row at a time (constant memory):
// Next, then Scan (positional), ScanStruct or ScanMap; Close when done
// (Next returning false closes it).
type Rows struct {
	*sql.Rows
	cols  []string
	types []*sql.ColumnType
}

// NewRows wraps database rows.
func NewRows(r *sql.Rows) (*Rows, error) {
	cols, err := r.Columns()
	if err != nil {
		r.Close()
		return nil, err
	}
	return &Rows{Rows: r, cols: cols}, nil
}

// Columns returns the result's column names.
func (r *Rows) Columns() []string { return r.cols }

// ScanStruct reads the current row into the struct dst points to: each
// column into the field TableFromStruct maps to it (the migrate tag's
// name, or the field name in snake_case). A column without a field is an
// error naming it; fields without a column are left as they are. A NULL
// needs a pointer or sql.Null* field.
func (r *Rows) ScanStruct(dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("query: scan: want a pointer to a struct, got %T", dst)
	}
	fields, err := fieldsOf(rv.Elem().Type())
	if err != nil {
		return fmt.Errorf("query: scan: %w", err)
	}
	targets := make([]any, len(r.cols))
	for i, c := range r.cols {
		idx, ok := fields[c]
		if !ok {
			return fmt.Errorf("query: scan: column %q has no field in %s (name a field %q or tag one `migrate:%q`)",
				c, rv.Elem().Type(), snakeToField(c), c)
		}
		targets[i] = fieldByIndex(rv.Elem(), idx).Addr().Interface()
	}
	if err := r.Rows.Scan(targets...); err != nil {
		return fmt.Errorf("query: scan into %s: %w", rv.Elem().Type(), err)
	}
	return nil
}

// ScanMap reads the current row into a map by column name. Values are
// what the driver returns (int64, float64, bool, time.Time, string, nil),
// except that bytes of a text column are a string; binary columns stay
// []byte.
func (r *Rows) ScanMap() (map[string]any, error) {
	if r.types == nil {
		ts, err := r.ColumnTypes()
		if err != nil {
			return nil, fmt.Errorf("query: scan: %w", err)
		}
		r.types = ts
	}
	vals := make([]any, len(r.cols))
	ptrs := make([]any, len(r.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := r.Rows.Scan(ptrs...); err != nil {
		return nil, fmt.Errorf("query: scan: %w", err)
	}
	m := make(map[string]any, len(r.cols))
	for i, c := range r.cols {
		v := vals[i]
		if b, ok := v.([]byte); ok && !binaryType(r.types[i].DatabaseTypeName()) {
			v = string(b)
		}
		m[c] = v
	}
	return m, nil
}

// binaryType reports whether a database type name is a binary one.
func binaryType(name string) bool {
	n := strings.ToUpper(name)
	return strings.Contains(n, "BLOB") || strings.Contains(n, "BINARY") || n == "BYTEA" || n == "BIT"
}

// fieldCache holds column → field index maps by struct type.
var fieldCache sync.Map

// fieldsOf returns the column → field index map of a struct type.
func fieldsOf(t reflect.Type) (map[string][]int, error) {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string][]int), nil
	}
	fs, err := model.StructFields(t)
	if err != nil {
		return nil, err
	}
	m := make(map[string][]int, len(fs))
	for _, f := range fs {
		m[f.Column] = f.Index
	}
	fieldCache.Store(t, m)
	return m, nil
}

// fieldByIndex is FieldByIndex allocating nil embedded struct pointers.
func fieldByIndex(v reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

// snakeToField suggests a Go field name for a column.
func snakeToField(c string) string {
	var b strings.Builder
	for _, p := range strings.Split(c, "_") {
		if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}

// ErrNoRows is returned by a single-row read that found no row.
var ErrNoRows = sql.ErrNoRows

// ScanInto reads the current row into dst: a pointer to a struct
// (ScanStruct), a *map[string]any (ScanMap), or, for a one-column result,
// a pointer to a scalar (Scan).
func (r *Rows) ScanInto(dst any) error {
	switch d := dst.(type) {
	case *map[string]any:
		m, err := r.ScanMap()
		if err != nil {
			return err
		}
		*d = m
		return nil
	}
	rv := reflect.ValueOf(dst)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() && rv.Elem().Kind() == reflect.Struct && !isScanner(rv.Type()) {
		return r.ScanStruct(dst)
	}
	if len(r.cols) != 1 {
		return fmt.Errorf("query: scan: %d columns into one %T; use a struct or a map", len(r.cols), dst)
	}
	if err := r.Rows.Scan(dst); err != nil {
		return fmt.Errorf("query: scan: %w", err)
	}
	return nil
}

// isScanner reports whether a pointer type scans itself (sql.NullString,
// time.Time is handled by the driver as a value).
func isScanner(t reflect.Type) bool {
	if t.Implements(reflect.TypeFor[sql.Scanner]()) {
		return true
	}
	return t.Elem().PkgPath() == "time"
}
