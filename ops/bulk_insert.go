package ops

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/model"
)

// Limits of one literal INSERT statement of a bulk insert.
const (
	literalRowsPerStatement  = 1000
	literalBytesPerStatement = 1 << 20
)

// BulkInsert inserts rows into a table (bulk_insert), typically reference
// data a revision needs. Rows are positional, in the order of Columns;
// RowMaps name their columns, and each must give a value (nil for NULL)
// for every column. Without Columns, RowMaps' keys, sorted, are the
// columns.
//
// Through Op.Run (and offline, in --sql mode, where values cannot be
// bound) the rows are multi-row INSERT statements with the values written
// as escaped literals by the dialect (nil, booleans, numbers, strings,
// []byte, time.Time and driver.Valuer values), at most 1000 rows or about
// 1 MiB a statement.
//
// Online, Op.BulkInsert is faster: COPY on PostgreSQL, multi-row INSERTs
// with bound parameters elsewhere (see there).
//
// Reverse returns an *IrreversibleError: the rows cannot be told from
// rows inserted otherwise. Undo a bulk insert with an Execute deleting
// them by key.
type BulkInsert struct {
	Schema  string
	Table   string
	Columns []string
	Rows    [][]any
	RowMaps []map[string]any
}

// Name returns "bulk_insert".
func (b BulkInsert) Name() string { return "bulk_insert" }

// Statements returns multi-row INSERT statements with literal values.
func (b BulkInsert) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := needTable(b.Table); err != nil {
		return nil, err
	}
	cols, rows, err := b.bulkRows()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	head, err := insertHead(c, b.Schema, b.Table, cols)
	if err != nil {
		return nil, err
	}
	var (
		out  []Statement
		sb   strings.Builder
		n    int
		vals = make([]string, len(cols))
	)
	flush := func() {
		if n > 0 {
			out = append(out, Statement{SQL: sb.String()})
			sb.Reset()
			n = 0
		}
	}
	for i, r := range rows {
		for j, v := range r {
			lit, err := c.Dialect.Literal(v)
			if err != nil {
				return nil, fmt.Errorf("table %q: row %d, column %q: %w", qualified(b.Schema, b.Table), i+1, cols[j], err)
			}
			vals[j] = lit
		}
		tuple := "(" + strings.Join(vals, ", ") + ")"
		if n > 0 && (n >= literalRowsPerStatement || sb.Len()+len(tuple) > literalBytesPerStatement) {
			flush()
		}
		if n == 0 {
			sb.WriteString(head)
		} else {
			sb.WriteString(", ")
		}
		sb.WriteString(tuple)
		n++
	}
	flush()
	return out, nil
}

// insertHead returns "INSERT INTO table (columns) VALUES ".
func insertHead(c *Context, schema, table string, cols []string) (string, error) {
	qt, err := c.Dialect.QuoteQualified(schema, table)
	if err != nil {
		return "", err
	}
	qc := make([]string, len(cols))
	for i, col := range cols {
		if qc[i], err = c.Dialect.QuoteIdent(col); err != nil {
			return "", err
		}
	}
	return "INSERT INTO " + qt + " (" + strings.Join(qc, ", ") + ") VALUES ", nil
}

// Reverse returns an *IrreversibleError.
func (b BulkInsert) Reverse() (Operation, error) {
	return nil, &IrreversibleError{Op: b.Name(), Reason: fmt.Sprintf(
		"the rows inserted into %q cannot be told from others; undo it with an ops.Execute deleting them by key", qualified(b.Schema, b.Table))}
}

// GoSource renders ops.BulkInsert{…} with its rows, one a line.
func (b BulkInsert) GoSource() (string, error) {
	l := newGoLit("BulkInsert").str("Schema", b.Schema).str("Table", b.Table)
	if len(b.Columns) > 0 {
		l.expr("Columns", goStrings(b.Columns))
	}
	if len(b.Rows) > 0 {
		var sb strings.Builder
		sb.WriteString("[][]any{\n")
		for i, r := range b.Rows {
			s, err := goValues(r)
			if err != nil {
				return "", fmt.Errorf("ops: bulk_insert: row %d: %w", i+1, err)
			}
			sb.WriteString("\t" + strings.TrimPrefix(s, "[]any") + ",\n")
		}
		sb.WriteString("}")
		l.expr("Rows", sb.String())
	}
	if len(b.RowMaps) > 0 {
		var sb strings.Builder
		sb.WriteString("[]map[string]any{\n")
		for i, m := range b.RowMaps {
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			parts := make([]string, len(keys))
			for j, k := range keys {
				s, err := goValue(m[k])
				if err != nil {
					return "", fmt.Errorf("ops: bulk_insert: map row %d, column %q: %w", i+1, k, err)
				}
				parts[j] = fmt.Sprintf("%q: %s", k, s)
			}
			sb.WriteString("\t{" + strings.Join(parts, ", ") + "},\n")
		}
		sb.WriteString("}")
		l.expr("RowMaps", sb.String())
	}
	return l.String(), nil
}

// Apply changes no schema object: it checks that the table and the columns
// the rows fill exist in m, as the database would when inserting.
func (b BulkInsert) Apply(m *model.MetaData) error {
	t, err := modelTable(m, b.Schema, b.Table)
	if err != nil {
		return err
	}
	cols, _, err := b.bulkRows()
	if err != nil {
		return err
	}
	return hasColumns(t, cols)
}
