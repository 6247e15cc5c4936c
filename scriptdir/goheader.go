// Go revision files: the format, and the header parser that reads their
// metadata without compiling them (DESIGN decision 1).

package scriptdir

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"

	"github.com/migratego/migrate/versions"
)

// runnerImportPath is the import path of package runner, whose Revision
// and Register revision files use.
const runnerImportPath = "github.com/migratego/migrate/runner"

// oldImportPath is the import path revision files used before the
// compiled revisions moved to package runner.
const oldImportPath = "github.com/migratego/migrate/versions"

// goFieldKind is how the header parser reads a field of the literal.
type goFieldKind int

const (
	goString goFieldKind = iota
	goStringList
	goBool
	goCode // compiled, not read
)

// goRevisionFields lists the fields a revision literal may set.
var goRevisionFields = map[string]goFieldKind{
	"ID":               goString,
	"Revises":          goStringList,
	"BranchLabels":     goStringList,
	"DependsOn":        goStringList,
	"Replaces":         goStringList,
	"Message":          goString,
	"CreateDate":       goString,
	"NonTransactional": goBool,
	"Upgrade":          goCode,
	"Downgrade":        goCode,
}

// goStringFields maps the goString fields of goRevisionFields to rev's.
func goStringFields(rev *versions.Revision) map[string]*string {
	return map[string]*string{"ID": &rev.ID, "Message": &rev.Message, "CreateDate": &rev.CreateDate}
}

// goStringListFields maps the goStringList fields of goRevisionFields to
// rev's.
func goStringListFields(rev *versions.Revision) map[string]*[]string {
	return map[string]*[]string{"Revises": &rev.Revises, "BranchLabels": &rev.BranchLabels, "DependsOn": &rev.DependsOn, "Replaces": &rev.Replaces}
}

const goFieldNames = "ID, Revises, BranchLabels, DependsOn, Replaces, Message, CreateDate, NonTransactional, Upgrade, Downgrade"

// ParseGoRevision reads the metadata of a Go revision file with go/parser,
// without compiling it. path names the file in errors and in the header's
// Path. Upgrade and Downgrade are not read: they exist only in the compiled
// program (see runner.Registry).
//
// Errors are *FileError values naming the line: Go syntax errors, no
// revision literal, two literals, a positional (unkeyed) literal, an
// unknown field, a non-constant metadata value, a missing or invalid ID.
//
// A Go revision file is gofmt'd Go in the project's migrations/versions
// package, one revision per file. It registers one composite literal of
// runner.Revision (import path github.com/migratego/migrate/runner,
// under any import name, or dot-imported) from an init func:
//
//	package versions
//
//	import (
//		"context"
//
//		"github.com/migratego/migrate/ops"
//		"github.com/migratego/migrate/runner"
//	)
//
//	func init() {
//		runner.Register(&runner.Revision{
//			ID:         "3f2a9c1b7d4e",
//			Revises:    []string{"0c1d2e3f4a5b"},
//			Message:    "add users table",
//			CreateDate: "2024-05-01 12:00:00",
//			Upgrade: func(ctx context.Context, op *ops.Op) error {
//				return op.Execute(ctx, "CREATE TABLE users (id bigint PRIMARY KEY)")
//			},
//			Downgrade: func(ctx context.Context, op *ops.Op) error {
//				return op.Execute(ctx, "DROP TABLE users")
//			},
//		})
//	}
//
// The literal may also be a package-level variable registered from init, a
// runner.Registry other than runner.DefaultRegistry() may receive it, and Upgrade and
// Downgrade may name functions instead of function literals (their names
// must then be unique in the package).
//
// The metadata fields are read without compiling (ParseGoRevision), so
// they hold constants only, written in keyed form:
//
//	ID, Message, CreateDate           string literals ("…" or `…`, or a
//	                                  + of literals)
//	Revises, BranchLabels, DependsOn, []string{…} of string literals, or nil
//	Replaces
//	NonTransactional                  true or false
//
// Upgrade and Downgrade may hold any expression; they are compiled, never
// read by the header parser. Source may not appear.
func ParseGoRevision(path string, src []byte) (*Script, error) {
	rev, err := parseGoHeader(path, src)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	rev.Path = path
	return &Script{Revision: rev, Kind: KindGo, Checksum: hex.EncodeToString(sum[:])}, nil
}

func parseGoHeader(path string, src []byte) (*versions.Revision, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		var list scanner.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return nil, fileErrorf(path, list[0].Pos.Line, "syntax error: %s", list[0].Msg)
		}
		return nil, &FileError{Path: path, Err: fmt.Errorf("syntax error: %w", err)}
	}
	name, imported := importName(f, runnerImportPath, "runner")
	if old, ok := importName(f, oldImportPath, "versions"); !imported && ok {
		if lits, _ := findRevisionLiterals(f, old); len(lits) > 0 {
			return nil, fileErrorf(path, fset.Position(lits[0].Pos()).Line, "%s.Revision of %s: Go revisions now register with runner.Register(&runner.Revision{…}); import %s instead and rename %s.Register and %s.Revision", old, oldImportPath, runnerImportPath, old, old)
		}
	}
	if !imported {
		return nil, &FileError{Path: path, Err: fmt.Errorf("%w: it does not import %s", errNotRevision, runnerImportPath)}
	}
	lits, registerPos := findRevisionLiterals(f, name)
	line := func(n ast.Node) int { return fset.Position(n.Pos()).Line }
	switch {
	case len(lits) == 0 && !registerPos.IsValid():
		return nil, &FileError{Path: path, Err: fmt.Errorf("%w: no runner.Revision literal", errNotRevision)}
	case len(lits) == 0:
		return nil, fileErrorf(path, fset.Position(registerPos).Line, "no runner.Revision literal: the header is read without compiling, so register a literal, e.g. Register(&runner.Revision{ID: \"…\", …})")
	case len(lits) > 1:
		return nil, fileErrorf(path, line(lits[1]), "a second runner.Revision literal (the first is on line %d): a Go revision file holds exactly one revision", line(lits[0]))
	}
	return readRevisionLiteral(path, lits[0], line)
}

// importName returns the name under which the file imports the package
// of import path want and default name def ("." for a dot import), and
// whether it does.
func importName(f *ast.File, want, def string) (string, bool) {
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil || p != want {
			continue
		}
		if imp.Name == nil {
			return def, true
		}
		if imp.Name.Name == "_" {
			continue
		}
		return imp.Name.Name, true
	}
	return "", false
}

// findRevisionLiterals returns the file's Revision composite literals and
// the position of the first call of a Register function or method.
func findRevisionLiterals(f *ast.File, pkg string) ([]*ast.CompositeLit, token.Pos) {
	var lits []*ast.CompositeLit
	registerPos := token.NoPos
	isPkgName := func(e ast.Expr, name string) bool {
		if pkg == "." {
			id, ok := e.(*ast.Ident)
			return ok && id.Name == name
		}
		sel, ok := e.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != name {
			return false
		}
		x, ok := sel.X.(*ast.Ident)
		return ok && x.Name == pkg
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if n.Type != nil && isPkgName(n.Type, "Revision") {
				lits = append(lits, n)
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Register" && !registerPos.IsValid() {
				registerPos = n.Pos()
			} else if id, ok := n.Fun.(*ast.Ident); ok && pkg == "." && id.Name == "Register" && !registerPos.IsValid() {
				registerPos = n.Pos()
			}
		}
		return true
	})
	return lits, registerPos
}

// readRevisionLiteral reads the keyed fields of the literal.
func readRevisionLiteral(path string, lit *ast.CompositeLit, line func(ast.Node) int) (*versions.Revision, error) {
	rev := &versions.Revision{}
	seen := map[string]int{}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, fileErrorf(path, line(elt), "the runner.Revision literal must use keyed fields (ID: \"…\", Revises: …)")
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			return nil, fileErrorf(path, line(kv), "the runner.Revision literal must use keyed fields")
		}
		if prev, dup := seen[key.Name]; dup {
			return nil, fileErrorf(path, line(kv), "field %s is set twice (first on line %d)", key.Name, prev)
		}
		seen[key.Name] = line(kv)
		kind, known := goRevisionFields[key.Name]
		if !known {
			if key.Name == "Source" {
				return nil, fileErrorf(path, line(kv), "field Source is set by the loader and may not appear in a revision file")
			}
			return nil, fileErrorf(path, line(kv), "unknown field %s in the runner.Revision literal (fields: %s)", key.Name, goFieldNames)
		}
		if err := setGoField(rev, key.Name, kind, kv.Value); err != nil {
			return nil, &FileError{Path: path, Line: line(kv.Value), Err: fmt.Errorf("field %s: %w", key.Name, err)}
		}
	}
	if _, ok := seen["ID"]; !ok {
		return nil, fileErrorf(path, line(lit), "the runner.Revision literal has no ID field")
	}
	if err := versions.CheckRevisionID(rev.ID); err != nil {
		return nil, fileErrorf(path, seen["ID"], "field ID: %w", err)
	}
	for _, id := range rev.Revises {
		if err := versions.CheckRevisionID(id); err != nil {
			return nil, fileErrorf(path, seen["Revises"], "field Revises: %w", err)
		}
	}
	return rev, nil
}

// setGoField stores one metadata field's constant value.
func setGoField(rev *versions.Revision, name string, kind goFieldKind, v ast.Expr) error {
	switch kind {
	case goString:
		return setGoConst(goStringFields(rev)[name], goStringConst, v)
	case goStringList:
		return setGoConst(goStringListFields(rev)[name], goStringListConst, v)
	case goBool:
		id, ok := ast.Unparen(v).(*ast.Ident)
		if !ok || (id.Name != "true" && id.Name != "false") {
			return errors.New("must be true or false: the header is read without compiling, so only literals are allowed (no variables, named constants or calls)")
		}
		rev.NonTransactional = id.Name == "true"
	}
	return nil
}

// setGoConst stores in dst the constant eval reads from v.
func setGoConst[T any](dst *T, eval func(ast.Expr) (T, error), v ast.Expr) error {
	x, err := eval(v)
	if err != nil {
		return err
	}
	*dst = x
	return nil
}

// goStringConst evaluates a string literal, or a + of string literals.
func goStringConst(v ast.Expr) (string, error) {
	switch e := ast.Unparen(v).(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			if s, err := strconv.Unquote(e.Value); err == nil {
				return s, nil
			}
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			x, err := goStringConst(e.X)
			if err != nil {
				return "", err
			}
			y, err := goStringConst(e.Y)
			if err != nil {
				return "", err
			}
			return x + y, nil
		}
	}
	return "", errors.New("must be a string literal: the header is read without compiling, so only literals are allowed (no variables, named constants or calls)")
}

// goStringListConst evaluates []string{"a", "b"} or nil.
func goStringListConst(v ast.Expr) ([]string, error) {
	v = ast.Unparen(v)
	if id, ok := v.(*ast.Ident); ok && id.Name == "nil" {
		return nil, nil
	}
	lit, ok := v.(*ast.CompositeLit)
	if !ok || !isStringSliceType(lit.Type) {
		return nil, errors.New("must be a []string{…} literal of string literals: the header is read without compiling, so only literals are allowed (no variables, named constants or calls)")
	}
	list := make([]string, 0, len(lit.Elts))
	for _, elt := range lit.Elts {
		s, err := goStringConst(elt)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", len(list)+1, err)
		}
		list = append(list, s)
	}
	if len(list) == 0 {
		return nil, nil // []string{} reads like nil, as in SQL headers
	}
	return list, nil
}

func isStringSliceType(t ast.Expr) bool {
	at, ok := t.(*ast.ArrayType)
	if !ok || at.Len != nil {
		return false
	}
	id, ok := at.Elt.(*ast.Ident)
	return ok && id.Name == "string"
}
