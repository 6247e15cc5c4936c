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
