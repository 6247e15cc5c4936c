package dialect

import "strings"

// routineArguments returns the argument list of a CREATE FUNCTION,
// PROCEDURE or AGGREGATE statement as DROP and COMMENT ON accept it: each
// argument's mode, name and type, without its default; "" when the
// statement has no parenthesised list. Quoted names and string literals
// are skipped over, so a parenthesis or comma inside them does not count.
func routineArguments(stmt string) string {
	open := scanOutsideQuotes(stmt, 0, func(c byte, _ int) bool { return c == '(' })
	if open < 0 {
		return ""
	}
	depth := 0
	var args []string
	start := open + 1
	end := scanOutsideQuotes(stmt, open, func(c byte, i int) bool {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 1 {
				args = append(args, stmt[start:i])
				start = i + 1
			}
		}
		return depth == 0
	})
	if end < 0 {
		return ""
	}
	if last := strings.TrimSpace(stmt[start:end]); last != "" || len(args) > 0 {
		args = append(args, stmt[start:end])
	}
	for i, a := range args {
		if cut := scanOutsideQuotes(a, 0, func(c byte, j int) bool {
			return c == '=' || (c == ' ' || c == '\t' || c == '\n') && hasWordAt(a, j+1, "default")
		}); cut >= 0 {
			a = a[:cut]
		}
		args[i] = strings.Join(strings.Fields(a), " ")
	}
	return strings.Join(args, ", ")
}

// scanOutsideQuotes calls stop for each byte of s from i on that is not in
// a '…' string or a "…" name, and returns the position where stop first
// reports true, or -1.
func scanOutsideQuotes(s string, i int, stop func(c byte, i int) bool) int {
	for ; i < len(s); i++ {
		if c := s[i]; c == '\'' || c == '"' {
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return -1
			}
			i += end + 1 // a doubled quote reads as two strings: the same
			continue
		}
		if stop(s[i], i) {
			return i
		}
	}
	return -1
}

// hasWordAt reports whether s holds the word w (any case) at i, followed by
// a non-word byte or the end.
func hasWordAt(s string, i int, w string) bool {
	if i+len(w) > len(s) || !strings.EqualFold(s[i:i+len(w)], w) {
		return false
	}
	return i+len(w) == len(s) || !isWordByte(s[i+len(w)])
}

// routineHeader returns the parts of a CREATE FUNCTION or PROCEDURE
// statement that make its signature: the text of the argument list
// between its parentheses (names, modes, types and defaults, as written)
// and the result clause after it (RETURNS type, RETURNS TABLE (…)), ""
// for none; ok is false when the statement has no argument list.
func routineHeader(stmt string) (args, returns string, ok bool) {
	open := scanOutsideQuotes(stmt, 0, func(c byte, _ int) bool { return c == '(' })
	if open < 0 {
		return "", "", false
	}
	depth := 0
	end := scanOutsideQuotes(stmt, open, func(c byte, _ int) bool {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		}
		return depth == 0
	})
	if end < 0 {
		return "", "", false
	}
	args, rest := stmt[open+1:end], strings.TrimLeft(stmt[end+1:], " \t\r\n")
	if !hasWordAt(rest, 0, "returns") {
		return args, "", true
	}
	depth = 0
	stop := scanOutsideQuotes(rest, len("returns"), func(c byte, i int) bool {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth > 0 || isWordByte(c) && isWordByte(rest[i-1]) {
			return false
		}
		for _, w := range routineClauses {
			if hasWordAt(rest, i, w) {
				return true
			}
		}
		return false
	})
	if stop < 0 {
		stop = len(rest)
	}
	return args, strings.TrimSpace(rest[:stop]), true
}

// routineClauses are the words that begin the clauses after a routine's
// result type.
var routineClauses = []string{"language", "transform", "window", "immutable", "stable", "volatile", "not", "leakproof",
	"called", "strict", "security", "external", "parallel", "cost", "rows", "support", "set", "as", "begin", "return",
	"deterministic", "contains", "no", "reads", "modifies", "sql", "comment"}
