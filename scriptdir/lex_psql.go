package scriptdir

import (
	"regexp"
	"strings"
)

// copyFromStdin matches a COPY statement that reads its rows from the
// script itself.
var copyFromStdin = regexp.MustCompile(`(?is)^COPY\b.*\bFROM\s+STDIN\b`)

// psqlCommand handles a psql backslash command at l.pos, the start of a
// line: pg_dump's \restrict and \unrestrict (they guard the psql session
// that replays a dump, and do nothing to the schema) are dropped; any
// other is an error, since no server runs it.
func (l *lexer) psqlCommand() error {
	line := l.src[l.pos:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	cmd := strings.Fields(line)[0]
	if cmd != `\restrict` && cmd != `\unrestrict` {
		return l.errorf(l.line, "%s is a psql command, not SQL: remove it (or run the file with psql)", cmd)
	}
	l.pos += len(line)
	return nil
}

// copyData reads the rows after a COPY … FROM stdin statement just
// flushed (they start on the next line) into its CopyData, with the
// ending \. line.
func (l *lexer) copyData() error {
	last := len(l.stmts) - 1
	if last < 0 || l.stmts[last].Copy || !copyFromStdin.MatchString(l.stmts[last].Text) {
		return nil
	}
	nl := strings.IndexByte(l.src[l.pos:], '\n')
	if nl < 0 {
		return l.errorf(l.stmts[last].Line, `the rows of COPY … FROM stdin are missing: they end with a line \.`)
	}
	startLine := l.stmts[last].Line
	l.stmts[last].Copy = true
	l.pos += nl + 1
	l.line++
	begin := l.pos
	for l.pos < len(l.src) {
		end := strings.IndexByte(l.src[l.pos:], '\n')
		if end < 0 {
			end = len(l.src) - l.pos
		}
		row := strings.TrimSuffix(l.src[l.pos:l.pos+end], "\r")
		if row == `\.` {
			l.stmts[last].Copy = true
			l.stmts[last].CopyData = l.src[begin:l.pos]
			l.pos += end
			return nil
		}
		l.pos += end
		if l.pos < len(l.src) {
			l.pos++
			l.line++
		}
	}
	return l.errorf(startLine, `the rows of COPY … FROM stdin are not ended: the line \. is missing`)
}
