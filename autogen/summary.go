package autogen

import (
	"context"
	"fmt"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// summaryWidth bounds the statement shown on a summary line.
const summaryWidth = 100

// Summarize describes each operation of list on one line, for `migrate
// check`: its name and its first statement for d (compiled from current,
// as RenderSQL does), shortened, with the number of further statements.
// A batch (SQLite rebuild) names its table and its operations instead.
func Summarize(ctx context.Context, d dialect.Dialect, current *model.MetaData, list []ops.Operation) ([]string, error) {
	stmts, err := Compile(ctx, d, current.Clone(), list)
	if err != nil {
		return nil, fmt.Errorf("autogen: summarize: %w", err)
	}
	out := make([]string, len(list))
	for i, o := range list {
		line := o.Name()
		if b, ok := o.(ops.BatchAlterTable); ok {
			names := make([]string, len(b.Ops))
			for j, inner := range b.Ops {
				names[j] = inner.Name()
			}
			out[i] = fmt.Sprintf("%s %s: %s (%d statements)", line, qualifiedName(b.Schema, b.Table), strings.Join(names, ", "), len(stmts[i]))
			continue
		}
		if st := stmts[i]; len(st) > 0 {
			line += ": " + shorten(strings.Join(strings.Fields(st[0].SQL), " "), summaryWidth)
			switch n := len(st) - 1; {
			case n == 1:
				line += " (and 1 more statement)"
			case n > 1:
				line += fmt.Sprintf(" (and %d more statements)", n)
			}
		}
		out[i] = line
	}
	return out, nil
}

// shorten cuts sql to at most width runes and an ellipsis, at the last
// space within them when there is one in their second half, so that a
// summary line does not end inside a word or a literal ("CONST …",
// "'active': …").
func shorten(sql string, width int) string {
	r := []rune(sql)
	if len(r) <= width {
		return sql
	}
	cut := width
	if r[width] != ' ' {
		for i := width - 1; i > width/2; i-- {
			if r[i] == ' ' {
				cut = i
				break
			}
		}
	}
	return strings.TrimRight(string(r[:cut]), " ") + " …"
}
