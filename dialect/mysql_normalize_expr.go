package dialect

import "strings"

// mysqlGrammar is the expression grammar of MySQL and MariaDB (the
// precedence table of "Operator Precedence", with the grammar's split of
// comparisons, which group left to right, from the predicates IN,
// BETWEEN, LIKE and REGEXP, whose operands are bit expressions). || is OR,
// as in the default SQL mode.
var mysqlGrammar = &exprGrammar{
	lex: exprLexRules{backslash: true, doubleQuoteStrings: true, backtickIdents: true, foldQuoted: true,
		mysqlComments: true, introducers: true},
	binary: map[string]exprLevel{
		"or": {1, assocLeft}, "xor": {2, assocLeft}, "and": {3, assocLeft},
		"=": {6, assocLeft}, "<=>": {6, assocLeft}, "<>": {6, assocLeft}, "<": {6, assocLeft}, ">": {6, assocLeft},
		"<=": {6, assocLeft}, ">=": {6, assocLeft},
		"|": {8, assocLeft}, "&": {9, assocLeft}, "<<": {10, assocLeft}, ">>": {10, assocLeft},
		"+": {11, assocLeft}, "-": {11, assocLeft},
		"*": {12, assocLeft}, "/": {12, assocLeft}, "div": {12, assocLeft}, "%": {12, assocLeft},
		"^": {13, assocLeft},
	},
	alias:     map[string]string{"||": "or", "&&": "and", "mod": "%"},
	not:       4,
	is:        6,
	predicate: 7,
	unary:     14,
	bang:      15,
	collate:   16,
	likeOps:   map[string]bool{"regexp": true, "rlike": true},
	atoms: map[string]bool{
		"null": true, "true": true, "false": true, "current_timestamp": true, "current_date": true,
		"current_time": true, "localtime": true, "localtimestamp": true, "current_user": true,
		"utc_timestamp": true, "utc_date": true, "utc_time": true,
	},
	quote:    '`',
	onUpdate: true,
}

func (d *mysqlDialect) exprGrammar() *exprGrammar { return mysqlGrammar }

// mysqlFuncSynonyms maps function names to the one that stands for all
// of its spellings.
var mysqlFuncSynonyms = map[string]string{
	"lcase": "lower", "ucase": "upper", "octet_length": "length", "character_length": "char_length",
	"substring": "substr", "now": "current_timestamp", "localtime": "current_timestamp",
	"localtimestamp": "current_timestamp", "curdate": "current_date", "curtime": "current_time",
	"rlike": "regexp",
}

// rewriteExpr maps what MySQL and MariaDB store for an expression and
// what a user writes for it onto one form:
//
//   - TRUE and FALSE are 1 and 0;
//   - NOW(), CURRENT_TIMESTAMP(), LOCALTIME … are CURRENT_TIMESTAMP,
//     CURDATE() CURRENT_DATE, LCASE LOWER, OCTET_LENGTH LENGTH …;
//   - x IN (a) is x = a, x NOT IN (a) is x <> a;
//   - NOT is pushed into comparisons (NOT a > 0 is a <= 0), IS, IN,
//     BETWEEN and LIKE, and through AND and OR (De Morgan), as MariaDB
//     stores it;
//   - a column that is an operand of AND or OR is column <> 0 (its truth
//     value), as MariaDB stores it;
//   - RLIKE is REGEXP, && AND, || OR, ! NOT, MOD %.
//
// Each holds in MySQL's three-valued logic whatever the operands' types.
func (d *mysqlDialect) rewriteExpr(n *exprNode, cx *exprContext) *exprNode {
	rewriteChildren(n, func(a *exprNode) *exprNode { return d.rewriteExpr(a, cx) })
	switch n.kind {
	case nKeyword:
		switch n.op {
		case "true":
			return &exprNode{kind: nNumber, val: "1"}
		case "false":
			return &exprNode{kind: nNumber, val: "0"}
		case "localtime", "localtimestamp":
			return &exprNode{kind: nKeyword, op: "current_timestamp"}
		}
	case nFunc:
		if len(n.parts) != 1 {
			break
		}
		name := n.parts[0]
		if s, ok := mysqlFuncSynonyms[name]; ok {
			name = s
		}
		n.parts[0] = name
		if len(n.args) == 0 && (name == "current_timestamp" || name == "current_date" || name == "current_time" || name == "utc_timestamp" || name == "utc_date" || name == "utc_time" || name == "current_user") {
			return &exprNode{kind: nKeyword, op: name}
		}
	case nLike:
		if n.op == "rlike" || n.op == "not rlike" {
			n.op = n.op[:len(n.op)-5] + "regexp"
		}
	case nIn:
		if len(n.args) == 2 {
			op := "="
			if n.op == "not in" {
				op = "<>"
			}
			return &exprNode{kind: nBinary, op: op, args: n.args}
		}
	case nPrefix:
		if n.op == "not" {
			return mysqlNegate(n.args[0])
		}
	case nBool:
		for i, a := range n.args {
			if a.kind == nIdent {
				n.args[i] = &exprNode{kind: nBinary, op: "<>", args: []*exprNode{a, {kind: nNumber, val: "0"}}}
			}
		}
	}
	return n
}

// mysqlNegations are the comparison operators and their negations.
var mysqlNegations = map[string]string{"=": "<>", "<>": "=", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}

// mysqlNegate returns NOT n, with NOT pushed as far in as it goes.
func mysqlNegate(n *exprNode) *exprNode {
	switch n.kind {
	case nBinary:
		if op, ok := mysqlNegations[n.op]; ok {
			return &exprNode{kind: nBinary, op: op, args: n.args}
		}
	case nPostfix:
		if rest, ok := strings.CutPrefix(n.op, "is not "); ok {
			return &exprNode{kind: nPostfix, op: "is " + rest, args: n.args}
		}
		if rest, ok := strings.CutPrefix(n.op, "is "); ok {
			return &exprNode{kind: nPostfix, op: "is not " + rest, args: n.args}
		}
	case nIn, nBetween, nLike:
		m := *n
		if rest, ok := strings.CutPrefix(n.op, "not "); ok {
			m.op = rest
		} else {
			m.op = "not " + n.op
		}
		return &m
	case nBool:
		op := "and"
		if n.op == "and" {
			op = "or"
		}
		m := &exprNode{kind: nBool, op: op}
		for _, a := range n.args {
			m.args = append(m.args, mysqlNegate(a))
		}
		return m
	case nPrefix:
		if n.op == "not" && mysqlBoolean(n.args[0]) {
			return n.args[0]
		}
	}
	return &exprNode{kind: nPrefix, op: "not", args: []*exprNode{n}}
}

// mysqlBoolean reports whether n's value is 1, 0 or NULL (so that NOT NOT
// n is n).
func mysqlBoolean(n *exprNode) bool {
	switch n.kind {
	case nBool, nPostfix, nIn, nBetween, nLike:
		return true
	case nBinary:
		_, cmp := mysqlNegations[n.op]
		return cmp || n.op == "<=>" || n.op == "xor"
	case nPrefix:
		return n.op == "not"
	}
	return false
}
