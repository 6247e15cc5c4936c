package scriptdir

import "strings"

// lineComment skips a -- or # comment up to (not including) the newline.
func (l *lexer) lineComment() {
	if i := strings.IndexByte(l.src[l.pos:], '\n'); i >= 0 {
		l.pos += i
	} else {
		l.pos = len(l.src)
	}
}

// blockComment skips a /* */ comment; comments nest on PostgreSQL. An
// executable comment (MySQL /*! */, /*+ */) counts as a token.
func (l *lexer) blockComment(executable bool) error {
	startLine := l.line
	nest := l.syn.DollarQuotes
	depth := 0
	for l.pos < len(l.src) {
		switch {
		case l.src[l.pos] == '\n':
			l.line++
			l.pos++
		case l.src[l.pos] == '/' && l.peek(1) == '*' && (depth == 0 || nest):
			depth++
			l.pos += 2
		case l.src[l.pos] == '*' && l.peek(1) == '/':
			depth--
			l.pos += 2
			if depth == 0 {
				if executable {
					l.endToken("")
				}
				return nil
			}
		default:
			l.pos++
		}
	}
	return l.errorf(startLine, "comment /* is not terminated: */ is missing")
}

// quoted reads a token enclosed in q, where a doubled q stands for itself
// and, when backslash is set, a backslash escapes the next byte.
func (l *lexer) quoted(q byte, backslash bool, what string) error {
	startLine := l.line
	l.pos++ // opening quote
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\n':
			l.line++
		case c == '\\' && backslash:
			l.pos++
			if l.pos < len(l.src) && l.src[l.pos] == '\n' {
				l.line++
			}
		case c == q:
			if l.peek(1) == q {
				l.pos++
			} else {
				l.pos++
				l.endToken("")
				return nil
			}
		}
		l.pos++
	}
	return l.errorf(startLine, "%s is not terminated: the closing %c is missing", what, q)
}

// bracket reads a [bracket identifier] (SQLite), which has no escapes.
func (l *lexer) bracket() error {
	i := strings.IndexByte(l.src[l.pos:], ']')
	if i < 0 {
		return l.errorf(l.line, "quoted identifier [… is not terminated: the closing ] is missing")
	}
	l.line += strings.Count(l.src[l.pos:l.pos+i], "\n")
	l.pos += i + 1
	l.endToken("")
	return nil
}

// dollar reads a PostgreSQL dollar-quoted body $tag$…$tag$, a $1
// parameter, or a lone '$'.
func (l *lexer) dollar() error {
	tagEnd := l.pos + 1
	if tagEnd < len(l.src) && isDigit(l.src[tagEnd]) {
		for tagEnd < len(l.src) && isDigit(l.src[tagEnd]) {
			tagEnd++
		}
		l.pos = tagEnd // positional parameter
		l.endToken("")
		return nil
	}
	for tagEnd < len(l.src) && l.src[tagEnd] != '$' && isWordByte(l.src[tagEnd]) {
		tagEnd++
	}
	if tagEnd >= len(l.src) || l.src[tagEnd] != '$' {
		l.pos++ // not a dollar quote: an ordinary '$'
		l.endToken("")
		return nil
	}
	tag := l.src[l.pos : tagEnd+1]
	startLine := l.line
	body := tagEnd + 1
	i := strings.Index(l.src[body:], tag)
	if i < 0 {
		return l.errorf(startLine, "dollar-quoted string %s is not terminated: the closing %s is missing", tag, tag)
	}
	l.line += strings.Count(l.src[l.pos:body+i], "\n")
	l.pos = body + i + len(tag)
	l.endToken("")
	return nil
}

// delimiterCommand handles a MySQL client "DELIMITER x" line at l.pos, the
// start of a line. It reports whether the line was one.
func (l *lexer) delimiterCommand() (bool, error) {
	rest := l.src[l.pos:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	lineLen := len(rest)
	rest = strings.TrimLeft(rest, " \t")
	const kw = "DELIMITER"
	if len(rest) < len(kw) || !strings.EqualFold(rest[:len(kw)], kw) {
		return false, nil
	}
	arg := rest[len(kw):]
	if arg != "" && arg[0] != ' ' && arg[0] != '\t' && arg[0] != '\r' {
		return false, nil // a word such as DELIMITERS
	}
	fields := strings.Fields(arg)
	if len(fields) == 0 {
		return false, l.errorf(l.line, "DELIMITER needs a delimiter, e.g. DELIMITER //")
	}
	delim := fields[0]
	if strings.ContainsAny(delim, `\'"`+"`") {
		return false, l.errorf(l.line, "DELIMITER %s: a delimiter may not contain quotes or backslashes", delim)
	}
	l.flush(l.pos) // a statement left open before the command ends here
	l.delim = delim
	l.pos += lineLen
	return true, nil
}

// isWordStart reports whether c can start an identifier or keyword.
func isWordStart(c byte) bool {
	return c == '_' || c >= 0x80 || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || isDigit(c) || c == '$'
}

// isWordByte reports whether c can continue an identifier.
func isWordByte(c byte) bool { return isWordStart(c) }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isSpaceOrEnd reports whether src[i] is white space or i is past the end
// (MySQL's rule for "--" comments).
func isSpaceOrEnd(src string, i int) bool {
	if i >= len(src) {
		return true
	}
	switch src[i] {
	case ' ', '\t', '\n', '\r', '\f', '\v':
		return true
	}
	return false
}
