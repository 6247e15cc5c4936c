package autogen

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// revisionModels are the schemas before and after the golden revision:
// a column widened and made NOT NULL, one added, one dropped, an index
// added, and a new table referencing the old one.
func revisionModels() (current, target *model.MetaData) {
	current = (&model.MetaData{}).AddTable(&model.Table{
		Name: "users",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt},
			{Name: "email", Type: model.Varchar(100), Nullable: true},
			{Name: "legacy", Type: model.Text, Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Name: "pk_users", Columns: []string{"id"}},
	})
	target = (&model.MetaData{}).AddTable(&model.Table{
		Name: "users",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt},
			{Name: "email", Type: model.Varchar(200)},
			{Name: "name", Type: model.Varchar(50), Nullable: true, Default: model.DefaultLiteral("it's")},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		Indexes:    []*model.Index{{Name: "ix_users_email", Unique: true, Parts: model.Cols("email")}},
	}, &model.Table{
		Name: "posts",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt},
			{Name: "user_id", Type: model.BigInt},
			{Name: "title", Type: model.Text},
		},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"user_id"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: model.Cascade}},
		Indexes:     []*model.Index{{Name: "ix_posts_user_id", Parts: model.Cols("user_id")}},
	})
	return current, target
}

// goldenRevision compares the revision models for dialect name and
// returns the upgrade and downgrade.
func goldenRevision(t *testing.T, name string) (dialect.Dialect, *model.MetaData, []ops.Operation, []ops.Operation) {
	t.Helper()
	d, err := dialect.ForName(name)
	if err != nil {
		t.Fatal(err)
	}
	current, target := revisionModels()
	res, err := Compare(current, target, Options{Dialect: d})
	if err != nil {
		t.Fatal(err)
	}
	down, err := Downgrade(current, res.Ops)
	if err != nil {
		t.Fatal(err)
	}
	return d, current, res.Ops, down
}

var goldenRev = &versions.Revision{ID: "0a1b2c3d4e5f", Revises: []string{"ffeeddccbbaa"}, Message: "users and posts", CreateDate: "2026-01-02 03:04:05"}

// renderGoRevision renders the whole Go revision file of up and down.
func renderGoRevision(t *testing.T, pkg string, up, down []ops.Operation) []byte {
	t.Helper()
	b, err := RenderGo(up, down)
	if err != nil {
		t.Fatal(err)
	}
	src, err := scriptdir.RenderGoFile(scriptdir.GoFile{Revision: goldenRev, Package: pkg, UpgradeBody: b.Upgrade, DowngradeBody: b.Downgrade, Imports: b.Imports})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// checkGolden compares got with testdata/name, rewriting it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("output differs from %s (run go test -update after checking):\n%s", path, got)
	}
}

func TestRenderRevisionGolden(t *testing.T) {
	for _, name := range []string{"postgres", "mysql", "sqlite"} {
		t.Run(name, func(t *testing.T) {
			d, current, up, down := goldenRevision(t, name)
			checkGolden(t, "revision_"+name+".go.golden", renderGoRevision(t, "versions", up, down))
			b, err := RenderSQL(context.Background(), d, current, up, down)
			if err != nil {
				t.Fatal(err)
			}
			sql, err := scriptdir.RenderSQLFile(scriptdir.SQLFile{Revision: goldenRev, Dialect: name, Upgrade: b.Upgrade, Downgrade: b.Downgrade})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "revision_"+name+".sql.golden", sql)
		})
	}
}

func TestRenderGoEmpty(t *testing.T) {
	b, err := RenderGo(nil, nil)
	if err != nil || b.Upgrade != "" || b.Downgrade != "" || len(b.Imports) != 0 {
		t.Fatalf("RenderGo(nil, nil) = %+v, %v; want empty bodies", b, err)
	}
}

// TestRenderedGoRevisionCompiles builds and vets the Go revisions rendered
// for every dialect, as one package of the module, and runs a program
// that registers them.
func TestRenderedGoRevisionCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	var files [][]byte
	for _, name := range []string{"postgres", "mysql", "sqlite"} {
		_, _, up, down := goldenRevision(t, name)
		files = append(files, renderRevisionAs(t, "rev"+name, up, down))
	}
	compileRevisions(t, files)
}

// renderRevisionAs renders up and down as a Go revision file of package
// main with the revision id given.
func renderRevisionAs(t *testing.T, id string, up, down []ops.Operation) []byte {
	t.Helper()
	rev := *goldenRev
	rev.ID = id
	b, err := RenderGo(up, down)
	if err != nil {
		t.Fatal(err)
	}
	src, err := scriptdir.RenderGoFile(scriptdir.GoFile{Revision: &rev, Package: "main", UpgradeBody: b.Upgrade, DowngradeBody: b.Downgrade, Imports: b.Imports})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// compileRevisions vets and runs rendered revision files of package main
// with a main that counts the registered revisions: they must compile and
// register.
func compileRevisions(t *testing.T, files [][]byte) {
	t.Helper()
	dir, err := os.MkdirTemp("testdata", "compile-rev-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for i, src := range files {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("rev%d.go", i)), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mainSrc := `package main

import (
	"fmt"

	"github.com/migratego/migrate/runner"
)

func main() {
	revs, err := runner.DefaultRegistry().Revisions()
	fmt.Println(len(revs), err)
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(mainSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("go", "vet", "./"+dir).CombinedOutput(); err != nil {
		t.Fatalf("go vet of the rendered revisions: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "run", "./"+dir).CombinedOutput()
	if want := fmt.Sprintf("%d <nil>\n", len(files)); err != nil || string(out) != want {
		t.Fatalf("go run: %v\n%s (want %d registered revisions)", err, out, len(files))
	}
}
