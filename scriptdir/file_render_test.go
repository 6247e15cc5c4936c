package scriptdir

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/versions"
)

// updateFiles rewrites the golden files of rendered revision files.
var updateFiles = flag.Bool("updateFiles", false, "rewrite versions/testdata/files/*.golden")

// goldenFile compares got with testdata/files/name, or rewrites it.
func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "files", name)
	if *updateFiles {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -updateFiles to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the golden file (run with -updateFiles to accept):\n%s", name, got)
	}
}

// renderCases are the new revision files under test.
var renderCases = []struct {
	name string
	rev  versions.Revision
	goF  GoFile
	sqlF SQLFile
}{
	{
		name: "base",
		rev:  versions.Revision{ID: "3f2a9c1b7d4e", Message: "create users table", CreateDate: "2024-05-01 12:00:00"},
	},
	{
		name: "merge",
		rev: versions.Revision{
			ID:               "9a8b7c6d5e4f",
			Revises:          []string{"0c1d2e3f4a5b", "1a2b3c4d5e6f"},
			BranchLabels:     []string{"billing"},
			DependsOn:        []string{"abcdef012345", "auth"},
			Message:          "merge \"billing\" and\nauth heads",
			CreateDate:       "2024-05-02 08:30:00",
			NonTransactional: true,
		},
		goF: GoFile{
			Package:       "migrations",
			ImportName:    "mig",
			UpgradeBody:   "if err := op.Execute(ctx, `CREATE INDEX CONCURRENTLY ix ON t (a)`); err != nil {\nreturn err\n}\nfmt.Println(strings.ToUpper(\"done\"))",
			DowngradeBody: "return op.Execute(ctx, \"DROP INDEX ix\")",
			Imports:       []string{"strings", "fmt", "github.com/migratego/migrate/runner", "context"},
		},
		sqlF: SQLFile{
			Dialect:   "postgresql",
			Upgrade:   "CREATE INDEX CONCURRENTLY ix ON t (a);",
			Downgrade: "DROP INDEX ix;\n",
		},
	},
	{
		name: "squash",
		rev: versions.Revision{
			ID:         "c3c3c3c3c3c3",
			Revises:    []string{"0c1d2e3f4a5b"},
			Replaces:   []string{"a1a1a1a1a1a1", "b2b2b2b2b2b2", "c3c3c3c3c3c3"},
			Message:    "squashed",
			CreateDate: "2024-05-03 00:00:00",
		},
	},
}

func TestRenderGoFile(t *testing.T) {
	for _, tc := range renderCases {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.goF
			rev := tc.rev
			f.Revision = &rev
			out, err := RenderGoFile(f)
			if err != nil {
				t.Fatal(err)
			}
			goldenFile(t, "new_"+tc.name+".go.golden", out)
			// Round trip: the header parser reads back the same metadata.
			back, err := ParseGoRevision("new.go", out)
			if err != nil {
				t.Fatal(err)
			}
			got := *back.Revision
			got.Path = ""
			if !reflect.DeepEqual(got, tc.rev) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got, tc.rev)
			}
		})
	}
}

func TestRenderSQLFile(t *testing.T) {
	for _, tc := range renderCases {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.sqlF
			rev := tc.rev
			f.Revision = &rev
			out, err := RenderSQLFile(f)
			if err != nil {
				t.Fatal(err)
			}
			goldenFile(t, "new_"+tc.name+".sql.golden", out)
			back, err := ParseSQLRevision("new.sql", out)
			if err != nil {
				t.Fatal(err)
			}
			want := tc.rev
			want.Message = oneLine(want.Message)
			got := *back.Revision
			got.Path = ""
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
			}
			if f.Dialect != "" && back.SQL.Dialect != "postgres" {
				t.Fatalf("dialect = %q", back.SQL.Dialect)
			}
			stmts, err := back.UpgradeStatements(lexPG)
			if err != nil {
				t.Fatal(err)
			}
			if f.Upgrade == "" && len(stmts) != 0 {
				t.Fatalf("the default upgrade section holds statements: %+v", stmts)
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	cases := []struct {
		name string
		err  func() error
		want string
	}{
		{"go nil revision", func() error { _, err := RenderGoFile(GoFile{}); return err }, "no revision"},
		{"go bad id", func() error { _, err := RenderGoFile(GoFile{Revision: &versions.Revision{ID: "a-b"}}); return err }, `revision id "a-b"`},
		{"go bad parent", func() error {
			_, err := RenderGoFile(GoFile{Revision: &versions.Revision{ID: "a", Revises: []string{"b:c"}}})
			return err
		}, `revision a revises: revision id "b:c"`},
		{"go bad package", func() error {
			_, err := RenderGoFile(GoFile{Revision: &versions.Revision{ID: "a"}, Package: "my-pkg"})
			return err
		}, `package name "my-pkg"`},
		{"go bad body", func() error {
			_, err := RenderGoFile(GoFile{Revision: &versions.Revision{ID: "a"}, UpgradeBody: "if {"})
			return err
		}, "the generated code does not parse"},
		{"sql bad dialect", func() error {
			_, err := RenderSQLFile(SQLFile{Revision: &versions.Revision{ID: "a"}, Dialect: "oracle"})
			return err
		}, `unknown dialect "oracle"`},
		{"sql bad label", func() error {
			_, err := RenderSQLFile(SQLFile{Revision: &versions.Revision{ID: "a", BranchLabels: []string{"two words"}}})
			return err
		}, `label or dependency "two words"`},
	}
	for _, tc := range cases {
		err := tc.err()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestRenderedGoCompiles builds two rendered revisions as one package with
// the go tool: the files compile and do not clash.
func TestRenderedGoCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with the go tool")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool in PATH")
	}
	dir, err := os.MkdirTemp(filepath.Join("testdata", "files"), "compile")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, tc := range renderCases {
		f := tc.goF
		rev := tc.rev
		f.Revision = &rev
		f.Package = "versions"
		out, err := RenderGoFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tc.name+".go"), out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(goTool, "vet", "./"+filepath.ToSlash(dir))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet of rendered revisions: %v\n%s", err, out)
	}
}
