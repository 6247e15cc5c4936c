package scriptdir

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/migratego/migrate/versions"
)

// CreateDateLayout is the time layout of Revision.CreateDate in new files.
const CreateDateLayout = "2006-01-02 15:04:05"

// GoFile describes a new Go revision file for RenderGoFile.
type GoFile struct {
	// Revision holds the metadata written into the literal; its Path is
	// ignored.
	Revision *versions.Revision
	// Package is the package clause; default "versions".
	Package string
	// ImportName is the name under which the file imports this package;
	// default "runner" (no import name).
	ImportName string
	// UpgradeBody and DowngradeBody are Go statements for the bodies of
	// func(ctx context.Context, op *ops.Op) error; "return nil" is added
	// unless the body ends with a return. Empty bodies get a comment
	// saying what to write.
	UpgradeBody   string
	DowngradeBody string
	// Imports are extra import paths the bodies need.
	Imports []string
}

// Default bodies of new revision files.
const (
	goUpgradeHint    = "// Operations to upgrade go here, e.g. return op.Run(ctx, ops.CreateTable{…}) or op.Execute(ctx, \"…\")."
	goDowngradeHint  = "// Operations to downgrade go here: undo the upgrade, in reverse order."
	sqlUpgradeHint   = "-- Statements to upgrade go here, each ending with ';'."
	sqlDowngradeHint = "-- Statements to downgrade go here: undo the upgrade, in reverse order."
)

// RenderGoFile returns the gofmt'd source of a new Go revision file (the
// format is described in the goheader.go file comment and on
// ParseGoRevision, which reads it back).
func RenderGoFile(f GoFile) ([]byte, error) {
	rev := f.Revision
	if err := checkNewRevision(rev); err != nil {
		return nil, fmt.Errorf("render Go revision: %w", err)
	}
	pkg := cmp.Or(f.Package, "versions")
	if !token.IsIdentifier(pkg) {
		return nil, fmt.Errorf("render Go revision %s: package name %q is not a Go identifier", rev.ID, pkg)
	}
	imp := cmp.Or(f.ImportName, "runner")
	if !token.IsIdentifier(imp) {
		return nil, fmt.Errorf("render Go revision %s: import name %q is not a Go identifier", rev.ID, imp)
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	writeGoImports(&b, f.Imports, f.ImportName)
	fmt.Fprintf(&b, "// Revision %s: %s\n//\n", rev.ID, cmp.Or(oneLine(rev.Message), "(no message)"))
	if len(rev.Revises) > 0 {
		fmt.Fprintf(&b, "// Revises: %s\n", strings.Join(rev.Revises, ", "))
	} else {
		b.WriteString("// Revises: (base)\n")
	}
	if rev.CreateDate != "" {
		fmt.Fprintf(&b, "// Create Date: %s\n", oneLine(rev.CreateDate))
	}
	fmt.Fprintf(&b, "func init() {\n%s.Register(&%s.Revision{\n", imp, imp)
	fmt.Fprintf(&b, "ID: %s,\n", strconv.Quote(rev.ID))
	writeGoList(&b, "Revises", rev.Revises)
	writeGoList(&b, "BranchLabels", rev.BranchLabels)
	writeGoList(&b, "DependsOn", rev.DependsOn)
	writeGoList(&b, "Replaces", rev.Replaces)
	if rev.Message != "" {
		fmt.Fprintf(&b, "Message: %s,\n", strconv.Quote(rev.Message))
	}
	if rev.CreateDate != "" {
		fmt.Fprintf(&b, "CreateDate: %s,\n", strconv.Quote(rev.CreateDate))
	}
	if rev.NonTransactional {
		b.WriteString("NonTransactional: true,\n")
	}
	fmt.Fprintf(&b, "Upgrade: func(ctx context.Context, op *ops.Op) error {\n%s},\n", goBody(f.UpgradeBody, goUpgradeHint))
	fmt.Fprintf(&b, "Downgrade: func(ctx context.Context, op *ops.Op) error {\n%s},\n", goBody(f.DowngradeBody, goDowngradeHint))
	b.WriteString("})\n}\n")

	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("render Go revision %s: the generated code does not parse (check the upgrade and downgrade bodies): %w", rev.ID, err)
	}
	// The result must read back as the same metadata.
	if _, err := parseGoHeader("new revision", out); err != nil {
		return nil, fmt.Errorf("render Go revision %s: %w", rev.ID, err)
	}
	return out, nil
}

// writeGoImports writes the import block: the standard library first, then
// the rest, both sorted by go/format.
func writeGoImports(b *bytes.Buffer, extra []string, importName string) {
	std := []string{"context"}
	other := []string{"github.com/migratego/migrate/ops"}
	for _, p := range extra {
		first, _, _ := strings.Cut(p, "/")
		switch {
		case p == runnerImportPath || slices.Contains(std, p) || slices.Contains(other, p):
		case strings.Contains(first, "."):
			other = append(other, p)
		default:
			std = append(std, p)
		}
	}
	b.WriteString("import (\n")
	for _, p := range std {
		fmt.Fprintf(b, "%s\n", strconv.Quote(p))
	}
	b.WriteString("\n")
	for _, p := range other {
		fmt.Fprintf(b, "%s\n", strconv.Quote(p))
	}
	if importName != "" && importName != "runner" {
		fmt.Fprintf(b, "%s %s\n", importName, strconv.Quote(runnerImportPath))
	} else {
		fmt.Fprintf(b, "%s\n", strconv.Quote(runnerImportPath))
	}
	b.WriteString(")\n\n")
}

// writeGoList writes a []string field, or nothing for an empty list.
func writeGoList(b *bytes.Buffer, field string, list []string) {
	if len(list) == 0 {
		return
	}
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = strconv.Quote(s)
	}
	fmt.Fprintf(b, "%s: []string{%s},\n", field, strings.Join(quoted, ", "))
}

// goBody returns a function body: the given statements (or the hint) and
// a final "return nil" unless the last statement is a return.
func goBody(body, hint string) string {
	body = strings.TrimSpace(body)
	if body == "" {
		return hint + "\nreturn nil\n"
	}
	if endsWithReturn(body) {
		return body + "\n"
	}
	return body + "\nreturn nil\n"
}

// endsWithReturn reports whether the last statement of a func body is a
// return statement (a body that does not parse is left to RenderGoFile's
// check of the whole file).
func endsWithReturn(body string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+body+"\n}\n", parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return false
	}
	fd, ok := f.Decls[0].(*ast.FuncDecl)
	if !ok || len(fd.Body.List) == 0 {
		return false
	}
	_, ok = fd.Body.List[len(fd.Body.List)-1].(*ast.ReturnStmt)
	return ok
}

// SQLFile describes a new SQL revision file for RenderSQLFile.
type SQLFile struct {
	// Revision holds the metadata written into the header.
	Revision *versions.Revision
	// Dialect, when set, restricts the file to one database (postgres,
	// mysql or sqlite).
	Dialect string
	// Upgrade and Downgrade are the statements of the two sections; empty
	// sections get a comment saying what to write.
	Upgrade   string
	Downgrade string
}

// RenderSQLFile returns the text of a new SQL revision file (format: see
// ParseSQLRevision, which reads it back).
func RenderSQLFile(f SQLFile) ([]byte, error) {
	rev := f.Revision
	if err := checkNewRevision(rev); err != nil {
		return nil, fmt.Errorf("render SQL revision: %w", err)
	}
	for _, list := range [][]string{rev.BranchLabels, rev.DependsOn} {
		for _, s := range list {
			if s == "" || strings.ContainsAny(s, " \t\r\n,") {
				return nil, fmt.Errorf("render SQL revision %s: label or dependency %q may not be empty or contain spaces or commas", rev.ID, s)
			}
		}
	}
	dialectName := ""
	if f.Dialect != "" {
		d, ok := sqlDialectNames[strings.ToLower(f.Dialect)]
		if !ok {
			return nil, fmt.Errorf("render SQL revision %s: unknown dialect %q (use postgres, mysql or sqlite)", rev.ID, f.Dialect)
		}
		dialectName = d
	}
	var b bytes.Buffer
	directive := func(name, value string) {
		fmt.Fprintf(&b, "%s%s", sqlDirectivePrefix, name)
		if value != "" {
			fmt.Fprintf(&b, " %s", value)
		}
		b.WriteByte('\n')
	}
	directive(dirID, rev.ID)
	directive(dirRevises, strings.Join(rev.Revises, " "))
	if len(rev.BranchLabels) > 0 {
		directive(dirLabels, strings.Join(rev.BranchLabels, " "))
	}
	if len(rev.DependsOn) > 0 {
		directive(dirDependsOn, strings.Join(rev.DependsOn, " "))
	}
	if len(rev.Replaces) > 0 {
		directive(dirReplaces, strings.Join(rev.Replaces, " "))
	}
	if m := oneLine(rev.Message); m != "" {
		directive(dirMessage, m)
	}
	if d := oneLine(rev.CreateDate); d != "" {
		directive(dirCreateDate, d)
	}
	if rev.NonTransactional {
		directive(dirTransactional, "false")
	}
	if dialectName != "" {
		directive(dirDialect, dialectName)
	}
	b.WriteString("\n")
	directive(dirUpgrade, "")
	b.WriteString(sqlBody(f.Upgrade, sqlUpgradeHint))
	b.WriteString("\n")
	directive(dirDowngrade, "")
	b.WriteString(sqlBody(f.Downgrade, sqlDowngradeHint))
	return b.Bytes(), nil
}

// sqlBody returns a section's text ending with a newline, or the hint.
func sqlBody(body, hint string) string {
	body = strings.TrimSpace(body)
	if body == "" {
		return hint + "\n"
	}
	return body + "\n"
}

// checkNewRevision checks the metadata of a revision about to be written.
func checkNewRevision(rev *versions.Revision) error {
	if rev == nil {
		return fmt.Errorf("no revision")
	}
	if err := versions.CheckRevisionID(rev.ID); err != nil {
		return err
	}
	for _, id := range rev.Revises {
		if err := versions.CheckRevisionID(id); err != nil {
			return fmt.Errorf("revision %s revises: %w", rev.ID, err)
		}
	}
	return nil
}

// oneLine joins the lines of s with spaces and trims it.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
