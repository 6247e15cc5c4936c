// Package oneline joins the lines of a multi-line message into one line,
// for the places that print a message on a single line: the error line
// of the migrate command, a column of a table.
package oneline

import "strings"

// Join joins the lines of s with "; " (or a space after a line ending in
// ':'), dropping blank and repeated lines.
func Join(s string) string {
	var b strings.Builder
	prev := ""
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l == prev {
			continue
		}
		switch {
		case b.Len() == 0:
		case strings.HasSuffix(prev, ":"):
			b.WriteByte(' ')
		default:
			b.WriteString("; ")
		}
		b.WriteString(l)
		prev = l
	}
	return b.String()
}
