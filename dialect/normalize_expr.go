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
	// canon gives the types of the table's columns, worked out on first
	// use: most expressions name no column (on SQLite and MySQL none is
	// ever asked for), and rendering every column's type for each table
	// with an expression default was a tenth of Normalize.
	canon *exprCanon
	// target is the column whose default the expression is, or nil.
	target *model.Column
}

// colType returns the dialect's key for the type of the column the
// expression's names read as name ("" when unknown).
func (cx *exprContext) colType(name string) string {
	if cx.canon == nil {
		return ""
	}
	return cx.canon.columns()[name]
}

// targetType returns the type key of the column whose default the
// expression is, or "".
func (cx *exprContext) targetType() string {
	if cx.target == nil || cx.canon == nil {
		return ""
	}
	return columnTypeKey(cx.canon.d, cx.target)
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
	return newExprCanon(d, t).expr(nil, expr)
}

// exprCanon puts the expressions of one table in canonical form.
type exprCanon struct {
	d  Dialect
	t  *model.Table
	en exprNormalizer
	g  *exprGrammar
	// cols is the column types of t, collected on first use.
	cols map[string]string
}

func newExprCanon(d Dialect, t *model.Table) *exprCanon {
	c := &exprCanon{d: d, t: t}
	if en, ok := d.(exprNormalizer); ok {
		c.en, c.g = en, en.exprGrammar()
	}
	return c
}

// expr is CanonicalExpr for an expression of the table, or for the
// default of its column target: then a literal cast to the column's own
// type is the literal, since the server adds that cast to every default
// it coerces.
func (c *exprCanon) expr(target *model.Column, expr string) string {
	if c.en == nil {
		return strings.Join(strings.Fields(expr), " ")
	}
	toks, ok := exprLex(expr, &c.g.lex)
	if !ok {
		return strings.TrimSpace(expr)
	}
	cx := &exprContext{canon: c, target: target}
	if c.g.onUpdate {
		// MySQL's default CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP:
		// two expressions.
		for i := 0; i+1 < len(toks); i++ {
			if toks[i].kind == tkWord && toks[i].val == "on" && toks[i+1].kind == tkWord && toks[i+1].val == "update" {
				return canonicalTokens(c.en, c.g, toks[:i], cx) + " on update " + canonicalTokens(c.en, c.g, toks[i+2:], cx)
			}
		}
	}
	return canonicalTokens(c.en, c.g, toks, cx)
}

// columns returns the type keys of the table's columns by the names the
// expressions use for them.
func (c *exprCanon) columns() map[string]string {
	if c.cols != nil || c.t == nil {
		return c.cols
	}
	c.cols = make(map[string]string, len(c.t.Columns))
	for _, col := range c.t.Columns {
		name := col.Name
		if c.g.lex.foldQuoted {
			name = asciiLower(name)
		}
		c.cols[name] = columnTypeKey(c.d, col)
	}
	return c.cols
}

// canonicalTokens is CanonicalExpr on lexed tokens.
func canonicalTokens(en exprNormalizer, g *exprGrammar, toks []exprTok, cx *exprContext) string {
	n, err := parseExpr(g, toks)
	if err != nil {
		return g.printTokens(toks)
	}
	return g.printExpr(en.rewriteExpr(n, cx))
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
