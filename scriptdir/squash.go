package scriptdir

import (
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/migratego/migrate/versions"
)

// SquashRequest is what WriteSquash writes.
type SquashRequest struct {
	// Plan is the planned squash (versions.Graph.PlanSquash).
	Plan *versions.Squash
	// Message of the squashed revision; FileTemplate names its file, Now
	// is its creation time.
	Message      string
	FileTemplate string
	Now          time.Time
	// KeepDir, when set, receives the replaced files instead of their
	// removal; it must lie outside the version locations.
	KeepDir string
}

// SquashResult says what WriteSquash did.
type SquashResult struct {
	// Generated is the squashed revision's file.
	Generated *Generated
	// Removed are the replaced files as they were shown; Kept are where
	// they went with KeepDir.
	Removed, Kept []string
}

// WriteSquash writes the file of a squashed revision in the directory of
// the range's last file and removes the files of the range (or moves them
// to KeepDir). The upgrade is the range's upgrades in order, the
// downgrade their downgrades in reverse order: SQL sections as they are
// written, the bodies of Go function literals each in a call of its own.
// A range must be of one kind (all SQL or all Go); a Go revision must be
// what `migrate revision` writes: a function literal Upgrade and
// Downgrade in the init func, the file's only declaration, with imports
// under their own names. Problems of the request are *InputError.
func (d *Dir) WriteSquash(r SquashRequest) (*SquashResult, error) {
	p := r.Plan
	scripts := make([]*Script, len(p.Range))
	for i, rev := range p.Range {
		if scripts[i] = d.Script(rev.ID); scripts[i] == nil {
			return nil, inputErrorf("squash: revision %s has no file", rev.ID)
		}
		if scripts[i].Kind != scripts[0].Kind {
			return nil, inputErrorf("squash: the range mixes Go and SQL revisions (%s is %s, %s is %s); squash a range of one kind", scripts[0].ID, scripts[0].Kind, scripts[i].ID, scripts[i].Kind)
		}
	}
	rev := *p.Revision
	rev.Message = cmp.Or(strings.TrimSpace(r.Message), "squashed "+p.Range[0].ID+" to "+rev.ID)
	rev.CreateDate = r.Now.Format(CreateDateLayout)
	dir := filepath.Dir(d.AbsPath(p.Range[len(p.Range)-1]))
	var data []byte
	var err error
	ext := ".sql"
	if scripts[0].Kind == KindGo {
		ext = ".go"
		data, err = d.renderGoSquash(&rev, scripts, dir)
	} else {
		data, err = renderSQLSquash(&rev, scripts)
	}
	if err != nil {
		return nil, err
	}
	name, err := FileName(r.FileTemplate, &rev, ext, r.Now)
	if err != nil {
		return nil, &TemplateError{Err: err}
	}
	return d.replaceRange(scripts, filepath.Join(dir, name), data, r.KeepDir, &rev)
}

// replaceRange writes data to target and removes (or moves to keep) the
// files of scripts, so that the graph never sees part of the range: the
// new file is written aside first, the old files go, then the new file
// takes its name. A failure on the way puts back what was moved.
func (d *Dir) replaceRange(scripts []*Script, target string, data []byte, keep string, rev *versions.Revision) (*SquashResult, error) {
	tmp, err := os.CreateTemp(filepath.Dir(target), ".squash-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("squash: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(data)
	if err := errors.Join(werr, tmp.Close(), os.Chmod(tmp.Name(), 0o644)); err != nil {
		return nil, fmt.Errorf("squash: write %s: %w", tmp.Name(), err)
	}
	if _, err := os.Stat(target); err == nil && !slices.ContainsFunc(scripts, func(s *Script) bool { return d.AbsPath(s.Revision) == target }) {
		return nil, inputErrorf("squash: %s already exists and is not overwritten", Display(d.WorkDir, target))
	}
	if keep != "" {
		if err := os.MkdirAll(keep, 0o755); err != nil {
			return nil, fmt.Errorf("squash: %w", err)
		}
	}
	res := &SquashResult{}
	type move struct{ from, to string }
	var done []move
	undo := func() {
		for _, m := range slices.Backward(done) {
			_ = os.Rename(m.to, m.from)
		}
	}
	for _, s := range scripts {
		from := d.AbsPath(s.Revision)
		to := filepath.Join(keep, filepath.Base(from))
		if keep == "" {
			to = filepath.Join(filepath.Dir(tmp.Name()), "."+filepath.Base(from)+".squashed")
		} else if _, err := os.Stat(to); err == nil {
			undo()
			return nil, inputErrorf("squash: %s already exists in %s", filepath.Base(from), Display(d.WorkDir, keep))
		}
		if err := os.Rename(from, to); err != nil {
			undo()
			return nil, fmt.Errorf("squash: %w", err)
		}
		done = append(done, move{from, to})
		res.Removed = append(res.Removed, Display(d.WorkDir, from))
		if keep != "" {
			res.Kept = append(res.Kept, Display(d.WorkDir, to))
		}
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		undo()
		return nil, fmt.Errorf("squash: %w", err)
	}
	if keep == "" {
		for _, m := range done {
			_ = os.Remove(m.to)
		}
	}
	rev.Path = filepath.ToSlash(Display(d.WorkDir, target))
	kind := KindSQL
	if strings.HasSuffix(target, ".go") {
		kind = KindGo
	}
	res.Generated = &Generated{Revision: rev, Path: Display(d.WorkDir, target), Kind: kind}
	return res, nil
}

// renderSQLSquash concatenates the sections of SQL revisions.
func renderSQLSquash(rev *versions.Revision, scripts []*Script) ([]byte, error) {
	var up, down []string
	dialect := ""
	for i, s := range scripts {
		if i > 0 && s.SQL.Dialect != dialect {
			return nil, inputErrorf("squash: %s is written for %s and %s for %s; squash revisions of one dialect", scripts[0].ID, orAny(dialect), s.ID, orAny(s.SQL.Dialect))
		}
		dialect = s.SQL.Dialect
		head := fmt.Sprintf("-- %s: %s\n", s.ID, oneLine(s.Message))
		up = append(up, head+strings.TrimSpace(s.SQL.Upgrade)+"\n")
		down = append(down, head+strings.TrimSpace(s.SQL.Downgrade)+"\n")
	}
	slices.Reverse(down)
	return RenderSQLFile(SQLFile{Revision: rev, Dialect: dialect, Upgrade: strings.Join(up, "\n"), Downgrade: strings.Join(down, "\n")})
}

// orAny names a SQL file's dialect for messages.
func orAny(d string) string {
	if d == "" {
		return "any database"
	}
	return d
}

// goParts are the pieces of a Go revision file that a squash reuses.
type goParts struct {
	imports []string
	// upgrade and downgrade are calls of the function literals, with the
	// literal's own parameter list and body.
	upgrade, downgrade string
}

// renderGoSquash concatenates the function literals of Go revisions.
func (d *Dir) renderGoSquash(rev *versions.Revision, scripts []*Script, dir string) ([]byte, error) {
	var imports, up, down []string
	for _, s := range scripts {
		src, err := os.ReadFile(d.AbsPath(s.Revision))
		if err != nil {
			return nil, fmt.Errorf("squash: %w", err)
		}
		parts, err := squashParts(s.Path, src)
		if err != nil {
			return nil, err
		}
		for _, imp := range parts.imports {
			if !slices.Contains(imports, imp) {
				imports = append(imports, imp)
			}
		}
		head := fmt.Sprintf("// %s: %s\n", s.ID, oneLine(s.Message))
		up = append(up, head+parts.upgrade)
		down = append(down, head+parts.downgrade)
	}
	slices.Reverse(down)
	pkg, err := goPackageFor(dir)
	if err != nil {
		return nil, err
	}
	return RenderGoFile(GoFile{Revision: rev, Package: pkg, Imports: imports,
		UpgradeBody: strings.Join(up, "\n"), DowngradeBody: strings.Join(down, "\n")})
}

// squashParts reads the imports and the Upgrade and Downgrade literals of
// a Go revision file.
func squashParts(path string, src []byte) (*goParts, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("squash: %w", err)
	}
	refuse := func(format string, args ...any) error {
		return inputErrorf("squash: %s: %s; squash can only join the revisions `migrate revision` writes (edit the file, or leave it out of the range)", path, fmt.Sprintf(format, args...))
	}
	parts := &goParts{}
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if imp.Name != nil {
			return nil, refuse("the import of %s is named %s", p, imp.Name.Name)
		}
		parts.imports = append(parts.imports, p)
	}
	for _, decl := range f.Decls {
		if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Name.Name == "init" && fn.Recv == nil {
			if len(fn.Body.List) != 1 {
				return nil, refuse("its init func does more than register the revision (line %d)", fset.Position(fn.Pos()).Line)
			}
			continue
		}
		return nil, refuse("it declares something besides its init func (line %d)", fset.Position(decl.Pos()).Line)
	}
	lits, _ := findRevisionLiterals(f, "runner")
	if len(lits) != 1 {
		return nil, refuse("no runner.Revision literal")
	}
	text := func(from, to token.Pos) string {
		return string(src[fset.Position(from).Offset:fset.Position(to).Offset])
	}
	for _, elt := range lits[0].Elts {
		kv := elt.(*ast.KeyValueExpr)
		name := kv.Key.(*ast.Ident).Name
		if name != "Upgrade" && name != "Downgrade" {
			continue
		}
		fl, ok := kv.Value.(*ast.FuncLit)
		if !ok {
			return nil, refuse("%s is not a function literal", name)
		}
		call := "if err := func" + text(fl.Type.Params.Pos(), fl.Type.End()) + " {" + text(fl.Body.Lbrace+1, fl.Body.Rbrace) + "}(ctx, op); err != nil {\nreturn err\n}\n"
		if name == "Upgrade" {
			parts.upgrade = call
		} else {
			parts.downgrade = call
		}
	}
	if parts.upgrade == "" {
		return nil, refuse("it has no Upgrade")
	}
	if parts.downgrade == "" {
		parts.downgrade = "// (no downgrade)\n"
	}
	return parts, nil
}
