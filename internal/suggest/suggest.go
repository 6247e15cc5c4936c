// Package suggest finds the known name a mistyped one was probably meant
// to be, for "did you mean" hints in messages.
package suggest

import "strings"

// Closest returns the known name nearest to name (case ignored), or ""
// when none is within two edits (farther than that, a hint misleads more
// than it helps) or name is empty.
func Closest(name string, known []string) string {
	if name == "" {
		return ""
	}
	best, bestDist := "", 3
	name = strings.ToLower(name)
	for _, k := range known {
		if d := Distance(name, strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, in bytes.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
