package dialect

import (
	"strings"
)

// prec returns the precedence of a node: how tightly it holds together
// when it is the operand of another.
func (g *exprGrammar) prec(n *exprNode) int {
	switch n.kind {
	case nBool, nBinary:
		if lv, ok := g.binary[n.op]; ok {
			return lv.prec
		}
		if strings.HasPrefix(n.op, "is") {
			return g.is
		}
		return g.other
	case nPrefix:
		switch n.op {
		case "not":
			return g.not
		case "-", "+":
			return g.unary
		case "~":
			if g.other > 0 {
				return g.other
			}
			return g.unary
		}
		return g.other
	case nPostfix:
		return g.is
	case nIn, nBetween, nLike:
		return g.predicate
	case nCast:
		if g.cast == 0 {
			return atomPrec // CAST(x AS t)
		}
		return g.cast
	case nCollate:
		return g.collate
	case nSubscript:
		return g.subscript
	case nNumber:
		if strings.HasPrefix(n.val, "-") {
			return g.unary
		}
	}
	return atomPrec
}

// assoc returns the grouping of a binary node's operator.
func (g *exprGrammar) assoc(n *exprNode) exprAssoc {
	if lv, ok := g.binary[n.op]; ok {
		return lv.assoc
	}
	if strings.HasPrefix(n.op, "is") {
		return assocNone
	}
	return assocLeft
}

// printExpr writes the canonical text of a parsed expression: the
// parentheses the grammar needs and no others, single spaces, lower-case
// keywords and operators, identifiers quoted only where they must be,
// literals in one spelling. Parsing the text gives the same tree.
func (g *exprGrammar) printExpr(n *exprNode) string {
	var b strings.Builder
	g.print(&b, n)
	return b.String()
}

// operand writes n as the operand of an operator of precedence prec,
// parenthesised when it binds less tightly than min.
func (g *exprGrammar) operand(b *strings.Builder, n *exprNode, min int) {
	if g.prec(n) < min {
		b.WriteByte('(')
		g.print(b, n)
		b.WriteByte(')')
		return
	}
	g.print(b, n)
}

func (g *exprGrammar) print(b *strings.Builder, n *exprNode) {
	switch n.kind {
	case nString:
		b.WriteString(n.prefix)
		b.WriteString(g.stringLiteral(n.val))
	case nNumber:
		b.WriteString(n.val)
	case nKeyword:
		b.WriteString(n.op)
	case nIdent:
		g.name(b, n.parts)
	case nFunc:
		if len(n.parts) == 1 && (n.parts[0] == "any" || n.parts[0] == "all") {
			b.WriteString(n.parts[0]) // = ANY (array), not a function
		} else {
			g.name(b, n.parts)
		}
		b.WriteByte('(')
		if n.distinct {
			b.WriteString("distinct ")
		}
		g.list(b, n.args)
		b.WriteByte(')')
	case nBool:
		p := g.prec(n)
		for i, a := range n.args {
			if i > 0 {
				b.WriteString(" " + n.op + " ")
			}
			g.operand(b, a, p+1)
		}
	case nBinary:
		p := g.prec(n)
		left := p
		if g.assoc(n) == assocNone {
			left = p + 1
		}
		g.operand(b, n.args[0], left)
		b.WriteString(" " + n.op + " ")
		g.operand(b, n.args[1], p+1)
	case nPrefix:
		b.WriteString(n.op)
		if n.op == "not" {
			b.WriteByte(' ')
		}
		p := g.prec(n)
		x := n.args[0]
		if n.op != "not" && (x.kind == nPrefix && x.op != "not" || x.kind == nNumber && strings.HasPrefix(x.val, "-")) {
			p = atomPrec // - -x would read as a comment
		}
		g.operand(b, x, p)
	case nPostfix:
		g.operand(b, n.args[0], g.prec(n))
		b.WriteString(" " + n.op)
	case nIn:
		g.operand(b, n.args[0], g.predicate+1)
		b.WriteString(" " + n.op + " (")
		g.list(b, n.args[1:])
		b.WriteByte(')')
	case nBetween:
		g.operand(b, n.args[0], g.predicate+1)
		b.WriteString(" " + n.op + " ")
		g.operand(b, n.args[1], g.predicate+1)
		b.WriteString(" and ")
		g.operand(b, n.args[2], g.predicate+1)
	case nLike:
		g.operand(b, n.args[0], g.predicate+1)
		b.WriteString(" " + n.op + " ")
		g.operand(b, n.args[1], g.predicate+1)
		if len(n.args) > 2 {
			b.WriteString(" escape ")
			g.operand(b, n.args[2], g.predicate+1)
		}
	case nCase:
		b.WriteString("case")
		args := n.args
		if n.operand {
			b.WriteByte(' ')
			g.print(b, args[0])
			args = args[1:]
		}
		var els *exprNode
		if n.hasElse {
			els, args = args[len(args)-1], args[:len(args)-1]
		}
		for i := 0; i+1 < len(args); i += 2 {
			b.WriteString(" when ")
			g.print(b, args[i])
			b.WriteString(" then ")
			g.print(b, args[i+1])
		}
		if els != nil {
			b.WriteString(" else ")
			g.print(b, els)
		}
		b.WriteString(" end")
	case nCast:
		if g.cast == 0 {
			b.WriteString("cast(")
			g.print(b, n.args[0])
			b.WriteString(" as " + n.op + ")")
			return
		}
		g.operand(b, n.args[0], g.cast)
		b.WriteString("::" + n.op)
	case nCollate:
		g.operand(b, n.args[0], g.collate)
		b.WriteString(" collate " + n.op)
	case nArray:
		b.WriteString("array[")
		g.list(b, n.args)
		b.WriteByte(']')
	case nSubscript:
		g.operand(b, n.args[0], g.subscript)
		b.WriteByte('[')
		g.print(b, n.args[1])
		b.WriteByte(']')
	case nRow:
		b.WriteByte('(')
		g.list(b, n.args)
		b.WriteByte(')')
	}
}

func (g *exprGrammar) list(b *strings.Builder, args []*exprNode) {
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		g.print(b, a)
	}
}

func (g *exprGrammar) name(b *strings.Builder, parts []string) {
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(quoteIdentFor(g, p))
	}
}

// quoteIdentFor spells a name for the canonical text: bare when it is a
// plain lower-case word the parser reads as a name, quoted otherwise.
func quoteIdentFor(g *exprGrammar, name string) string {
	plain := name != "" && !exprReserved[name] && !g.atoms[name] && name != "isnull" && name != "notnull"
	for i := 0; i < len(name) && plain; i++ {
		c := name[i]
		plain = c == '_' || c >= 'a' && c <= 'z' || i > 0 && (isDigit(c) || c == '$')
	}
	if _, isOp := g.binary[name]; isOp || g.likeOps[name] {
		plain = false
	}
	if plain {
		return name
	}
	q := string(g.quote)
	return q + strings.ReplaceAll(name, q, q+q) + q
}

// stringLiteral spells a string value as the canonical literal.
func (g *exprGrammar) stringLiteral(v string) string {
	if g.lex.backslash {
		return mysqlString(v)
	}
	return "'" + strings.ReplaceAll(v, "'", "''") + "'"
}

// printTokens is the canonical text of an expression the parser does not
// read: its tokens, each in canonical spelling, separated by single
// spaces, without the parentheses around the whole.
func (g *exprGrammar) printTokens(toks []exprTok) string {
	for len(toks) >= 2 && toks[0].kind == tkOp && toks[0].val == "(" && closingParen(toks) == len(toks)-1 {
		toks = toks[1 : len(toks)-1]
	}
	parts := make([]string, len(toks))
	for i, t := range toks {
		switch t.kind {
		case tkString:
			parts[i] = t.prefix + g.stringLiteral(t.val)
		case tkIdent:
			parts[i] = quoteIdentFor(g, t.val)
		default:
			parts[i] = t.val
		}
	}
	return strings.Join(parts, " ")
}

// closingParen returns the index of the parenthesis closing toks[0], or -1.
func closingParen(toks []exprTok) int {
	depth := 0
	for i, t := range toks {
		if t.kind != tkOp {
			continue
		}
		switch t.val {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
