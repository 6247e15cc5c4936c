package inspect

import (
	"strings"
)

// sqlTokKind classifies the tokens of sqliteLex.
type sqlTokKind int

const (
	tokWord   sqlTokKind = iota // keyword or bare identifier
	tokIdent                    // quoted identifier: "x", `x` or [x]
	tokString                   // 'string literal'
	tokNumber                   // numeric literal
	tokPunct                    // any other character: ( ) , ; operators
)

// sqlTok is one token of an SQL statement. Pos and End are byte offsets
// into the statement, so that an expression can be cut out verbatim.
type sqlTok struct {
	Kind     sqlTokKind
	Pos, End int
	// Val is the unquoted value of an identifier or string, the text of
	// anything else.
	Val string
}

// is reports whether the token is the unquoted keyword kw (upper case).
func (t sqlTok) is(kw string) bool { return t.Kind == tokWord && strings.EqualFold(t.Val, kw) }

// punct reports whether the token is the punctuation character c.
func (t sqlTok) punct(c byte) bool { return t.Kind == tokPunct && len(t.Val) == 1 && t.Val[0] == c }

// name reports whether the token can be a name: a bare word or a quoted
// identifier. SQLite also accepts a 'string' where a name is expected.
func (t sqlTok) name() bool {
	return t.Kind == tokWord || t.Kind == tokIdent || t.Kind == tokString
}

// sqliteLex splits an SQLite statement into tokens, skipping white space
// and comments (-- to the end of the line, /* … */). It understands every
// quoting SQLite does: 'string' and "ident" with doubled quotes, `ident`
// with doubled backticks, and [ident]. It never fails: an unterminated
// quote or comment runs to the end of the text.
func sqliteLex(s string) []sqlTok {
	// A CREATE statement has a token for every three to four bytes:
	// allocating for that once spares the copies of growing the slice
	// (most of what inspecting SQLite allocated).
	return sqliteLexInto(nil, s)
}

// sqliteLexInto is sqliteLex appending to toks[:0], so that one buffer
// serves statement after statement.
func sqliteLexInto(toks []sqlTok, s string) []sqlTok {
	if want := len(s)/3 + 1; cap(toks) < want {
		toks = make([]sqlTok, 0, max(want, 2*cap(toks)))
	}
	toks = toks[:0]
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += 2 + end + 2
			}
		case c == '\'' || c == '"' || c == '`':
			val, end := lexQuoted(s, i, c)
			kind := tokIdent
			if c == '\'' {
				kind = tokString
			}
			toks = append(toks, sqlTok{Kind: kind, Pos: i, End: end, Val: val})
			i = end
		case c == '[':
			end := strings.IndexByte(s[i+1:], ']')
			if end < 0 {
				toks = append(toks, sqlTok{Kind: tokIdent, Pos: i, End: len(s), Val: s[i+1:]})
				i = len(s)
			} else {
				toks = append(toks, sqlTok{Kind: tokIdent, Pos: i, End: i + 1 + end + 1, Val: s[i+1 : i+1+end]})
				i += end + 2
			}
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			start := i
			for i < len(s) && (isWordByte(s[i]) || s[i] == '.' ||
				(s[i] == '+' || s[i] == '-') && (s[i-1] == 'e' || s[i-1] == 'E') && !isHexNumber(s[start:i])) {
				i++
			}
			toks = append(toks, sqlTok{Kind: tokNumber, Pos: start, End: i, Val: s[start:i]})
		case isWordByte(c):
			start := i
			for i < len(s) && isWordByte(s[i]) {
				i++
			}
			toks = append(toks, sqlTok{Kind: tokWord, Pos: start, End: i, Val: s[start:i]})
		default:
			toks = append(toks, sqlTok{Kind: tokPunct, Pos: i, End: i + 1, Val: s[i : i+1]})
			i++
		}
	}
	return toks
}

// lexQuoted reads a quoted token starting at s[i] == q, where a doubled
// quote stands for one. It returns the unquoted value and the offset after
// the closing quote.
func lexQuoted(s string, i int, q byte) (string, int) {
	// Most quoted tokens hold no doubled quote: their value is a slice of s.
	if end := strings.IndexByte(s[i+1:], q); end >= 0 {
		j := i + 1 + end
		if j+1 >= len(s) || s[j+1] != q {
			return s[i+1 : j], j + 1
		}
	}
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		if s[j] != q {
			b.WriteByte(s[j])
			continue
		}
		if j+1 < len(s) && s[j+1] == q {
			b.WriteByte(q)
			j++
			continue
		}
		return b.String(), j + 1
	}
	return b.String(), len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isWordByte reports whether c continues a bare word: letters, digits, _
// and $, and every byte of a multi-byte UTF-8 character (SQLite treats
// them all as identifier characters).
func isWordByte(c byte) bool {
	return c == '_' || c == '$' || isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isHexNumber(s string) bool { return len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') }

// sqlGroup returns the index of the token closing the parenthesis opened at
// toks[open], or len(toks) when it is never closed.
func sqlGroup(toks []sqlTok, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch {
		case toks[i].punct('('):
			depth++
		case toks[i].punct(')'):
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(toks)
}

// sqlSplit splits toks at the commas outside parentheses.
func sqlSplit(toks []sqlTok) [][]sqlTok {
	var out [][]sqlTok
	depth, start := 0, 0
	for i, t := range toks {
		switch {
		case t.punct('('):
			depth++
		case t.punct(')'):
			depth--
		case t.punct(',') && depth == 0:
			out = append(out, toks[start:i])
			start = i + 1
		}
	}
	return append(out, toks[start:])
}

// sqlText returns the statement text spanned by toks, trimmed.
func sqlText(src string, toks []sqlTok) string {
	if len(toks) == 0 {
		return ""
	}
	return strings.TrimSpace(src[toks[0].Pos:toks[len(toks)-1].End])
}

// stripParens removes one pair of parentheses enclosing the whole of toks.
func stripParens(toks []sqlTok) []sqlTok {
	if len(toks) >= 2 && toks[0].punct('(') && sqlGroup(toks, 0) == len(toks)-1 {
		return toks[1 : len(toks)-1]
	}
	return toks
}
