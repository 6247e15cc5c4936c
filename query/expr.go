package query

import (
	"errors"
	"fmt"
	"strings"

	"github.com/migratego/migrate/model"
)

// Expr is an SQL expression: a column, a value, an operator, a function,
// CASE, CAST, a subquery. Operands of the constructors below that are not
// an Expr are values: bound parameters (or literals when rendered).
type Expr interface {
	build(b *builder) error
}

// Cond is a boolean expression (a WHERE, ON or HAVING condition).
type Cond = Expr

// exprOf turns an operand into an expression: an Expr as it is, a
// *SelectStmt as a scalar subquery, any other value as a parameter.
func exprOf(v any) Expr {
	switch x := v.(type) {
	case Expr:
		return x
	case *SelectStmt:
		return subquery{x}
	}
	return param{v}
}

func exprsOf(vs []any) []Expr {
	out := make([]Expr, len(vs))
	for i, v := range vs {
		out[i] = exprOf(v)
	}
	return out
}

// param is a Go value: a bound parameter, or a literal when rendered.
type param struct{ v any }

// Value makes a Go value an expression explicitly (bound, or a literal
// when rendered); operands that are not an Expr are values already.
func Value(v any) Expr { return param{v} }

func (p param) build(b *builder) error { return b.value(p.v) }

// keyword is a fixed SQL word (NULL, TRUE, CURRENT_TIMESTAMP).
type keyword string

func (k keyword) build(b *builder) error { b.write(string(k)); return nil }

// Null is SQL NULL.
var Null Expr = keyword("NULL")

// CurrentTimestamp is CURRENT_TIMESTAMP.
var CurrentTimestamp Expr = keyword("CURRENT_TIMESTAMP")

// binary is "left op right", parenthesised.
type binary struct {
	op          string
	left, right Expr
}

func (e binary) build(b *builder) error {
	b.write("(")
	if err := e.left.build(b); err != nil {
		return err
	}
	b.write(" " + e.op + " ")
	if err := e.right.build(b); err != nil {
		return err
	}
	b.write(")")
	return nil
}

// Eq is a = b; comparing with nil writes IS NULL.
func Eq(a, v any) Cond {
	if v == nil {
		return IsNull(a)
	}
	return binary{"=", exprOf(a), exprOf(v)}
}

// Ne is a <> b; comparing with nil writes IS NOT NULL.
func Ne(a, v any) Cond {
	if v == nil {
		return IsNotNull(a)
	}
	return binary{"<>", exprOf(a), exprOf(v)}
}

// Lt is a < b.
func Lt(a, v any) Cond { return binary{"<", exprOf(a), exprOf(v)} }

// Le is a <= b.
func Le(a, v any) Cond { return binary{"<=", exprOf(a), exprOf(v)} }

// Gt is a > b.
func Gt(a, v any) Cond { return binary{">", exprOf(a), exprOf(v)} }

// Ge is a >= b.
func Ge(a, v any) Cond { return binary{">=", exprOf(a), exprOf(v)} }

// Like is a LIKE pattern.
func Like(a, pattern any) Cond { return binary{"LIKE", exprOf(a), exprOf(pattern)} }

// Add is a + b.
func Add(a, v any) Expr { return binary{"+", exprOf(a), exprOf(v)} }

// Sub is a - b.
func Sub(a, v any) Expr { return binary{"-", exprOf(a), exprOf(v)} }

// Mul is a * b.
func Mul(a, v any) Expr { return binary{"*", exprOf(a), exprOf(v)} }

// Div is a / b.
func Div(a, v any) Expr { return binary{"/", exprOf(a), exprOf(v)} }

// postfix is "e IS NULL" and the like.
type postfix struct {
	e  Expr
	op string
}

func (p postfix) build(b *builder) error {
	b.write("(")
	if err := p.e.build(b); err != nil {
		return err
	}
	b.write(" " + p.op + ")")
	return nil
}

// IsNull is a IS NULL.
func IsNull(a any) Cond { return postfix{exprOf(a), "IS NULL"} }

// IsNotNull is a IS NOT NULL.
func IsNotNull(a any) Cond { return postfix{exprOf(a), "IS NOT NULL"} }

// logical joins conditions with AND or OR.
type logical struct {
	op    string
	conds []Expr
}

func (l logical) build(b *builder) error {
	switch len(l.conds) {
	case 0:
		if l.op == "AND" {
			b.write("(1 = 1)")
		} else {
			b.write("(1 = 0)")
		}
		return nil
	case 1:
		return l.conds[0].build(b)
	}
	b.write("(")
	for i, c := range l.conds {
		if i > 0 {
			b.write(" " + l.op + " ")
		}
		if err := c.build(b); err != nil {
			return err
		}
	}
	b.write(")")
	return nil
}

// And is the conjunction of conditions (true when there are none).
func And(conds ...Cond) Cond { return logical{"AND", conds} }

// Or is the disjunction of conditions (false when there are none).
func Or(conds ...Cond) Cond { return logical{"OR", conds} }

// prefix is "NOT e", "EXISTS (…)".
type prefix struct {
	op string
	e  Expr
}

func (p prefix) build(b *builder) error {
	b.write("(" + p.op + " ")
	if err := p.e.build(b); err != nil {
		return err
	}
	b.write(")")
	return nil
}

// Not is NOT c.
func Not(c Cond) Cond { return prefix{"NOT", c} }

// Exists is EXISTS (subquery).
func Exists(s *SelectStmt) Cond { return prefix{"EXISTS", subquery{s}} }

// NotExists is NOT EXISTS (subquery).
func NotExists(s *SelectStmt) Cond { return prefix{"NOT EXISTS", subquery{s}} }

// in is "a IN (values)" or "a IN (subquery)".
type in struct {
	not    bool
	a      Expr
	values []Expr
	sub    *SelectStmt
}

func (e in) build(b *builder) error {
	if e.sub == nil && len(e.values) == 0 {
		// IN () is not SQL; an empty list matches nothing.
		if e.not {
			b.write("(1 = 1)")
		} else {
			b.write("(1 = 0)")
		}
		return nil
	}
	b.write("(")
	if err := e.a.build(b); err != nil {
		return err
	}
	if e.not {
		b.write(" NOT")
	}
	b.write(" IN ")
	if e.sub != nil {
		if err := (subquery{e.sub}).build(b); err != nil {
			return err
		}
	} else {
		b.write("(")
		if err := b.exprs(e.values); err != nil {
			return err
		}
		b.write(")")
	}
	b.write(")")
	return nil
}

// In is a IN (values…); a single *SelectStmt value makes a IN (subquery).
// An empty list is false.
func In(a any, values ...any) Cond {
	if len(values) == 1 {
		if s, ok := values[0].(*SelectStmt); ok {
			return in{a: exprOf(a), sub: s}
		}
	}
	return in{a: exprOf(a), values: exprsOf(values)}
}

// NotIn is a NOT IN (values…) or a NOT IN (subquery). An empty list is true.
func NotIn(a any, values ...any) Cond {
	c := In(a, values...).(in)
	c.not = true
	return c
}

// between is "a BETWEEN lo AND hi".
type between struct{ a, lo, hi Expr }

func (e between) build(b *builder) error {
	b.write("(")
	for i, part := range []Expr{e.a, e.lo, e.hi} {
		switch i {
		case 1:
			b.write(" BETWEEN ")
		case 2:
			b.write(" AND ")
		}
		if err := part.build(b); err != nil {
			return err
		}
	}
	b.write(")")
	return nil
}

// Between is a BETWEEN lo AND hi.
func Between(a, lo, hi any) Cond { return between{exprOf(a), exprOf(lo), exprOf(hi)} }

// subquery is a SELECT in parentheses.
type subquery struct{ s *SelectStmt }

func (s subquery) build(b *builder) error {
	b.write("(")
	if err := s.s.buildStatement(b); err != nil {
		return err
	}
	b.write(")")
	return nil
}

// Subquery is a SELECT used as a value (a scalar subquery).
func Subquery(s *SelectStmt) Expr { return subquery{s} }

// function is name(args…).
type function struct {
	name     string
	distinct bool
	args     []Expr
	star     bool
}

// Func calls a SQL function: Func("lower", col), Func("coalesce", a, b).
// The name is written as it is, so it must be a plain identifier
// (letters, digits, underscores, dots); anything else is an error.
func Func(name string, args ...any) Expr { return function{name: name, args: exprsOf(args)} }

// Count is COUNT(*), or COUNT(e) with an argument.
func Count(e ...any) Expr {
	if len(e) == 0 {
		return function{name: "COUNT", star: true}
	}
	return function{name: "COUNT", args: exprsOf(e)}
}

// CountDistinct is COUNT(DISTINCT e).
func CountDistinct(e any) Expr {
	return function{name: "COUNT", distinct: true, args: []Expr{exprOf(e)}}
}

// Coalesce is COALESCE(a, b, …), the first operand that is not NULL.
func Coalesce(args ...any) Expr { return function{name: "COALESCE", args: exprsOf(args)} }

// Max is MAX(e); Min is MIN(e); Sum is SUM(e).
func Max(e any) Expr { return function{name: "MAX", args: []Expr{exprOf(e)}} }

// Min is MIN(e).
func Min(e any) Expr { return function{name: "MIN", args: []Expr{exprOf(e)}} }

// Sum is SUM(e).
func Sum(e any) Expr { return function{name: "SUM", args: []Expr{exprOf(e)}} }

func (f function) build(b *builder) error {
	if !plainName(f.name) {
		return fmt.Errorf("function name %q is not a plain identifier", f.name)
	}
	b.write(f.name + "(")
	if f.distinct {
		b.write("DISTINCT ")
	}
	if f.star {
		b.write("*")
	} else if err := b.exprs(f.args); err != nil {
		return err
	}
	b.write(")")
	return nil
}

// plainName reports whether s is letters, digits, underscores and dots,
// not starting with a digit.
func plainName(s string) bool {
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// concat is the dialect's string concatenation.
type concat struct{ parts []Expr }

// Concat concatenates strings: || on PostgreSQL and SQLite, CONCAT() on
// MySQL. A NULL operand makes the result NULL on every database; wrap
// nullable operands in Coalesce.
func Concat(parts ...any) Expr { return concat{exprsOf(parts)} }

func (c concat) build(b *builder) error {
	if len(c.parts) == 0 {
		return errors.New("concat of nothing")
	}
	ops := make([]string, len(c.parts))
	for i, p := range c.parts {
		s, err := b.sub(func() error { return p.build(b) })
		if err != nil {
			return err
		}
		ops[i] = s
	}
	b.write(b.qc.Concat(ops))
	return nil
}

// position is the dialect's substring search.
type position struct{ sub, s Expr }

// Position is the 1-based position of sub in s, 0 when s does not
// contain it (strpos on PostgreSQL, LOCATE on MySQL, instr on SQLite).
func Position(sub, s any) Expr { return position{exprOf(sub), exprOf(s)} }

func (p position) build(b *builder) error {
	// Compile the operands in the order the dialect writes them, so that
	// positional ? markers bind in order.
	tmpl := b.qc.Position("\x01", "\x02")
	first, second := p.sub, p.s
	if strings.Index(tmpl, "\x02") < strings.Index(tmpl, "\x01") {
		first, second = p.s, p.sub
	}
	a, err := b.sub(func() error { return first.build(b) })
	if err != nil {
		return err
	}
	c, err := b.sub(func() error { return second.build(b) })
	if err != nil {
		return err
	}
	if first == p.sub {
		b.write(b.qc.Position(a, c))
	} else {
		b.write(b.qc.Position(c, a))
	}
	return nil
}

// Substr is SUBSTR(s, start[, length]): characters of s from the 1-based
// start, length of them or to the end.
func Substr(s, start any, length ...any) Expr {
	args := append([]any{s, start}, length...)
	return function{name: "SUBSTR", args: exprsOf(args)}
}

// cast is CAST(e AS type).
type cast struct {
	e Expr
	t model.Type
}

// Cast is CAST(e AS t), t spelled by the dialect.
func Cast(e any, t model.Type) Expr { return cast{exprOf(e), t} }

func (c cast) build(b *builder) error {
	t, err := b.qc.CastType(c.t)
	if err != nil {
		return err
	}
	b.write("CAST(")
	if err := c.e.build(b); err != nil {
		return err
	}
	b.write(" AS " + t + ")")
	return nil
}

// CaseExpr is CASE WHEN … THEN … [ELSE …] END, built by Case.
type CaseExpr struct {
	whens [][2]Expr
	els   Expr
}

// Case starts a searched CASE expression.
func Case() *CaseExpr { return &CaseExpr{} }

// When adds WHEN cond THEN result.
func (c *CaseExpr) When(cond Cond, result any) *CaseExpr {
	n := *c
	n.whens = append(append([][2]Expr(nil), c.whens...), [2]Expr{cond, exprOf(result)})
	return &n
}

// Else sets ELSE result.
func (c *CaseExpr) Else(result any) *CaseExpr {
	n := *c
	n.els = exprOf(result)
	return &n
}

func (c *CaseExpr) build(b *builder) error {
	if len(c.whens) == 0 {
		return errors.New("CASE without WHEN")
	}
	b.write("CASE")
	for _, w := range c.whens {
		b.write(" WHEN ")
		if err := w[0].build(b); err != nil {
			return err
		}
		b.write(" THEN ")
		if err := b.typed(w[1]); err != nil {
			return err
		}
	}
	if c.els != nil {
		b.write(" ELSE ")
		if err := b.typed(c.els); err != nil {
			return err
		}
	}
	b.write(" END")
	return nil
}

// aliased is "e AS alias" in a select list.
type aliased struct {
	e     Expr
	alias string
}

// As names a selected expression.
func As(e any, alias string) Expr { return aliased{exprOf(e), alias} }

func (a aliased) build(b *builder) error {
	if err := b.typed(a.e); err != nil {
		return err
	}
	b.write(" AS ")
	return b.ident(a.alias)
}

// excluded is the value an upsert proposed for a column.
type excluded struct{ col string }

// Excluded is, in the DoUpdate of an upsert, the value the INSERT
// proposed for column: EXCLUDED.col on PostgreSQL and SQLite, VALUES(col)
// on MySQL.
func Excluded(column string) Expr { return excluded{column} }

func (e excluded) build(b *builder) error {
	q, err := b.d.QuoteIdent(e.col)
	if err != nil {
		return err
	}
	b.write(b.qc.Excluded(q))
	return nil
}
