package dialect

import (
	"errors"
	"strings"
)

// exprKind is the kind of a node of a parsed expression.
type exprKind int

const (
	nString    exprKind = iota // string literal: val, prefix
	nNumber                    // numeric literal: val (with its sign)
	nKeyword                   // null, true, false, current_timestamp, *…: op
	nIdent                     // column or qualified name: parts
	nFunc                      // function call: parts, args, distinct
	nBinary                    // binary operator: op, args[0], args[1]
	nBool                      // and / or over two or more args: op
	nPrefix                    // prefix operator (not, -, ~…): op, args[0]
	nPostfix                   // is null, is not true…: op, args[0]
	nIn                        // args[0] [not] in (args[1:]): op "in" or "not in"
	nBetween                   // args[0] [not] between args[1] and args[2]: op
	nLike                      // args[0] like args[1] [escape args[2]]: op
	nCase                      // case: operand, whens/thens, else
	nCast                      // args[0]::op (op: the canonical type)
	nCollate                   // args[0] collate op
	nArray                     // array[args]
	nSubscript                 // args[0][args[1]]
	nRow                       // (args)
)

// exprNode is a node of a parsed expression. Parentheses are not nodes:
// the shape of the tree holds what they said.
type exprNode struct {
	kind   exprKind
	op     string
	val    string
	prefix string
	parts  []string
	args   []*exprNode
	// distinct: count(DISTINCT x). operand, hasElse: the shape of a CASE
	// (args are [operand] when, then, … [else]).
	distinct, operand, hasElse bool
}

// errExprSyntax stops a parse: the expression uses something the parser
// does not read with certainty, and is compared by its tokens instead.
var errExprSyntax = errors.New("expression syntax not understood")

// exprAssoc is how operators of one precedence level group.
type exprAssoc int

const (
	assocLeft exprAssoc = iota
	assocNone
)

// exprLevel is a precedence level: higher binds tighter.
type exprLevel struct {
	prec  int
	assoc exprAssoc
}

// atomPrec is the precedence of literals, names, calls and anything in
// brackets.
const atomPrec = 100

// exprGrammar holds a database's expression grammar: lexical rules,
// operator precedence and printing.
type exprGrammar struct {
	lex exprLexRules
	// binary maps symbolic and word operators (after aliases) to levels.
	binary map[string]exprLevel
	// alias renames operators to the spelling printed: MySQL's && is
	// and, ! is not, MOD is %.
	alias map[string]string
	// other is the level of operators not in binary (PostgreSQL's
	// user-defined operators); 0 refuses them.
	other int
	// not, is, predicate (in, between, like…), unary (- + ~), bang (!),
	// collate, cast (::), subscript: levels of the other constructs.
	not, is, predicate, unary, bang, collate, cast, subscript int
	// likeOps are the pattern-matching words besides LIKE.
	likeOps map[string]bool
	// atoms are the keywords that are values by themselves (NULL,
	// CURRENT_TIMESTAMP …); they are never names.
	atoms map[string]bool
	// quote is the character that quotes identifiers in the output.
	quote byte
	// sqliteIs: IS and IS NOT are binary operators (SQLite).
	sqliteIs bool
	// onUpdate: a default may end in ON UPDATE expr (MySQL).
	onUpdate bool
}

// exprParser is a precedence-climbing parser over the tokens of one
// expression.
type exprParser struct {
	g    *exprGrammar
	toks []exprTok
	pos  int
}

// parseExpr parses a whole expression.
func parseExpr(g *exprGrammar, toks []exprTok) (n *exprNode, err error) {
	p := &exprParser{g: g, toks: toks}
	defer func() {
		// The parser reports what it cannot read by panicking with
		// errExprSyntax; any other panic is a bug and propagates.
		if r := recover(); r != nil {
			if r != errExprSyntax { //nolint:errorlint // sentinel identity
				panic(r)
			}
			n, err = nil, errExprSyntax
		}
	}()
	if len(toks) == 0 {
		return nil, errExprSyntax
	}
	n = p.expr(0)
	if p.pos != len(p.toks) {
		return nil, errExprSyntax
	}
	return n, nil
}

func (p *exprParser) fail() { panic(errExprSyntax) }

func (p *exprParser) peek(k int) exprTok {
	if p.pos+k < len(p.toks) {
		return p.toks[p.pos+k]
	}
	return exprTok{kind: tkOp, val: ""}
}

// isWord reports whether the token k ahead is the unquoted word w.
func (p *exprParser) isWord(k int, w string) bool {
	t := p.peek(k)
	return t.kind == tkWord && t.val == w
}

// isOp reports whether the token k ahead is the operator or punctuation op.
func (p *exprParser) isOp(k int, op string) bool {
	t := p.peek(k)
	return t.kind == tkOp && t.val == op && p.pos+k < len(p.toks)
}

func (p *exprParser) expectOp(op string) {
	if !p.isOp(0, op) {
		p.fail()
	}
	p.pos++
}

func (p *exprParser) expectWord(w string) {
	if !p.isWord(0, w) {
		p.fail()
	}
	p.pos++
}

// exprReserved are words that are never names in an expression.
var exprReserved = map[string]bool{
	"and": true, "or": true, "not": true, "is": true, "in": true, "between": true, "like": true,
	"ilike": true, "similar": true, "glob": true, "regexp": true, "rlike": true, "match": true,
	"case": true, "when": true, "then": true, "else": true, "end": true, "cast": true, "as": true,
	"collate": true, "escape": true, "from": true, "null": true, "true": true, "false": true,
	"distinct": true, "div": true, "mod": true, "xor": true,
	"select": true, "exists": true, "array": true, "interval": true, "binary": true, "any": true,
	"all": true, "some": true, "symmetric": true, "unknown": true, "over": true, "filter": true,
	"within": true, "at": true, "on": true, "default": true, "with": true, "where": true,
	"row": true, "values": true,
}

// expr parses an expression whose operators bind at least as tightly as
// minPrec.
func (p *exprParser) expr(minPrec int) *exprNode {
	left := p.prefix()
	for {
		next := p.infix(left, minPrec)
		if next == nil {
			return left
		}
		left = next
	}
}

// binaryOp returns the operator at the current token and its level, or
// ok false when the token is no binary operator.
func (p *exprParser) binaryOp() (op string, lv exprLevel, words int, ok bool) {
	t := p.peek(0)
	if p.pos >= len(p.toks) {
		return "", lv, 0, false
	}
	switch t.kind {
	case tkOp:
		op = t.val
		if a, found := p.g.alias[op]; found {
			op = a
		}
		if lv, found := p.g.binary[op]; found {
			return op, lv, 1, true
		}
		if strings.ContainsAny(op, "(),[].;:") || p.g.other == 0 {
			return "", lv, 0, false
		}
		return op, exprLevel{prec: p.g.other}, 1, true
	case tkWord:
		op = t.val
		if a, found := p.g.alias[op]; found {
			op = a
		}
		if lv, found := p.g.binary[op]; found {
			return op, lv, 1, true
		}
	}
	return "", lv, 0, false
}

// infix extends left with the operator at the current token if it binds
// at least as tightly as minPrec, else returns nil.
func (p *exprParser) infix(left *exprNode, minPrec int) *exprNode {
	g := p.g
	if p.pos >= len(p.toks) {
		return nil
	}
	t := p.peek(0)
	switch {
	case t.kind == tkOp && t.val == "::" && g.cast > 0:
		if g.cast < minPrec {
			return nil
		}
		p.pos++
		return &exprNode{kind: nCast, op: p.typeName(), args: []*exprNode{left}}
	case t.kind == tkOp && t.val == "[" && g.subscript > 0:
		if g.subscript < minPrec {
			return nil
		}
		p.pos++
		idx := p.expr(0)
		p.expectOp("]")
		return &exprNode{kind: nSubscript, args: []*exprNode{left, idx}}
	case p.isWord(0, "collate"):
		if g.collate < minPrec {
			return nil
		}
		p.pos++
		return &exprNode{kind: nCollate, op: p.collation(), args: []*exprNode{left}}
	case p.isWord(0, "is"):
		if g.is < minPrec {
			return nil
		}
		return p.isClause(left)
	case p.isWord(0, "isnull") || p.isWord(0, "notnull"):
		if g.is < minPrec || g.cast == 0 && !g.sqliteIs {
			return nil
		}
		op := "is null"
		if p.isWord(0, "notnull") {
			op = "is not null"
		}
		p.pos++
		return &exprNode{kind: nPostfix, op: op, args: []*exprNode{left}}
	}
	// [NOT] IN / BETWEEN / LIKE and friends.
	k, neg := 0, ""
	if p.isWord(0, "not") {
		k, neg = 1, "not "
	}
	switch {
	case p.isWord(k, "in"):
		if g.predicate < minPrec {
			return nil
		}
		p.pos += k + 1
		return p.inList(left, neg+"in")
	case p.isWord(k, "between"):
		if g.predicate < minPrec {
			return nil
		}
		p.pos += k + 1
		if p.isWord(0, "symmetric") {
			p.fail()
		}
		lo := p.expr(g.predicate + 1)
		p.expectWord("and")
		hi := p.expr(g.predicate + 1)
		p.noChain(g.predicate)
		return &exprNode{kind: nBetween, op: neg + "between", args: []*exprNode{left, lo, hi}}
	case p.isWord(k, "like") || g.likeOps[p.peek(k).val] && p.peek(k).kind == tkWord:
		if g.predicate < minPrec {
			return nil
		}
		word := p.peek(k).val
		p.pos += k + 1
		if word == "similar" {
			p.expectWord("to")
			word = "similar to"
		}
		right := p.expr(g.predicate + 1)
		n := &exprNode{kind: nLike, op: neg + word, args: []*exprNode{left, right}}
		if p.isWord(0, "escape") {
			p.pos++
			n.args = append(n.args, p.expr(g.predicate+1))
		}
		p.noChain(g.predicate)
		return n
	case k == 1 && p.isWord(1, "null") && g.sqliteIs:
		if g.is < minPrec {
			return nil
		}
		p.pos += 2
		return &exprNode{kind: nPostfix, op: "is not null", args: []*exprNode{left}}
	case k == 1:
		return nil
	}
	op, lv, words, ok := p.binaryOp()
	if !ok || lv.prec < minPrec {
		return nil
	}
	p.pos += words
	rightMin := lv.prec + 1
	right := p.expr(rightMin)
	if op == "and" || op == "or" {
		n := &exprNode{kind: nBool, op: op}
		for _, a := range []*exprNode{left, right} {
			if a.kind == nBool && a.op == op {
				n.args = append(n.args, a.args...)
			} else {
				n.args = append(n.args, a)
			}
		}
		return n
	}
	if lv.assoc == assocNone {
		p.noChain(lv.prec)
	}
	return &exprNode{kind: nBinary, op: op, args: []*exprNode{left, right}}
}

// noChain refuses a non-associative operator of level prec right after
// another one (a = b = c is an error on PostgreSQL).
func (p *exprParser) noChain(prec int) {
	if _, lv, _, ok := p.binaryOp(); ok && lv.prec == prec && lv.assoc == assocNone {
		p.fail()
	}
}

// isClause reads what follows IS.
func (p *exprParser) isClause(left *exprNode) *exprNode {
	p.pos++ // is
	neg := ""
	if p.isWord(0, "not") {
		neg = "not "
		p.pos++
	}
	t := p.peek(0)
	switch {
	case t.kind == tkWord && (t.val == "null" || t.val == "true" || t.val == "false" || t.val == "unknown"):
		p.pos++
		return &exprNode{kind: nPostfix, op: "is " + neg + t.val, args: []*exprNode{left}}
	case t.kind == tkWord && t.val == "distinct":
		p.pos++
		p.expectWord("from")
		right := p.expr(p.g.is + 1)
		return &exprNode{kind: nBinary, op: "is " + neg + "distinct from", args: []*exprNode{left, right}}
	case p.g.sqliteIs:
		right := p.expr(p.g.is + 1)
		return &exprNode{kind: nBinary, op: strings.TrimSpace("is " + neg), args: []*exprNode{left, right}}
	}
	p.fail()
	return nil
}

// inList reads the parenthesised list after IN.
func (p *exprParser) inList(left *exprNode, op string) *exprNode {
	p.expectOp("(")
	if p.isWord(0, "select") || p.isWord(0, "with") || p.isWord(0, "values") {
		p.fail()
	}
	n := &exprNode{kind: nIn, op: op, args: []*exprNode{left}}
	n.args = append(n.args, p.list(")")...)
	p.noChain(p.g.predicate)
	return n
}

// list reads comma-separated expressions up to and including closer.
func (p *exprParser) list(closer string) []*exprNode {
	var out []*exprNode
	if p.isOp(0, closer) {
		p.pos++
		return out
	}
	for {
		out = append(out, p.expr(0))
		if p.isOp(0, ",") {
			p.pos++
			continue
		}
		p.expectOp(closer)
		return out
	}
}

// prefix reads an operand: a literal, a name, a call, a parenthesised
// expression or a prefix operator and its operand.
func (p *exprParser) prefix() *exprNode {
	g := p.g
	if p.pos >= len(p.toks) {
		p.fail()
	}
	t := p.toks[p.pos]
	switch t.kind {
	case tkNumber:
		p.pos++
		return &exprNode{kind: nNumber, val: t.val}
	case tkString:
		p.pos++
		return &exprNode{kind: nString, val: t.val, prefix: t.prefix}
	case tkParam:
		p.fail()
	case tkIdent:
		return p.nameOrCall()
	case tkOp:
		switch t.val {
		case "(":
			p.pos++
			if p.isWord(0, "select") || p.isWord(0, "with") || p.isWord(0, "values") {
				p.fail()
			}
			items := p.list(")")
			switch len(items) {
			case 0:
				p.fail()
			case 1:
				return items[0]
			}
			return &exprNode{kind: nRow, args: items}
		case "-", "+", "~":
			p.pos++
			prec := g.unary
			if t.val == "~" && g.other > 0 {
				prec = g.other
			}
			operand := p.expr(prec)
			if t.val == "-" && operand.kind == nNumber && !strings.HasPrefix(operand.val, "-") {
				// A negative constant: the server folds - 1 into -1.
				return &exprNode{kind: nNumber, val: "-" + operand.val}
			}
			return &exprNode{kind: nPrefix, op: t.val, args: []*exprNode{operand}}
		case "!":
			if g.bang == 0 {
				p.fail()
			}
			p.pos++
			return &exprNode{kind: nPrefix, op: "not", args: []*exprNode{p.expr(g.bang)}}
		case "*":
			p.fail()
		}
		if g.other > 0 && !strings.ContainsAny(t.val, "(),[].;:") {
			// A PostgreSQL prefix operator (@ x, |/ x …).
			p.pos++
			return &exprNode{kind: nPrefix, op: t.val, args: []*exprNode{p.expr(g.other)}}
		}
		p.fail()
	}
	// A word.
	switch w := t.val; {
	case w == "not":
		p.pos++
		return &exprNode{kind: nPrefix, op: "not", args: []*exprNode{p.expr(g.not)}}
	case w == "case":
		p.pos++
		return p.caseExpr()
	case w == "cast" && p.isOp(1, "("):
		p.pos += 2
		x := p.expr(0)
		p.expectWord("as")
		typ := p.typeName()
		p.expectOp(")")
		return &exprNode{kind: nCast, op: typ, args: []*exprNode{x}}
	case w == "array" && g.cast > 0 && p.isOp(1, "["):
		p.pos += 2
		return &exprNode{kind: nArray, args: p.list("]")}
	case (w == "any" || w == "all" || w == "some") && p.isOp(1, "("):
		p.pos += 2
		if p.isWord(0, "select") || p.isWord(0, "with") || p.isWord(0, "values") {
			p.fail()
		}
		if w == "some" {
			w = "any"
		}
		args := p.list(")")
		if len(args) != 1 {
			p.fail()
		}
		return &exprNode{kind: nFunc, parts: []string{w}, args: args}
	case g.atoms[w]:
		p.pos++
		if p.isOp(0, "(") && w != "null" && w != "true" && w != "false" {
			p.pos++
			return &exprNode{kind: nFunc, parts: []string{w}, args: p.list(")")}
		}
		return &exprNode{kind: nKeyword, op: w}
	case g.cast > 0 && p.peek(1).kind == tkString && p.peek(1).prefix == "" && !exprReserved[w] || w == "interval" && g.cast > 0 && p.peek(1).kind == tkString:
		// A typed literal: interval '1 day', date '2020-01-01'.
		p.pos++
		s := p.toks[p.pos]
		p.pos++
		return &exprNode{kind: nCast, op: canonicalPGType(w), args: []*exprNode{{kind: nString, val: s.val}}}
	case exprReserved[w] || g.atoms[w]:
		p.fail()
	}
	return p.nameOrCall()
}

// nameOrCall reads a possibly qualified name, and the call when a
// parenthesis follows it.
func (p *exprParser) nameOrCall() *exprNode {
	parts := []string{p.name()}
	for p.isOp(0, ".") {
		p.pos++
		parts = append(parts, p.name())
	}
	if !p.isOp(0, "(") {
		return &exprNode{kind: nIdent, parts: parts}
	}
	p.pos++
	n := &exprNode{kind: nFunc, parts: parts}
	switch {
	case p.isOp(0, "*") && p.isOp(1, ")"):
		p.pos += 2
		n.args = []*exprNode{{kind: nKeyword, op: "*"}}
	default:
		if p.isWord(0, "distinct") {
			p.pos++
			n.distinct = true
		} else if p.isWord(0, "all") {
			p.pos++
		}
		n.args = p.list(")")
	}
	if p.isWord(0, "over") || p.isWord(0, "filter") || p.isWord(0, "within") {
		p.fail()
	}
	return n
}

// name reads one part of a name: a word that is not reserved or a quoted
// identifier.
func (p *exprParser) name() string {
	t := p.peek(0)
	if p.pos >= len(p.toks) || t.kind == tkWord && (exprReserved[t.val] || p.g.atoms[t.val]) || t.kind != tkWord && t.kind != tkIdent {
		p.fail()
	}
	p.pos++
	return t.val
}

// collation reads a possibly qualified collation name, in canonical
// spelling.
func (p *exprParser) collation() string {
	name := quoteIdentFor(p.g, p.name())
	for p.isOp(0, ".") {
		p.pos++
		name += "." + quoteIdentFor(p.g, p.name())
	}
	return name
}

// caseExpr reads a CASE expression after the word CASE.
func (p *exprParser) caseExpr() *exprNode {
	n := &exprNode{kind: nCase}
	if !p.isWord(0, "when") {
		n.operand = true
		n.args = append(n.args, p.expr(0))
	}
	if !p.isWord(0, "when") {
		p.fail()
	}
	for p.isWord(0, "when") {
		p.pos++
		w := p.expr(0)
		p.expectWord("then")
		n.args = append(n.args, w, p.expr(0))
	}
	if p.isWord(0, "else") {
		p.pos++
		n.hasElse = true
		n.args = append(n.args, p.expr(0))
	}
	p.expectWord("end")
	return n
}

// typeName reads a type name after :: or CAST(… AS: words (the multi-word
// built-in names included), a modifier in parentheses, array brackets, a
// MySQL character set. It returns the canonical spelling.
func (p *exprParser) typeName() string {
	var words []string
	for {
		t := p.peek(0)
		if p.pos >= len(p.toks) || (t.kind != tkWord && t.kind != tkIdent) {
			break
		}
		if t.kind == tkWord && len(words) > 0 && !typeWordContinues(words, t.val) {
			break
		}
		w := t.val
		if t.kind == tkIdent {
			w = quoteIdentFor(p.g, t.val)
		}
		p.pos++
		words = append(words, w)
		if p.isOp(0, ".") {
			p.pos++
			words[len(words)-1] += "."
		}
	}
	if len(words) == 0 {
		p.fail()
	}
	name := strings.ReplaceAll(strings.Join(words, " "), ". ", ".")
	if p.isOp(0, "(") {
		p.pos++
		var mods []string
		for {
			t := p.peek(0)
			if t.kind != tkNumber && t.kind != tkWord {
				p.fail()
			}
			mods = append(mods, t.val)
			p.pos++
			if p.isOp(0, ",") {
				p.pos++
				continue
			}
			p.expectOp(")")
			break
		}
		name += "(" + strings.Join(mods, ",") + ")"
		// timestamp(3) with time zone
		for p.peek(0).kind == tkWord && typeWordContinues([]string{"timestamp"}, p.peek(0).val) {
			name += " " + p.peek(0).val
			p.pos++
		}
	}
	if p.g.cast == 0 {
		// MySQL: CHAR CHARSET x, CHAR CHARACTER SET x, UNSIGNED INTEGER…
		for p.peek(0).kind == tkWord {
			name += " " + p.peek(0).val
			p.pos++
		}
		return name
	}
	name = canonicalPGType(name)
	for p.isOp(0, "[") {
		p.pos++
		if p.peek(0).kind == tkNumber {
			p.pos++
		}
		p.expectOp("]")
		name += "[]"
	}
	return name
}

// typeWordContinues reports whether word continues a multi-word type name
// begun by words (double precision, character varying, with time zone).
func typeWordContinues(words []string, word string) bool {
	last := words[len(words)-1]
	switch word {
	case "precision":
		return last == "double"
	case "varying":
		return last == "character" || last == "char" || last == "bit" || last == "national character"
	case "with", "without":
		return last == "timestamp" || last == "time" || strings.HasSuffix(last, ")")
	case "time":
		return last == "with" || last == "without"
	case "zone":
		return last == "time" && len(words) > 1
	case "character":
		return last == "national"
	case "unsigned", "signed", "integer", "charset", "set", "binary":
		return false
	}
	return false
}

// pgTypeSynonyms maps PostgreSQL type names to the spelling
// format_type prints.
var pgTypeSynonyms = map[string]string{
	"int": "integer", "int4": "integer", "int8": "bigint", "int2": "smallint",
	"float8": "double precision", "float4": "real", "float": "double precision",
	"varchar": "character varying", "char": "character", "bool": "boolean",
	"decimal": "numeric", "timestamp": "timestamp without time zone",
	"timestamptz": "timestamp with time zone", "time": "time without time zone",
	"timetz": "time with time zone", "varbit": "bit varying",
}

// canonicalPGType spells a PostgreSQL type name as format_type does,
// keeping its modifier: int4 → integer, varchar(5) → character varying(5).
func canonicalPGType(name string) string {
	base, mod, _ := strings.Cut(name, "(")
	if mod != "" {
		mod = "(" + mod
	}
	// timestamp(3) with time zone: the modifier sits inside the name.
	if i := strings.Index(mod, ")"); i >= 0 && i+1 < len(mod) {
		base += mod[i+1:]
		mod = mod[:i+1]
	}
	base = strings.TrimSpace(base)
	if s, ok := pgTypeSynonyms[base]; ok {
		base = s
	}
	switch base {
	case "timestamp with time zone", "timestamp without time zone", "time with time zone", "time without time zone":
		if mod != "" {
			i := strings.Index(base, " ")
			return base[:i] + mod + base[i:]
		}
	}
	return base + mod
}
