package scriptdir

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/migratego/migrate/versions"
)

// RewriteRevises returns the revision file src (a .go or .sql file; name
// names it in errors) with its parents set to revises, for `migrate
// rebase`. Every other byte stays as it was, except the "// Revises: …"
// comment that `migrate revision` writes above a Go revision's init func,
// which is kept in step when it still shows the old parents. A gofmt'd
// Go file stays gofmt'd.
//
// The result is read back: its header must equal the old one but for
// Revises, else the file is not rewritten and the error says why.
func RewriteRevises(name string, src []byte, revises []string) ([]byte, error) {
	old, err := ParseRevisionFile(name, src)
	if err != nil {
		return nil, err
	}
	for _, id := range revises {
		if err := versions.CheckRevisionID(id); err != nil {
			return nil, fmt.Errorf("rewrite %s: %w", name, err)
		}
	}
	var out []byte
	if path.Ext(name) == ".go" {
		out, err = rewriteGoRevises(name, src, old.Revision, revises)
	} else {
		out, err = rewriteSQLRevises(src, revises), nil
	}
	if err != nil {
		return nil, err
	}
	got, err := ParseRevisionFile(name, out)
	if err != nil {
		return nil, fmt.Errorf("rewrite %s: the rewritten header does not read back: %w", name, err)
	}
	want := *old.Revision
	want.Revises = slices.Clone(revises)
	if len(want.Revises) == 0 {
		want.Revises = nil
	}
	if !sameHeader(&want, got.Revision) {
		return nil, fmt.Errorf("rewrite %s: the rewritten header reads back as revising %v; the file was left as it was", name, got.Revises)
	}
	return out, nil
}

// sameHeader compares two headers field by field.
func sameHeader(a, b *versions.Revision) bool {
	return a.ID == b.ID && slices.Equal(a.Revises, b.Revises) && slices.Equal(a.BranchLabels, b.BranchLabels) &&
		slices.Equal(a.DependsOn, b.DependsOn) && slices.Equal(a.Replaces, b.Replaces) && a.Message == b.Message && a.CreateDate == b.CreateDate &&
		a.NonTransactional == b.NonTransactional
}

// rewriteSQLRevises replaces the value of the "-- migrate:revises"
// directive of the header, or adds the directive after the id line.
func rewriteSQLRevises(src []byte, revises []string) []byte {
	value := strings.Join(revises, " ")
	lines := strings.SplitAfter(string(src), "\n")
	idLine := -1
header:
	for i, raw := range lines {
		name, _, ok := cutDirective(strings.TrimSpace(raw))
		if !ok {
			continue
		}
		switch name {
		case dirUpgrade:
			break header
		case dirID:
			idLine = i
		case dirRevises:
			lines[i] = directivePrefix(raw, dirRevises) + spaced(value) + lineEnding(raw)
			return []byte(strings.Join(lines, ""))
		}
	}
	// No revises line (a base): add one after the id.
	at := idLine + 1
	eol := lineEnding(lines[idLine])
	if eol == "" {
		eol = "\n"
		lines[idLine] += eol
	}
	add := sqlDirectivePrefix + dirRevises + spaced(value) + eol
	lines = slices.Insert(lines, at, add)
	return []byte(strings.Join(lines, ""))
}

// directivePrefix returns the raw line up to the end of the directive's
// name: leading space, "--", "migrate:" and the name as written.
func directivePrefix(raw, name string) string {
	i := strings.Index(strings.ToLower(raw), "migrate:")
	return raw[:i+len("migrate:")+len(name)]
}

// spaced returns " "+s, or "" for an empty s.
func spaced(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

// lineEnding returns the "\r\n", "\n" or "" that ends raw.
func lineEnding(raw string) string {
	switch {
	case strings.HasSuffix(raw, "\r\n"):
		return "\r\n"
	case strings.HasSuffix(raw, "\n"):
		return "\n"
	}
	return ""
}

// rewriteGoRevises replaces the value of the Revises field of the file's
// runner.Revision literal, or adds the field after ID.
func rewriteGoRevises(name string, src []byte, old *versions.Revision, revises []string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("rewrite %s: %w", name, err)
	}
	pkg, _ := importName(f, runnerImportPath, "runner")
	lits, _ := findRevisionLiterals(f, pkg)
	if len(lits) != 1 {
		return nil, fmt.Errorf("rewrite %s: no single runner.Revision literal", name)
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	value := goListLiteral(revises)
	var id, rev *ast.KeyValueExpr
	for _, elt := range lits[0].Elts {
		kv := elt.(*ast.KeyValueExpr) // ParseRevisionFile checked the keys
		switch kv.Key.(*ast.Ident).Name {
		case "ID":
			id = kv
		case "Revises":
			rev = kv
		}
	}
	var out []byte
	if rev != nil {
		out = splice(src, off(rev.Value.Pos()), off(rev.Value.End()), value)
	} else {
		// After "ID: …," on a line of its own, or inline.
		end := off(id.End())
		if end < len(src) && src[end] == ',' {
			end++
		}
		lineStart := bytes.LastIndexByte(src[:off(id.Pos())], '\n') + 1
		indent := src[lineStart:off(id.Pos())]
		field := "Revises: " + value + ","
		if len(bytes.TrimSpace(indent)) == 0 {
			out = splice(src, end, end, "\n"+string(indent)+field)
		} else {
			out = splice(src, end, end, " "+field)
		}
	}
	out = rewriteRevisesComment(out, old.Revises, revises)
	if formatted, err := format.Source(src); err == nil && bytes.Equal(formatted, src) {
		// The file was gofmt'd: keep it so (the new field may need its
		// value aligned with its neighbours').
		if out, err = format.Source(out); err != nil {
			return nil, fmt.Errorf("rewrite %s: %w", name, err)
		}
	}
	return out, nil
}

// goListLiteral renders a []string literal, nil for none.
func goListLiteral(list []string) string {
	if len(list) == 0 {
		return "nil"
	}
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}

// splice replaces src[from:to] with s.
func splice(src []byte, from, to int, s string) []byte {
	out := make([]byte, 0, len(src)+len(s))
	out = append(out, src[:from]...)
	out = append(out, s...)
	return append(out, src[to:]...)
}

// rewriteRevisesComment updates the "// Revises: …" line RenderGoFile
// writes, when it still shows the old parents.
func rewriteRevisesComment(src []byte, old, revises []string) []byte {
	show := func(ids []string) string {
		if len(ids) == 0 {
			return "// Revises: (base)"
		}
		return "// Revises: " + strings.Join(ids, ", ")
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	for i, l := range lines {
		if string(bytes.TrimRight(l, "\r\n")) == show(old) {
			lines[i] = append([]byte(show(revises)), l[len(bytes.TrimRight(l, "\r\n")):]...)
			return bytes.Join(lines, nil)
		}
	}
	return src
}

// ReplaceFile writes data over the file at p through a temporary file in
// the same directory renamed over it, keeping its permissions: a reader
// sees the old file or the new one, never a mix, and the header cache,
// which keys a file by its inode and times, reads it again.
func ReplaceFile(p string, data []byte) error {
	st, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("replace %s: %w", p, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".tmp*")
	if err != nil {
		return fmt.Errorf("replace %s: %w", p, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), st.Mode().Perm())); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("replace %s: %w", p, err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("replace %s: %w", p, err)
	}
	return nil
}

// SetRevises rewrites the file of rev so that it revises revises
// (RewriteRevises), replacing the file in one rename (ReplaceFile).
func (d *Dir) SetRevises(rev *versions.Revision, revises []string) error {
	p := d.AbsPath(rev)
	src, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("rewrite revision %s: %w", rev.ID, err)
	}
	out, err := RewriteRevises(rev.Path, src, revises)
	if err != nil {
		return err
	}
	return ReplaceFile(p, out)
}
