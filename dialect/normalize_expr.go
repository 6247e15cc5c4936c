package dialect

import (
	"strings"

	"github.com/migratego/migrate/model"
)

// exprNormalizer is implemented by the dialects: their expression grammar
// and the rewrites that map spellings the server treats as one onto one.
type exprNormalizer interface {
	exprGrammar() *exprGrammar
	// rewriteExpr returns n in canonical form. cx gives the types of the
	// table's columns, where known.
	rewriteExpr(n *exprNode, cx *exprContext) *exprNode
}

// exprContext is what an expression's meaning depends on besides its
// text: the types of the columns it can name.
type exprContext struct {
	// cols maps a column name, as the expression's names read it, to
	// the dialect's key for its type ("" when unknown).
	cols map[string]string
	// target is the type key of the column whose default the expression
	// is, or "".
	target string
}

// CanonicalExpr returns a comparison key for an SQL expression in d's
// syntax (a check, an index key or predicate, a generated column, an
// expression default), so that the spelling a user wrote and the spelling
// the server prints back compare equal, and two expressions that differ in
// meaning never do. t, which may be nil, gives the column types that some
// rules need (PostgreSQL's implicit casts).
//
// The expression is read into tokens by the database's lexical rules
// (string escapes, quoted identifiers, comments) and parsed with its
// operator precedence. The key then has only the parentheses the
// precedence needs, single spaces, lower-case keywords, function names
// and operators, identifiers folded and quoted as the database reads
// them, one spelling per literal, and the database's rewrites of
// equivalent forms applied: casts the server adds (PostgreSQL), IN and
// BETWEEN as the server stores them, synonyms such as now() and
// CURRENT_TIMESTAMP. An expression the parser does not read is compared by
// its tokens with every parenthesis kept but the outer ones; one the lexer
// cannot read (an unterminated quote) is compared as written.
//
// It is a comparison key, never SQL to run.
func CanonicalExpr(d Dialect, t *model.Table, expr string) string {
	return canonicalExpr(d, t, nil, expr)
}

// canonicalDefault is CanonicalExpr for the default of column c of t:
// a literal cast to the column's own type is the literal, since the
// server adds that cast to every default it coerces.
func canonicalDefault(d Dialect, t *model.Table, c *model.Column) string {
	return canonicalExpr(d, t, c, c.Default.Expr)
}

func canonicalExpr(d Dialect, t *model.Table, target *model.Column, expr string) string {
	en, ok := d.(exprNormalizer)
	if !ok {
		return strings.Join(strings.Fields(expr), " ")
	}
	g := en.exprGrammar()
	toks, ok := exprLex(expr, &g.lex)
	if !ok {
		return strings.TrimSpace(expr)
	}
	if g.onUpdate {
		// MySQL's default CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP:
		// two expressions.
		for i := 0; i+1 < len(toks); i++ {
			if toks[i].kind == tkWord && toks[i].val == "on" && toks[i+1].kind == tkWord && toks[i+1].val == "update" {
				cx := newExprContext(d, g, t, target)
				return canonicalTokens(en, g, toks[:i], cx) + " on update " + canonicalTokens(en, g, toks[i+2:], cx)
			}
		}
	}
	return canonicalTokens(en, g, toks, newExprContext(d, g, t, target))
}

// canonicalTokens is CanonicalExpr on lexed tokens.
func canonicalTokens(en exprNormalizer, g *exprGrammar, toks []exprTok, cx *exprContext) string {
	n, err := parseExpr(g, toks)
	if err != nil {
		return g.printTokens(toks)
	}
	return g.printExpr(en.rewriteExpr(n, cx))
}

// newExprContext collects the column types of t as keys of the dialect's
// type names.
func newExprContext(d Dialect, g *exprGrammar, t *model.Table, target *model.Column) *exprContext {
	cx := &exprContext{cols: map[string]string{}}
	if target != nil {
		cx.target = columnTypeKey(d, target)
	}
	if t == nil {
		return cx
	}
	for _, c := range t.Columns {
		name := c.Name
		if g.lex.foldQuoted {
			name = asciiLower(name)
		}
		cx.cols[name] = columnTypeKey(d, c)
	}
	return cx
}

// columnTypeKey is the type key of a column's type, or "".
func columnTypeKey(d Dialect, c *model.Column) string {
	s, err := d.RenderType(c.Type)
	if err != nil {
		return ""
	}
	return typeKey(canonicalPGType(asciiLower(strings.TrimSpace(s))))
}

// typeKey is the part of a canonical type name that says which type it is:
// without modifier and schema, bpchar for every character(n).
func typeKey(name string) string {
	if i := strings.IndexByte(name, '('); i >= 0 {
		j := strings.IndexByte(name[i:], ')')
		if j < 0 {
			return name
		}
		name = name[:i] + name[i+j+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Trim(name, `"`)
	if name == "character" {
		name = "bpchar"
	}
	return name
}

// rewriteChildren applies f to every child of n, in place.
func rewriteChildren(n *exprNode, f func(*exprNode) *exprNode) {
	for i, a := range n.args {
		n.args[i] = f(a)
	}
}
