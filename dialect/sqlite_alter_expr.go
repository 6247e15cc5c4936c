package dialect

import (
	"strings"
)

// ExprRewriter is implemented by dialects that can find and rename column
// references in SQL expression text (check constraints, partial-index
// predicates, index expressions, generated columns). A batch rebuild needs
// it to carry a column rename into those expressions, as the database's
// own RENAME COLUMN would.
type ExprRewriter interface {
	// ExprMentionsColumn reports whether expr refers to the column.
	ExprMentionsColumn(expr, column string) bool
	// RenameColumnsInExpr returns expr with every reference to a column
	// that is a key of renames (compared without regard to case) replaced
	// by the quoted value, all at once (so that a→b, b→a swaps); string
	// literals, comments, function names and qualified names are left
	// alone.
	RenameColumnsInExpr(expr string, renames map[string]string) (string, error)
}

// ExprMentionsColumn reports whether expr refers to column (SQLite
// compares names without regard to ASCII case).
func (d *sqliteDialect) ExprMentionsColumn(expr, column string) bool {
	if expr == "" || column == "" {
		return false
	}
	for _, r := range sqliteColumnRefs(expr) {
		if strings.EqualFold(r.name, column) {
			return true
		}
	}
	return false
}

// RenameColumnsInExpr returns expr with the references to the keys of
// renames replaced by their quoted values.
func (d *sqliteDialect) RenameColumnsInExpr(expr string, renames map[string]string) (string, error) {
	var sb strings.Builder
	last := 0
	for _, r := range sqliteColumnRefs(expr) {
		to, ok := "", false
		for from, n := range renames {
			if strings.EqualFold(r.name, from) {
				to, ok = n, true
				break
			}
		}
		if !ok {
			continue
		}
		q, err := d.QuoteIdent(to)
		if err != nil {
			return "", err
		}
		sb.WriteString(expr[last:r.start])
		sb.WriteString(q)
		last = r.end
	}
	sb.WriteString(expr[last:])
	return sb.String(), nil
}

// sqliteRef is a name in an expression that may be a column: its unquoted
// spelling and its byte span in the text.
type sqliteRef struct {
	name       string
	start, end int
}

// sqliteExprKeywords are words of SQLite's expression grammar that are
// never column references when written bare.
var sqliteExprKeywords = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "IN": true, "IS": true, "NULL": true,
	"LIKE": true, "GLOB": true, "REGEXP": true, "MATCH": true, "ESCAPE": true,
	"BETWEEN": true, "CASE": true, "WHEN": true, "THEN": true, "ELSE": true,
	"END": true, "CAST": true, "AS": true, "COLLATE": true, "EXISTS": true,
	"SELECT": true, "FROM": true, "WHERE": true, "TRUE": true, "FALSE": true,
	"DISTINCT": true, "ISNULL": true, "NOTNULL": true, "CURRENT_TIMESTAMP": true,
	"CURRENT_DATE": true, "CURRENT_TIME": true, "ASC": true, "DESC": true,
}

// sqliteColumnRefs lexes an SQLite expression and returns the names that
// may be columns: bare words that are not keywords, numbers or function
// names, and quoted identifiers ("x", `x`, [x]); a name right after a dot
// is qualified and left out, as is a bare word before a dot (a table
// name). String literals, blob literals and comments are skipped.
func sqliteColumnRefs(s string) []sqliteRef {
	var refs []sqliteRef
	// prevDot: the previous token was "."; pending is the last bare word,
	// kept until the next token tells whether it is a function name or a
	// qualifier.
	prevDot := false
	var pending *sqliteRef
	flush := func(keep bool) {
		if pending != nil && keep {
			refs = append(refs, *pending)
		}
		pending = nil
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
			continue
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 4
			}
			continue
		}
		switch {
		case c == '\'':
			flush(true)
			_, i = sqliteQuoted(s, i, '\'')
			prevDot = false
		case c == '"' || c == '`':
			flush(true)
			start := i
			var name string
			name, i = sqliteQuoted(s, i, c)
			if !prevDot && !sqliteNextIs(s, i, '.') {
				refs = append(refs, sqliteRef{name: name, start: start, end: i})
			}
			prevDot = false
		case c == '[':
			flush(true)
			start := i
			name := s[i+1:]
			if end := strings.IndexByte(s[i:], ']'); end >= 0 {
				name = s[i+1 : i+end]
				i += end + 1
			} else {
				i = len(s)
			}
			if !prevDot && !sqliteNextIs(s, i, '.') {
				refs = append(refs, sqliteRef{name: name, start: start, end: i})
			}
			prevDot = false
		case isSQLiteWordStart(c):
			flush(true)
			start := i
			for i < len(s) && isSQLiteWordByte(s[i]) {
				i++
			}
			word := s[start:i]
			if (word == "x" || word == "X") && i < len(s) && s[i] == '\'' {
				_, i = sqliteQuoted(s, i, '\'') // blob literal
				prevDot = false
				continue
			}
			if !prevDot && !sqliteExprKeywords[strings.ToUpper(word)] {
				pending = &sqliteRef{name: word, start: start, end: i}
			}
			prevDot = false
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			flush(true)
			for i < len(s) && (isSQLiteWordByte(s[i]) || s[i] == '.') {
				i++
			}
			prevDot = false
		default:
			// A bare word before "(" names a function, before "." a
			// table: neither is a column.
			flush(c != '(' && c != '.')
			prevDot = c == '.'
			i++
		}
	}
	flush(true)
	return refs
}

// sqliteQuoted reads a quoted token starting at s[i] (the quote q) and
// returns its unquoted text and the index after it; a doubled quote stands
// for one.
func sqliteQuoted(s string, i int, q byte) (string, int) {
	var sb strings.Builder
	for j := i + 1; j < len(s); j++ {
		if s[j] != q {
			sb.WriteByte(s[j])
			continue
		}
		if j+1 < len(s) && s[j+1] == q {
			sb.WriteByte(q)
			j++
			continue
		}
		return sb.String(), j + 1
	}
	return sb.String(), len(s)
}

// sqliteNextIs reports whether the next non-space byte from i is c.
func sqliteNextIs(s string, i int, c byte) bool {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i < len(s) && s[i] == c
}

func isSQLiteWordStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isSQLiteWordByte(c byte) bool {
	return isSQLiteWordStart(c) || c >= '0' && c <= '9' || c == '$'
}
