package dialect

import "strings"

// CanonicalText returns a comparison key for SQL text the model keeps as
// written: a view's SELECT, a definition's CREATE statement. Two texts
// with equal keys are the same statement; the key removes only what
// cannot change meaning: white space and comments, the case of keywords
// and unquoted names (which the database folds), the quoting of a name
// that needs none, the spelling of string literals (PostgreSQL's $tag$
// dollar quotes are strings too), a final semicolon, and CREATE OR
// REPLACE against CREATE at the start, parentheses around the whole text.
// Everything else counts: the order
// of clauses, type spellings, qualified against unqualified names, and
// every character of a string (a function body is one), so a change of
// a body is never missed.
//
// Text the database's lexer cannot read with certainty (an unterminated
// quote) is compared by its words. It is a comparison key, never SQL to
// run.
func CanonicalText(d Dialect, text string) string {
	return canonicalText(d, text, nil)
}

// canonicalText is CanonicalText, with more rewrites of the canonical
// tokens (none when nil).
func canonicalText(d Dialect, text string, more func([]exprTok) []exprTok) string {
	text = strings.TrimSpace(text)
	for strings.HasSuffix(text, ";") {
		text = strings.TrimSpace(strings.TrimSuffix(text, ";"))
	}
	en, ok := d.(exprNormalizer)
	if !ok {
		return strings.Join(strings.Fields(text), " ")
	}
	g := en.exprGrammar()
	toks, ok := exprLex(text, &g.lex)
	if !ok {
		return strings.Join(strings.Fields(text), " ")
	}
	if len(toks) > 3 && isWord(toks[0], "create") && isWord(toks[1], "or") && isWord(toks[2], "replace") {
		toks = append(toks[:1:1], toks[3:]...)
	}
	if tc, ok := d.(textCanonicalizer); ok {
		toks = tc.canonicalText(toks)
	}
	if more != nil {
		toks = more(toks)
	}
	return g.printTokens(toks)
}

// textCanonicalizer is implemented by dialects whose server rewrites
// parts of a stored statement in a way CanonicalText removes for them.
type textCanonicalizer interface {
	canonicalText(toks []exprTok) []exprTok
}

// isWord reports whether t is the unquoted word w (lower case).
func isWord(t exprTok, w string) bool { return t.kind == tkWord && t.val == w }
