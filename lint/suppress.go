package lint

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"

	"github.com/migratego/migrate/scriptdir"
)

// suppression is one lint-ignore: a rule accepted with a reason.
type suppression struct {
	Rule, Reason string
	Line         int
}

// directive is the marker of a suppression in a Go comment.
const goDirective = "migrate:lint-ignore"

// parseSuppression reads "RULE reason".
func parseSuppression(line int, s string) suppression {
	rule, reason, _ := strings.Cut(strings.TrimSpace(s), " ")
	return suppression{Rule: rule, Reason: strings.TrimSpace(reason), Line: line}
}

// problem returns what is wrong with a suppression, or "".
func (s suppression) problem() string {
	if s.Rule == "" {
		return "lint-ignore names no rule: write lint-ignore RULE reason"
	}
	if _, ok := LookupRule(s.Rule); !ok {
		return fmt.Sprintf("lint-ignore names the unknown rule %q (see `migrate lint --rules`)", s.Rule)
	}
	if s.Reason == "" {
		return fmt.Sprintf("lint-ignore %s gives no reason: say why the finding is accepted (lint-ignore %s reason)", s.Rule, s.Rule)
	}
	return ""
}

// sqlSuppressions splits the lint-ignore directives of a SQL revision
// into those of the whole revision (in the header) and those of each
// statement (the directives after the previous statement's first line,
// by statement line).
func sqlSuppressions(sc *scriptdir.SQLScript, stmts []scriptdir.Statement) (revision []suppression, byStmt map[int][]suppression) {
	byStmt = map[int][]suppression{}
	for _, d := range sc.LintIgnores {
		s := parseSuppression(d.Line, d.Text)
		if sc.UpgradeLine == 0 || d.Line < sc.UpgradeLine {
			revision = append(revision, s)
			continue
		}
		for _, st := range stmts {
			if st.Line > d.Line {
				byStmt[st.Line] = append(byStmt[st.Line], s)
				break
			}
		}
	}
	return revision, byStmt
}

// goSource is what lint reads from a Go revision file: its suppressions
// and the lines of the operations in its Run calls.
type goSource struct {
	header []suppression
	// byLine are the suppressions by the line they cover: a comment at
	// the end of a line covers that line, a comment alone on its line
	// the next one.
	byLine map[int][]suppression
	// runArgs maps a line of a Run call (as a stack frame reports it) to
	// the lines of its arguments after ctx.
	runArgs map[int][]int
}

// parseGoSource reads a Go revision file. A file that does not parse
// gives no suppressions (it compiled, so this does not happen).
func parseGoSource(path string, src []byte) *goSource {
	g := &goSource{byLine: map[int][]suppression{}, runArgs: map[int][]int{}}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		return g
	}
	headerEnd := token.Pos(-1)
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			continue
		}
		headerEnd = d.Pos()
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
			headerEnd = fd.Doc.End()
		} else if gd, ok := d.(*ast.GenDecl); ok && gd.Doc != nil {
			headerEnd = gd.Doc.End()
		}
		break
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			body, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(c.Text, "//")), goDirective)
			if !ok || !strings.HasPrefix(c.Text, "//") {
				continue
			}
			pos := fset.Position(c.Pos())
			s := parseSuppression(pos.Line, body)
			switch {
			case headerEnd < 0 || c.Pos() <= headerEnd:
				g.header = append(g.header, s)
			case aloneOnLine(src, pos.Offset):
				g.byLine[pos.Line+1] = append(g.byLine[pos.Line+1], s)
			default:
				g.byLine[pos.Line] = append(g.byLine[pos.Line], s)
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Run" || len(call.Args) < 2 || call.Ellipsis.IsValid() {
			return true
		}
		lines := make([]int, len(call.Args)-1)
		for i, a := range call.Args[1:] {
			lines[i] = fset.Position(a.Pos()).Line
		}
		for _, p := range []token.Pos{sel.Sel.Pos(), call.Lparen, call.Rparen} {
			g.runArgs[fset.Position(p).Line] = lines
		}
		return true
	})
	return g
}

// operationLine returns the line of the operation at index i of the Run
// call reported at line callLine.
func (g *goSource) operationLine(callLine, i int) int {
	if lines, ok := g.runArgs[callLine]; ok && i < len(lines) {
		return lines[i]
	}
	return callLine
}

// at returns the suppressions of a change at line: at the end of that
// line, or alone on the line above.
func (g *goSource) at(line int) []suppression { return g.byLine[line] }

// aloneOnLine reports whether only white space precedes offset on its
// line of src.
func aloneOnLine(src []byte, offset int) bool {
	for i := offset - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	return true
}
