package ops

import (
	"strings"
)

// Apply needs no dialect, yet a column's drop or rename reaches the SQL
// expressions of its table (check constraints, index keys and predicates,
// generated columns), as on the databases. This file finds column
// references in expression text with the lexical rules the three databases
// share: '…' strings (” doubles a quote), "…", `…` and […] quoted
// identifiers, -- and /* */ comments. A word followed by "(" is a function,
// and one after "::" a type (PostgreSQL casts); any other word or quoted
// identifier is a reference when its name equals the column's without
// regard to case. It errs towards finding a reference (a keyword spelled
// like the column), never misses a plain one.

// exprRef is a column reference in an expression: its bytes [start, end),
// its name, and the quote it is written in (0 when bare).
type exprRef struct {
	start, end int
	name       string
	quote      byte
}

// exprColumnRefs returns the column references of expr, or ok false when
// the text cannot be read with certainty (an unterminated quote or
// comment).
func exprColumnRefs(expr string) (refs []exprRef, ok bool) {
	afterCast := false
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == '\'':
			end := quotedEnd(expr, i, '\'')
			if end < 0 {
				return nil, false
			}
			i, afterCast = end, false
		case c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			end := quotedEnd(expr, i, closer)
			if end < 0 {
				return nil, false
			}
			name := strings.ReplaceAll(expr[i+1:end-1], string([]byte{closer, closer}), string(closer))
			if !afterCast && !followedBy(expr, end, '(') {
				refs = append(refs, exprRef{start: i, end: end, name: name, quote: c})
			}
			i, afterCast = end, false
		case c == '-' && strings.HasPrefix(expr[i:], "--"):
			for i < len(expr) && expr[i] != '\n' {
				i++
			}
		case c == '/' && strings.HasPrefix(expr[i:], "/*"):
			end := strings.Index(expr[i+2:], "*/")
			if end < 0 {
				return nil, false
			}
			i += end + 4
		case c == ':' && strings.HasPrefix(expr[i:], "::"):
			i, afterCast = i+2, true
		case isExprDigit(c):
			for i < len(expr) && isExprWordByte(expr[i]) {
				i++
			}
			afterCast = false
		case isExprWordByte(c):
			start := i
			for i < len(expr) && isExprWordByte(expr[i]) {
				i++
			}
			if !afterCast && !followedBy(expr, i, '(') {
				refs = append(refs, exprRef{start: start, end: i, name: expr[start:i]})
			}
			afterCast = false
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		default:
			i, afterCast = i+1, false
		}
	}
	return refs, true
}

// quotedEnd returns the index after the quote closing the one at i (a
// doubled closer is part of the text), or -1.
func quotedEnd(s string, i int, closer byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] != closer {
			continue
		}
		if j+1 < len(s) && s[j+1] == closer && closer != ']' {
			j++
			continue
		}
		return j + 1
	}
	return -1
}

// followedBy reports whether the next byte of s from i that is not white
// space is c.
func followedBy(s string, i int, c byte) bool {
	for ; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return s[i] == c
	}
	return false
}

func isExprDigit(c byte) bool { return c >= '0' && c <= '9' }

func isExprWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isExprDigit(c) || c >= 0x80
}

// exprMentions reports whether expr refers to column; text it cannot read
// is taken to refer to it.
func exprMentions(expr, column string) bool {
	if expr == "" {
		return false
	}
	refs, ok := exprColumnRefs(expr)
	if !ok {
		return true
	}
	for _, r := range refs {
		if strings.EqualFold(r.name, column) {
			return true
		}
	}
	return false
}

// renameInExpr returns expr with its references to column from written as
// to, in the quotes they were written in. A bare reference stays bare when
// to is a plain lower-case word, and is quoted with double quotes
// otherwise (the SQL standard's quote; MySQL reads it as a string unless
// ANSI_QUOTES, which no inspected MySQL expression needs: its inspector
// writes backticks). Text it cannot read is returned unchanged.
func renameInExpr(expr, from, to string) string {
	refs, ok := exprColumnRefs(expr)
	if !ok {
		return expr
	}
	var b strings.Builder
	last := 0
	for _, r := range refs {
		if !strings.EqualFold(r.name, from) {
			continue
		}
		b.WriteString(expr[last:r.start])
		b.WriteString(quoteLike(to, r.quote))
		last = r.end
	}
	if last == 0 {
		return expr
	}
	b.WriteString(expr[last:])
	return b.String()
}

// quoteLike writes name in the quote q (0 for bare, when name allows).
func quoteLike(name string, q byte) string {
	if q == 0 {
		if plainWord(name) {
			return name
		}
		q = '"'
	}
	closer := q
	if q == '[' {
		return "[" + name + "]"
	}
	return string(q) + strings.ReplaceAll(name, string(closer), string([]byte{closer, closer})) + string(closer)
}

// plainWord reports whether name needs no quotes on any database: a
// lower-case word not starting with a digit.
func plainWord(name string) bool {
	if name == "" || isExprDigit(name[0]) {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || isExprDigit(c)) {
			return false
		}
	}
	return true
}
