package dialect

import (
	"strconv"
	"strings"
)

// pgGrammar is PostgreSQL's expression grammar (the precedence table of
// the documentation, "Lexical Structure" § 4.1.6, and gram.y): from the
// loosest, OR, AND, NOT, IS, comparisons, BETWEEN/IN/LIKE, other
// operators, + -, * / %, ^, (AT, not read), COLLATE, unary + -, [ ], ::.
var pgGrammar = &exprGrammar{
	lex: exprLexRules{postgres: true},
	binary: map[string]exprLevel{
		"or": {1, assocLeft}, "and": {2, assocLeft},
		"=": {5, assocNone}, "<>": {5, assocNone}, "<": {5, assocNone}, ">": {5, assocNone}, "<=": {5, assocNone}, ">=": {5, assocNone},
		"+": {8, assocLeft}, "-": {8, assocLeft},
		"*": {9, assocLeft}, "/": {9, assocLeft}, "%": {9, assocLeft},
		"^": {10, assocLeft},
	},
	other: 7, not: 3, is: 4, predicate: 6, collate: 12, unary: 13, subscript: 14, cast: 15,
	likeOps: map[string]bool{"ilike": true, "similar": true},
	atoms: map[string]bool{
		"null": true, "true": true, "false": true, "current_timestamp": true, "current_date": true,
		"current_time": true, "localtime": true, "localtimestamp": true, "current_user": true,
		"session_user": true, "current_role": true, "current_catalog": true, "current_schema": true,
		"user": true,
	},
	quote: '"',
}

func (d *postgresDialect) exprGrammar() *exprGrammar { return pgGrammar }

// rewriteExpr maps what PostgreSQL stores for an expression and what a
// user writes for it onto one form:
//
//   - casts the server adds are dropped: a string literal cast to text,
//     character varying or (in a call) regclass; a quoted number cast to
//     the type the number has by itself ('-5'::integer is -5); a
//     character varying or text column cast to text; an operand cast to
//     the type of the other operand of an operator, when that operand is
//     no cast itself (price > (0)::numeric, price numeric);
//     an array of string literals cast to text[] or character varying[];
//     a cast of NULL; in a column's default, a literal cast to the
//     column's type (the server coerces every default so);
//   - x IN (a) is x = a, x IN (a, b) is x = ANY (ARRAY[a, b]) when the
//     items are constants and an OR of equalities otherwise; NOT IN the
//     same with <> and ALL/AND;
//   - x BETWEEN a AND b is x >= a AND x <= b, NOT BETWEEN x < a OR x > b;
//   - LIKE, ILIKE, NOT LIKE and NOT ILIKE without ESCAPE are the operators
//     ~~, ~~*, !~~, !~~*;
//   - now() and transaction_timestamp() are CURRENT_TIMESTAMP.
//
// Each of these is how the server itself stores the first form.
func (d *postgresDialect) rewriteExpr(n *exprNode, cx *exprContext) *exprNode {
	out, _ := pgRewrite(n, cx)
	if out.kind == nCast && pgConstant(out.args[0]) {
		if target := cx.targetType(); target != "" && typeKey(out.op) == target {
			return out.args[0] // a default's cast to its column's type
		}
	}
	return out
}

// pgConstant reports whether n is a literal.
func pgConstant(n *exprNode) bool {
	return n.kind == nString || n.kind == nNumber || n.kind == nKeyword && n.op != "*"
}

// pgCompareOps and pgArithOps are the operators whose operands the server
// casts to one type.
var pgCompareOps = map[string]bool{"=": true, "<>": true, "<": true, ">": true, "<=": true, ">=": true}
var pgArithOps = map[string]bool{"+": true, "-": true, "*": true, "/": true, "%": true, "^": true, "||": true}

// pgRewrite rewrites n and returns it with the type key of its value ("" when
// unknown), the type it had before any cast was dropped.
func pgRewrite(n *exprNode, cx *exprContext) (*exprNode, string) {
	switch n.kind {
	case nNumber:
		return n, pgNumberType(n.val)
	case nKeyword:
		switch n.op {
		case "true", "false":
			return n, "boolean"
		case "current_timestamp":
			return n, "timestamp with time zone"
		}
		return n, ""
	case nIdent:
		if len(n.parts) == 1 {
			return n, cx.colType(n.parts[0])
		}
		return n, ""
	case nFunc:
		for i, a := range n.args {
			a, _ = pgRewrite(a, cx)
			if a.kind == nCast && a.op == "regclass" && a.args[0].kind == nString && a.args[0].prefix == "" {
				a = a.args[0] // nextval('s'::regclass): the argument's own type
			}
			n.args[i] = a
		}
		if len(n.parts) == 1 && len(n.args) == 0 && (n.parts[0] == "now" || n.parts[0] == "transaction_timestamp") {
			return &exprNode{kind: nKeyword, op: "current_timestamp"}, "timestamp with time zone"
		}
		return n, ""
	case nCast:
		return pgRewriteCast(n, cx)
	case nBinary:
		return pgRewriteBinary(n, cx)
	case nIn:
		return pgRewriteIn(n, cx)
	case nBetween:
		rewriteChildren(n, func(a *exprNode) *exprNode { a, _ = pgRewrite(a, cx); return a })
		x, lo, hi := n.args[0], n.args[1], n.args[2]
		if n.op == "between" {
			return &exprNode{kind: nBool, op: "and", args: []*exprNode{
				pgCompare(">=", x, lo, cx), pgCompare("<=", cloneExpr(x), hi, cx)}}, "boolean"
		}
		return &exprNode{kind: nBool, op: "or", args: []*exprNode{
			pgCompare("<", x, lo, cx), pgCompare(">", cloneExpr(x), hi, cx)}}, "boolean"
	case nLike:
		rewriteChildren(n, func(a *exprNode) *exprNode { a, _ = pgRewrite(a, cx); return a })
		op := map[string]string{"like": "~~", "not like": "!~~", "ilike": "~~*", "not ilike": "!~~*"}[n.op]
		if op != "" && len(n.args) == 2 {
			return &exprNode{kind: nBinary, op: op, args: n.args}, "boolean"
		}
		return n, "boolean"
	case nBool, nPostfix:
		rewriteChildren(n, func(a *exprNode) *exprNode { a, _ = pgRewrite(a, cx); return a })
		return n, "boolean"
	case nPrefix:
		x, t := pgRewrite(n.args[0], cx)
		n.args[0] = x
		if n.op == "not" {
			return n, "boolean"
		}
		return n, t
	case nCollate:
		x, t := pgRewrite(n.args[0], cx)
		n.args[0] = x
		return n, t
	}
	rewriteChildren(n, func(a *exprNode) *exprNode { a, _ = pgRewrite(a, cx); return a })
	return n, ""
}

// pgRewriteCast drops the casts PostgreSQL adds to literals and columns
// whatever their context.
func pgRewriteCast(n *exprNode, cx *exprContext) (*exprNode, string) {
	x, xt := pgRewrite(n.args[0], cx)
	n.args[0] = x
	key := typeKey(n.op)
	switch {
	case x.kind == nKeyword && x.op == "null":
		return x, key // the server types every NULL it coerces
	case x.kind == nString && x.prefix == "" && (key == "text" || key == "character varying"):
		return x, key
	case x.kind == nString && x.prefix == "" && isPGNumber(x.val) && pgNumberType(x.val) == key:
		return &exprNode{kind: nNumber, val: x.val}, key
	case x.kind == nNumber && pgNumberType(x.val) == key:
		return x, key
	case x.kind == nIdent && key == "text" && (xt == "text" || xt == "character varying"):
		return x, key
	case x.kind == nArray && (key == "text[]" || key == "character varying[]") && allStrings(x.args):
		return x, key
	}
	return n, key
}

// pgRewriteBinary drops a cast of one operand to the type of the other.
func pgRewriteBinary(n *exprNode, cx *exprContext) (*exprNode, string) {
	l0, r0 := n.args[0], n.args[1]
	l, lt := pgRewrite(l0, cx)
	r, rt := pgRewrite(r0, cx)
	n.args[0], n.args[1] = l, r
	if pgCompareOps[n.op] || pgArithOps[n.op] {
		n.args[0] = pgDropCastTo(l, rt, r0)
		n.args[1] = pgDropCastTo(r, lt, l0)
		if pgCompareOps[n.op] && r.kind == nFunc && (r.parts[0] == "any" || r.parts[0] == "all") && len(r.parts) == 1 {
			r.args[0] = pgDropArrayCasts(r.args[0], lt)
		}
	}
	switch {
	case pgCompareOps[n.op], strings.HasPrefix(n.op, "is "), strings.Contains(n.op, "~"):
		return n, "boolean"
	case n.op == "||":
		return n, "text"
	case lt == rt:
		return n, lt
	}
	return n, ""
}

// pgDropCastTo returns x without its cast when it is
// cast to otherType, the type of the other operand, and that operand is
// not a cast itself: the server adds such a cast to an operand of another
// type (price + 1 * 2 is price + ((1 * 2))::numeric), and where a user
// writes it, the server resolves the operator to the same one without
// it. Were the other operand a cast too, dropping both could change the
// operator (1::numeric / 2::numeric is no integer division).
func pgDropCastTo(x *exprNode, otherType string, other *exprNode) *exprNode {
	if x.kind != nCast || otherType == "" || other.kind == nCast || typeKey(x.op) != otherType {
		return x
	}
	inner := x.args[0]
	if inner.kind == nString && inner.prefix == "" && isPGNumber(inner.val) && pgNumericKey(otherType) {
		return &exprNode{kind: nNumber, val: inner.val}
	}
	return inner
}

// pgDropArrayCasts drops the casts of the items of an ARRAY[…] (and of
// the array) to the element type of the other operand of = ANY.
func pgDropArrayCasts(arr *exprNode, elem string) *exprNode {
	if elem == "" {
		return arr
	}
	if arr.kind == nCast && typeKey(arr.op) == elem+"[]" && arr.args[0].kind == nArray {
		arr = arr.args[0]
	}
	if arr.kind != nArray {
		return arr
	}
	for i, a := range arr.args {
		arr.args[i] = pgDropCastTo(a, elem, &exprNode{kind: nIdent})
	}
	return arr
}

// pgCompare builds a comparison from rewritten operands, with the casts
// the server adds dropped.
func pgCompare(op string, l, r *exprNode, cx *exprContext) *exprNode {
	n, _ := pgRewriteBinary(&exprNode{kind: nBinary, op: op, args: []*exprNode{l, r}}, cx)
	return n
}

// pgRewriteIn stores IN as the server does.
func pgRewriteIn(n *exprNode, cx *exprContext) (*exprNode, string) {
	rewriteChildren(n, func(a *exprNode) *exprNode { a, _ = pgRewrite(a, cx); return a })
	x, items := n.args[0], n.args[1:]
	op, join, quant := "=", "or", "any"
	if n.op == "not in" {
		op, join, quant = "<>", "and", "all"
	}
	if len(items) == 1 {
		return pgCompare(op, x, items[0], cx), "boolean"
	}
	constants := true
	for _, it := range items {
		for it.kind == nCast {
			it = it.args[0]
		}
		constants = constants && (it.kind == nString || it.kind == nNumber || it.kind == nKeyword && it.op != "*")
	}
	if constants {
		arr := &exprNode{kind: nArray, args: items}
		return pgCompare(op, x, &exprNode{kind: nFunc, parts: []string{quant}, args: []*exprNode{arr}}, cx), "boolean"
	}
	b := &exprNode{kind: nBool, op: join}
	for i, it := range items {
		xi := x
		if i > 0 {
			xi = cloneExpr(x)
		}
		b.args = append(b.args, pgCompare(op, xi, it, cx))
	}
	return b, "boolean"
}

// cloneExpr returns a deep copy of n.
func cloneExpr(n *exprNode) *exprNode {
	c := *n
	c.parts = append([]string(nil), n.parts...)
	c.args = make([]*exprNode, len(n.args))
	for i, a := range n.args {
		c.args[i] = cloneExpr(a)
	}
	return &c
}

// allStrings reports whether every node is a plain string literal.
func allStrings(ns []*exprNode) bool {
	for _, a := range ns {
		if a.kind != nString || a.prefix != "" {
			return false
		}
	}
	return true
}

// isPGNumber reports whether s is a decimal number as PostgreSQL writes
// one: an optional minus, digits, an optional fraction.
func isPGNumber(s string) bool {
	t := strings.TrimPrefix(s, "-")
	if t == "" {
		return false
	}
	intPart, frac, hasDot := strings.Cut(t, ".")
	if intPart == "" || hasDot && frac == "" {
		return false
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if !isDigit(part[i]) {
				return false
			}
		}
	}
	return true
}

// pgNumberType is the type PostgreSQL gives a numeric constant written as
// s: integer, bigint when it does not fit, numeric for decimals and
// exponents (and "" for what is no decimal number).
func pgNumberType(s string) string {
	if strings.ContainsAny(s, ".e") {
		return "numeric"
	}
	if strings.HasPrefix(strings.TrimPrefix(s, "-"), "0x") {
		return ""
	}
	v, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil:
		return "numeric"
	case v >= -1<<31 && v < 1<<31:
		return "integer"
	}
	return "bigint"
}

// pgNumericKey reports whether a type key is a numeric type.
func pgNumericKey(k string) bool {
	switch k {
	case "smallint", "integer", "bigint", "numeric", "real", "double precision":
		return true
	}
	return false
}
