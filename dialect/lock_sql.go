package dialect

import "strings"

// stripSQLComments returns stmt without leading white space and without
// -- and /* */ comments outside quotes, for matching the shape of a
// statement (NeedsAutocommit). It does not need to be a full lexer: a
// statement's kind is decided by its first words.
func stripSQLComments(stmt string) string {
	var b strings.Builder
	for i := 0; i < len(stmt); {
		c := stmt[i]
		switch {
		case c == '-' && i+1 < len(stmt) && stmt[i+1] == '-':
			for i < len(stmt) && stmt[i] != '\n' {
				i++
			}
			b.WriteByte(' ')
		case c == '/' && i+1 < len(stmt) && stmt[i+1] == '*':
			end := strings.Index(stmt[i+2:], "*/")
			if end < 0 {
				i = len(stmt)
			} else {
				i += end + 4
			}
			b.WriteByte(' ')
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for j < len(stmt) && stmt[j] != c {
				j++
			}
			if j < len(stmt) {
				j++
			}
			b.WriteString(stmt[i:j])
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return strings.TrimSpace(b.String())
}
