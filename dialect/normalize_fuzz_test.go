package dialect

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// exprFuzzDialects are the dialects FuzzCanonicalExpr picks from.
var exprFuzzDialects = []Dialect{Postgres(), MariaDB(), SQLite()}

// FuzzCanonicalExpr checks the properties of the expression normaliser
// on any text: it never panics; its result is its own canonical text;
// for an expression the parser reads, outer parentheses and white space
// change nothing, and a different string literal in it changes the
// result.
func FuzzCanonicalExpr(f *testing.F) {
	for i, name := range []string{"postgres", "mysql", "sqlite"} {
		for _, tables := range []map[string][]exprPair{exprMustDiffer, exprMustEqual} {
			for _, p := range tables[name] {
				f.Add(uint8(i), p.a, "x", "y")
				f.Add(uint8(i), p.b, "it's", `a\b`)
			}
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, expr, lit1, lit2 string) {
		d := exprFuzzDialects[int(which)%len(exprFuzzDialects)]
		once := CanonicalExpr(d, exprTable, expr)
		if twice := CanonicalExpr(d, exprTable, once); twice != once {
			t.Fatalf("%s: %q → %q → %q: not idempotent", d.Name(), expr, once, twice)
		}
		g := d.(exprNormalizer).exprGrammar()
		toks, ok := exprLex(expr, &g.lex)
		if !ok {
			return
		}
		if _, err := parseExpr(g, toks); err != nil {
			return
		}
		for _, wrapped := range []string{"(" + expr + "\n)", " \t" + expr + "\n ", "((" + expr + "\n))"} {
			if got := CanonicalExpr(d, exprTable, wrapped); got != once {
				t.Fatalf("%s: %q → %q, but %q → %q", d.Name(), expr, once, wrapped, got)
			}
		}
		if lit1 == lit2 || !utf8.ValidString(lit1) || !utf8.ValidString(lit2) || strings.ContainsRune(lit1+lit2, 0) {
			return
		}
		q1, err1 := d.Literal(lit1)
		q2, err2 := d.Literal(lit2)
		if err1 != nil || err2 != nil {
			return
		}
		a := CanonicalExpr(d, exprTable, "("+expr+"\n) = "+q1)
		b := CanonicalExpr(d, exprTable, "("+expr+"\n) = "+q2)
		if a == b {
			t.Fatalf("%s: literals %q and %q compare equal in %q: %q", d.Name(), lit1, lit2, expr, a)
		}
	})
}
