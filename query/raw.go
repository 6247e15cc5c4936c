package query

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/migratego/migrate/dialect"
)

// RawStmt is SQL text with parameters, made by Raw.
type RawStmt struct {
	sql  string
	args []any
}

// Raw is SQL text with parameters marked portably by ? (each ? is the next
// argument), or natively on PostgreSQL by $1, $2 (not both in one
// statement). Compiled, the markers become the database's own ($n on
// PostgreSQL); rendered (--sql), the arguments are written as escaped
// literals in their place. Markers inside string literals, quoted
// identifiers, comments and dollar-quoted bodies are left alone. When a
// statement has $n markers, a ? in it is an operator (PostgreSQL's jsonb
// ?), not a marker. Native markers are renumbered in order of appearance, an
// argument used twice being bound twice.
func Raw(sql string, args ...any) *RawStmt { return &RawStmt{sql: sql, args: args} }

// Verb returns the statement's first word, upper-cased.
func (r *RawStmt) Verb() string {
	f := strings.Fields(r.sql)
	if len(f) == 0 {
		return "SQL"
	}
	return strings.ToUpper(strings.TrimRight(f[0], "(;"))
}

// build lets a Raw fragment be an expression too.
func (r *RawStmt) build(b *builder) error { return r.buildStatement(b) }

func (r *RawStmt) buildStatement(b *builder) error {
	marks, err := scanMarkers(r.sql, b.d.Capabilities().Syntax)
	if err != nil {
		return err
	}
	marks = nativeOrPortable(marks)
	native := len(marks) > 0 && marks[0].n > 0
	used := 0
	last := 0
	for i, m := range marks {
		b.write(r.sql[last:m.start])
		last = m.end
		idx := i
		if native {
			idx = m.n - 1
		}
		if idx >= len(r.args) {
			return fmt.Errorf("parameter %d has no argument (%d given)", idx+1, len(r.args))
		}
		used = max(used, idx+1)
		if err := b.value(r.args[idx]); err != nil {
			return fmt.Errorf("parameter %d: %w", idx+1, err)
		}
	}
	b.write(r.sql[last:])
	if used != len(r.args) {
		return fmt.Errorf("%d arguments for %d parameter markers", len(r.args), used)
	}
	return nil
}

// nativeOrPortable keeps the $n markers when there are any (a ? is then
// an operator, as PostgreSQL's jsonb ?), else the ? markers.
func nativeOrPortable(marks []marker) []marker {
	var native []marker
	for _, m := range marks {
		if m.n > 0 {
			native = append(native, m)
		}
	}
	if len(native) > 0 {
		return native
	}
	return marks
}

// marker is one parameter marker in SQL text: ? (n = 0) or $n.
type marker struct {
	start, end int
	n          int
}

// scanMarkers finds the parameter markers of sql outside string literals,
// quoted identifiers, comments and dollar-quoted bodies.
func scanMarkers(sql string, syn dialect.Syntax) ([]marker, error) {
	var out []marker
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == '\'':
			j, err := skipQuoted(sql, i, '\'', syn.BackslashEscapes)
			if err != nil {
				return nil, err
			}
			i = j
		case c == '"' || (c == '`' && syn.BacktickIdents):
			j, err := skipQuoted(sql, i, c, c == '"' && syn.BackslashEscapes)
			if err != nil {
				return nil, err
			}
			i = j
		case c == '[' && syn.BracketIdents:
			j := strings.IndexByte(sql[i:], ']')
			if j < 0 {
				return nil, errors.New("unterminated [identifier]")
			}
			i += j + 1
		case c == '-' && strings.HasPrefix(sql[i:], "--"), c == '#' && syn.HashComments:
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				return out, nil
			}
			i += j + 1
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				return nil, errors.New("unterminated /* comment")
			}
			i += j + 4
		case c == '?':
			out = append(out, marker{start: i, end: i + 1})
			i++
		case c == '$' && syn.DollarQuotes:
			j := i + 1
			for j < len(sql) && sql[j] >= '0' && sql[j] <= '9' {
				j++
			}
			if j > i+1 && (i == 0 || !identByte(sql[i-1])) {
				n, _ := strconv.Atoi(sql[i+1 : j])
				if n == 0 {
					return nil, errors.New("parameter marker $0")
				}
				out = append(out, marker{start: i, end: j, n: n})
				i = j
				continue
			}
			k := j
			for k < len(sql) && identByte(sql[k]) {
				k++
			}
			if k < len(sql) && sql[k] == '$' && (i == 0 || !identByte(sql[i-1])) {
				tag := sql[i : k+1]
				end := strings.Index(sql[k+1:], tag)
				if end < 0 {
					return nil, fmt.Errorf("unterminated %s quote", tag)
				}
				i = k + 1 + end + len(tag)
				continue
			}
			i++
		default:
			i++
		}
	}
	return out, nil
}

// skipQuoted returns the index after the quoted text starting at i.
func skipQuoted(sql string, i int, q byte, backslash bool) (int, error) {
	for j := i + 1; j < len(sql); j++ {
		switch sql[j] {
		case '\\':
			if backslash {
				j++
			}
		case q:
			if j+1 < len(sql) && sql[j+1] == q {
				j++
				continue
			}
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("unterminated %c quote", q)
}

func identByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
