package schemagen

import "fmt"

// plainName returns a fresh identifier that needs no quotes (lower-case
// letters, digits, underscores), for names the server prints inside
// expressions and definitions (nextval('…'), partition keys, function
// names), where a generated spelling must match the printed one.
func (g *gen) plainName(prefix string) string {
	for {
		n := fmt.Sprintf("%s_%d", prefix, g.r.IntN(10000))
		if !g.used[n] {
			g.used[n] = true
			return n
		}
	}
}
