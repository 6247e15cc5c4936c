package dialect

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// exprTokKind classifies the tokens of an expression.
type exprTokKind int

const (
	tkWord   exprTokKind = iota // unquoted word: keyword or identifier, lower case
	tkIdent                     // quoted identifier, its name (case folded where the database folds it)
	tkString                    // string literal, its value
	tkNumber                    // numeric literal, its text in lower case
	tkOp                        // operator or punctuation
	tkParam                     // parameter or variable ($1, ?, @x): never read
)

// exprTok is one token of an expression.
type exprTok struct {
	kind exprTokKind
	val  string
	// prefix of a string literal whose kind of value differs from a plain
	// string: "x" (hex), "b" (bits), "n" (national), "_latin1" (an
	// introducer other than the connection's character set).
	prefix string
}

// exprLexRules are a database's lexical rules for expressions.
type exprLexRules struct {
	// backslash: backslash escapes in every string (MySQL).
	backslash bool
	// doubleQuoteStrings: "x" is a string (MySQL), not an identifier.
	doubleQuoteStrings bool
	// backtickIdents, bracketIdents: `x` and [x] are identifiers.
	backtickIdents, bracketIdents bool
	// foldQuoted: quoted identifiers compare without regard to case
	// (MySQL columns, SQLite).
	foldQuoted bool
	// postgres: E'' strings, $$ dollar quotes, nested /* */ comments,
	// operators of any run of operator characters, :: casts.
	postgres bool
	// mysqlComments: # comments, and -- starts a comment only before
	// white space.
	mysqlComments bool
	// introducers: _charset'…' literals; the named one is dropped (the
	// connection's character set), others kept as a prefix.
	introducers bool
}

// exprLex splits an expression into tokens, dropping white space and
// comments. ok is false for text it cannot read with certainty (an
// unterminated quote or comment, an executable MySQL comment, a byte it
// does not know).
func exprLex(s string, r *exprLexRules) (toks []exprTok, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-' && (!r.mysqlComments || i+2 == len(s) || s[i+2] <= ' '):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '#' && r.mysqlComments:
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			if r.mysqlComments && i+2 < len(s) && (s[i+2] == '!' || s[i+2] == 'M' && strings.HasPrefix(s[i+2:], "M!")) {
				return nil, false // executable comment: its text runs
			}
			end, good := commentEnd(s, i, r.postgres)
			if !good {
				return nil, false
			}
			i = end
		case c == '\'':
			val, end, good := lexString(s, i, '\'', r.backslash)
			if !good {
				return nil, false
			}
			toks = append(toks, exprTok{kind: tkString, val: val})
			i = end
		case c == '"' && r.doubleQuoteStrings:
			val, end, good := lexString(s, i, '"', r.backslash)
			if !good {
				return nil, false
			}
			toks = append(toks, exprTok{kind: tkString, val: val})
			i = end
		case c == '"' || c == '`' && r.backtickIdents:
			val, end, good := lexString(s, i, c, false)
			if !good {
				return nil, false
			}
			if r.foldQuoted {
				val = asciiLower(val)
			}
			toks = append(toks, exprTok{kind: tkIdent, val: val})
			i = end
		case c == '[' && r.bracketIdents:
			end := strings.IndexByte(s[i+1:], ']')
			if end < 0 {
				return nil, false
			}
			toks = append(toks, exprTok{kind: tkIdent, val: asciiLower(s[i+1 : i+1+end])})
			i += end + 2
		case c == '$' && r.postgres:
			if i+1 < len(s) && isDigit(s[i+1]) {
				j := i + 1
				for j < len(s) && isDigit(s[j]) {
					j++
				}
				toks = append(toks, exprTok{kind: tkParam, val: s[i:j]})
				i = j
				continue
			}
			val, end, good := lexDollar(s, i)
			if !good {
				return nil, false
			}
			toks = append(toks, exprTok{kind: tkString, val: val})
			i = end
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			end := lexNumber(s, i)
			toks = append(toks, exprTok{kind: tkNumber, val: strings.ToLower(s[i:end])})
			i = end
		case c == '_' && r.introducers && introducerAt(s, i) > 0:
			end := introducerAt(s, i)
			cs := strings.ToLower(s[i:end])
			val, next, good := lexString(s, end, '\'', r.backslash)
			if !good {
				return nil, false
			}
			t := exprTok{kind: tkString, val: val}
			if cs != "_utf8mb4" {
				t.prefix = cs
			}
			toks = append(toks, t)
			i = next
		case isWordStart(s, i):
			end := wordEnd(s, i)
			w := s[i:end]
			lw := asciiLower(w)
			if r.postgres && lw == "u" && strings.HasPrefix(s[end:], "&") && end+1 < len(s) && (s[end+1] == '\'' || s[end+1] == '"') {
				return nil, false // U&'…' unicode escapes: not read
			}
			if end < len(s) && s[end] == '\'' && (lw == "x" || lw == "b" || lw == "n" || lw == "e" && r.postgres) {
				backslash := r.backslash || lw == "e"
				val, next, good := lexString(s, end, '\'', backslash)
				if !good {
					return nil, false
				}
				t := exprTok{kind: tkString, val: val}
				if lw == "x" || lw == "b" {
					t.prefix = lw
					t.val = strings.ToLower(val)
				} else if lw == "n" {
					t.prefix = "n"
				}
				toks = append(toks, t)
				i = next
				continue
			}
			toks = append(toks, exprTok{kind: tkWord, val: lw})
			i = end
		case c == '?' && !r.postgres, c == '@' && !r.postgres, c == ':' && !r.postgres && i+1 < len(s) && isWordStart(s, i+1):
			j := i + 1
			for j < len(s) && (isWordByte(s[j]) || s[j] == '@') {
				j++
			}
			toks = append(toks, exprTok{kind: tkParam, val: s[i:j]})
			i = j
		default:
			op, end := lexOperator(s, i, r)
			if op == "" {
				return nil, false
			}
			toks = append(toks, exprTok{kind: tkOp, val: op})
			i = end
		}
	}
	return toks, true
}

// commentEnd returns the end of the /* comment at i; PostgreSQL nests them.
func commentEnd(s string, i int, nested bool) (int, bool) {
	depth := 0
	for j := i; j+1 < len(s); j++ {
		switch {
		case s[j] == '/' && s[j+1] == '*':
			if depth > 0 && !nested {
				continue
			}
			depth++
			j++
		case s[j] == '*' && s[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1, true
			}
		}
	}
	return 0, false
}

// lexString reads the literal quoted by q at i: a doubled quote is one
// quote, and with backslash set, backslash escapes are read as MySQL and
// PostgreSQL's E” strings read them.
func lexString(s string, i int, q byte, backslash bool) (val string, end int, ok bool) {
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == q && j+1 < len(s) && s[j+1] == q:
			b.WriteByte(q)
			j++
		case c == q:
			return b.String(), j + 1, true
		case c == '\\' && backslash && j+1 < len(s):
			j++
			n := unescapeAt(s, j, &b)
			j += n - 1
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false
}

// unescapeAt writes the character escaped by the backslash before s[j]
// and returns how many bytes of s the escape uses after the backslash.
// MySQL keeps the backslash of \% and \_ (they are LIKE escapes); octal,
// hexadecimal and unicode escapes are PostgreSQL's (E” strings).
func unescapeAt(s string, j int, b *strings.Builder) int {
	c := s[j]
	switch c {
	case '%', '_':
		b.WriteByte('\\')
		b.WriteByte(c)
		return 1
	case 'f':
		b.WriteByte('\f')
		return 1
	case 'x':
		n := 0
		for n < 2 && j+1+n < len(s) && isHexDigit(s[j+1+n]) {
			n++
		}
		if n == 0 {
			b.WriteByte('x')
			return 1
		}
		v, _ := strconv.ParseUint(s[j+1:j+1+n], 16, 8)
		b.WriteByte(byte(v))
		return 1 + n
	case 'u', 'U':
		want := 4
		if c == 'U' {
			want = 8
		}
		if j+want < len(s) {
			if v, err := strconv.ParseUint(s[j+1:j+1+want], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
				b.WriteRune(rune(v))
				return 1 + want
			}
		}
	}
	if c >= '1' && c <= '7' {
		n := 1
		for n < 3 && j+n < len(s) && s[j+n] >= '0' && s[j+n] <= '7' {
			n++
		}
		v, _ := strconv.ParseUint(s[j:j+n], 8, 16)
		b.WriteByte(byte(v))
		return n
	}
	b.WriteString(UnescapeMySQL(c))
	return 1
}

// lexDollar reads a PostgreSQL dollar-quoted string ($$…$$, $tag$…$tag$).
func lexDollar(s string, i int) (val string, end int, ok bool) {
	j := i + 1
	for j < len(s) && s[j] != '$' && isWordByte(s[j]) {
		j++
	}
	if j >= len(s) || s[j] != '$' {
		return "", 0, false
	}
	tag := s[i : j+1]
	k := strings.Index(s[j+1:], tag)
	if k < 0 {
		return "", 0, false
	}
	return s[j+1 : j+1+k], j + 1 + k + len(tag), true
}

// lexNumber returns the end of the number at i: digits, a fraction, an
// exponent, or a hexadecimal 0x… constant.
func lexNumber(s string, i int) int {
	j := i
	if s[j] == '0' && j+2 < len(s) && (s[j+1] == 'x' || s[j+1] == 'X') && isHexDigit(s[j+2]) {
		j += 2
		for j < len(s) && isHexDigit(s[j]) {
			j++
		}
		return j
	}
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j < len(s) && s[j] == '.' {
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	if j+1 < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if s[k] == '+' || s[k] == '-' {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			j = k
		}
	}
	return j
}

// introducerAt returns the end of a character set introducer (_latin1)
// at i when a string literal follows it, else 0.
func introducerAt(s string, i int) int {
	j := i + 1
	for j < len(s) && (isDigit(s[j]) || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	if j > i+1 && j < len(s) && s[j] == '\'' {
		return j
	}
	return 0
}

// pgOperatorChars are the characters PostgreSQL operators are made of.
const pgOperatorChars = "+-*/<>=~!@#%^&|`?"

// mysqlOperators are the operators of MySQL and SQLite, longest first.
var mysqlOperators = []string{"<=>", "->>", "<=", ">=", "<>", "!=", "==", "<<", ">>", "&&", "||", ":=", "->", "::",
	"+", "-", "*", "/", "%", "=", "<", ">", "!", "~", "^", "&", "|", "(", ")", ",", ".", "[", "]", ":", ";"}

// lexOperator reads the operator or punctuation at i.
func lexOperator(s string, i int, r *exprLexRules) (string, int) {
	c := s[i]
	if r.postgres {
		switch {
		case strings.IndexByte("(),[].;", c) >= 0:
			return string(c), i + 1
		case c == ':':
			if i+1 < len(s) && s[i+1] == ':' {
				return "::", i + 2
			}
			return ":", i + 1
		case strings.IndexByte(pgOperatorChars, c) < 0:
			return "", i
		}
		j := i
		for j < len(s) && strings.IndexByte(pgOperatorChars, s[j]) >= 0 {
			if j > i && (s[j] == '-' && s[j-1] == '-' || s[j] == '*' && s[j-1] == '/') {
				j--
				break
			}
			j++
		}
		op := s[i:j]
		// A multi-character operator cannot end in + or - unless it holds
		// one of ~ ! @ # % ^ & | ` ? (so that a*-1 is a * -1).
		for len(op) > 1 && (op[len(op)-1] == '+' || op[len(op)-1] == '-') && !strings.ContainsAny(op, "~!@#%^&|`?") {
			op = op[:len(op)-1]
		}
		if op == "!=" {
			return "<>", i + 2
		}
		return op, i + len(op)
	}
	for _, op := range mysqlOperators {
		if strings.HasPrefix(s[i:], op) {
			switch op {
			case "!=":
				return "<>", i + 2
			case "==":
				return "=", i + 2
			}
			return op, i + len(op)
		}
	}
	return "", i
}

// asciiLower folds ASCII letters only, as the databases fold unquoted
// identifiers.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

func isDigit(c byte) bool    { return c >= '0' && c <= '9' }
func isHexDigit(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isWordByte(c byte) bool {
	return c == '_' || c == '$' || isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// isWordStart reports whether an unquoted word starts at i.
func isWordStart(s string, i int) bool {
	c := s[i]
	if c < 0x80 {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// wordEnd returns the end of the word starting at i.
func wordEnd(s string, i int) int {
	j := i
	for j < len(s) && isWordByte(s[j]) {
		j++
	}
	return j
}
