package inspect

import "strings"

// likePattern turns a glob (* any run, ? one character) into a LIKE
// pattern with '\' as the escape character, so that % and _ in names match
// literally. It is passed as a bound parameter, never spliced.
func likePattern(glob string) string {
	var b strings.Builder
	for _, r := range glob {
		switch r {
		case '*':
			b.WriteByte('%')
		case '?':
			b.WriteByte('_')
		case '%', '_', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasGlob reports whether any name holds a glob character.
func hasGlob(names []string) bool {
	for _, n := range names {
		if strings.ContainsAny(n, "*?") {
			return true
		}
	}
	return false
}

// likePatterns converts a list of globs.
func likePatterns(globs []string) []string {
	out := make([]string, len(globs))
	for i, g := range globs {
		out[i] = likePattern(g)
	}
	return out
}

// MatchGlob reports whether name matches glob, with the meaning the
// inspectors give Options.Include and Exclude: * matches any run of
// characters (also none), ? exactly one, and everything else itself.
func MatchGlob(glob, name string) bool {
	g, n := []rune(glob), []rune(name)
	// Iterative matching with one backtrack point for the last *.
	gi, ni, star, mark := 0, 0, -1, 0
	for ni < len(n) {
		switch {
		case gi < len(g) && (g[gi] == '?' || g[gi] == n[ni] && g[gi] != '*'):
			gi++
			ni++
		case gi < len(g) && g[gi] == '*':
			star, mark = gi, ni
			gi++
		case star >= 0:
			gi = star + 1
			mark++
			ni = mark
		default:
			return false
		}
	}
	for gi < len(g) && g[gi] == '*' {
		gi++
	}
	return gi == len(g)
}
