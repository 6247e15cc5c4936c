package autogen_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/scratchdb"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// realisticSchema is a schema file of testdata/schemas loaded on its
// database and inspected.
type realisticSchema struct {
	key     string // "<db>/<file>"
	dialect dialect.Dialect
	model   *model.MetaData
}

// TestRealisticSchemas adopts each realistic schema of testdata/schemas
// the two ways a user does, and checks that `check` then finds nothing:
//
//   - SQL model: the file applied to a scratch database (as `check
//     --model FILE` does) and inspected, compared with the live database
//     holding the same schema: empty;
//   - Go model: the output of `migrate inspect --format go`
//     (RenderModelGo), compiled, gives back exactly the inspected model,
//     and comparing the database with it is empty.
func TestRealisticSchemas(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every realistic schema twice and compiles their Go models; skipped with -short")
	}
	ctx := context.Background()
	var loaded []realisticSchema
	for _, name := range testdb.Dialects {
		files, err := filepath.Glob(filepath.Join("..", "testdata", "schemas", name, "*.sql"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no schema files for %s: %v", name, err)
		}
		tg := testdb.New(t, name)
		for _, file := range files {
			key := name + "/" + strings.TrimSuffix(filepath.Base(file), ".sql")
			t.Run(key, func(t *testing.T) {
				live, d := loadScratch(ctx, t, tg.URL, file)
				model, _ := loadScratch(ctx, t, tg.URL, file)
				expectNoChange(t, "the file as SQL model", live, model, d)
				expectBaseline(ctx, t, live, d)
				loaded = append(loaded, realisticSchema{key: key, dialect: d, model: live})
			})
		}
	}
	goModels := compileGoModels(t, loaded)
	for _, s := range loaded {
		t.Run(s.key+"/go", func(t *testing.T) {
			got := goModels[s.key]
			if got == nil {
				t.Fatal("the compiled Go model is missing")
			}
			if diff := modeltest.Diff(s.model, got); diff != "" {
				t.Errorf("the Go model (inspect --format go) is not the inspected model:\n%s", diff)
			}
			expectNoChange(t, "the Go model", s.model, got, s.dialect)
		})
	}
}

// realisticSchemas are the schemas to inspect per database: every user
// schema on PostgreSQL (the files create several), else the connection's.
var realisticSchemas = map[string][]string{"postgres": {"*"}}

// loadScratch applies a schema file to a scratch database of the target's
// kind and returns the inspected schema (every user schema on PostgreSQL)
// and the database's dialect.
func loadScratch(ctx context.Context, t *testing.T, targetURL, file string) (*model.MetaData, dialect.Dialect) {
	t.Helper()
	s, err := scratchdb.Open(ctx, targetURL, "")
	if err != nil {
		t.Fatalf("scratch database: %v", err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Errorf("remove the scratch database: %v", err)
		}
	}()
	if err := s.ApplyFile(ctx, file, filepath.Base(file)); err != nil {
		t.Fatalf("load %s: %v", file, err)
	}
	md, err := s.Inspect(ctx, inspect.Options{Schemas: realisticSchemas[s.Dialect.Name()]})
	if err != nil {
		t.Fatalf("inspect %s: %v", file, err)
	}
	return md, s.Dialect
}

// expectBaseline renders the baseline revision of an existing app, as
// `migrate revision --autogenerate` against an empty database does: the
// operations from nothing to the schema, their downgrade, and both as
// SQL (which applies each operation to the model as it goes).
func expectBaseline(ctx context.Context, t *testing.T, target *model.MetaData, d dialect.Dialect) {
	t.Helper()
	empty := &model.MetaData{}
	res, err := autogen.Compare(empty, target, autogen.Options{Dialect: d})
	if err != nil {
		t.Fatalf("baseline: Compare: %v", err)
	}
	down, err := autogen.Downgrade(empty, res.Ops)
	if err != nil {
		t.Fatalf("baseline: Downgrade: %v", err)
	}
	if _, err := autogen.RenderSQL(ctx, d, empty, res.Ops, down); err != nil {
		t.Errorf("baseline: %v", err)
	}
}

// expectNoChange fails when comparing current with target finds changes
// or warnings.
func expectNoChange(t *testing.T, what string, current, target *model.MetaData, d dialect.Dialect) {
	t.Helper()
	res, err := autogen.Compare(current, target, autogen.Options{Dialect: d})
	if err != nil {
		t.Fatalf("%s: Compare: %v", what, err)
	}
	if !res.Empty() {
		t.Errorf("%s: Compare finds changes (false positives):\n%s", what, describe(res.Ops))
	}
	for _, w := range res.Warnings {
		t.Errorf("%s: warning: %s", what, w.Message)
	}
}

// compileGoModels renders each model with RenderModelGo into a package of
// a temporary module, builds a program that prints every Target() as
// JSON, runs it and returns the models by key.
func compileGoModels(t *testing.T, schemas []realisticSchema) map[string]*model.MetaData {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatalf("the Go toolchain is needed to compile the Go models: %v", err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/realistic\n\ngo 1.24\n\nrequire github.com/migratego/migrate v0.0.0\n\nreplace github.com/migratego/migrate => "+root+"\n")
	var imports, entries strings.Builder
	for i, s := range schemas {
		pkg := fmt.Sprintf("m%d", i)
		src, err := autogen.RenderModelGo(s.model, pkg)
		if err != nil {
			t.Fatalf("%s: RenderModelGo: %v", s.key, err)
		}
		write(pkg+"/model.go", string(src))
		fmt.Fprintf(&imports, "\t%s \"example.com/realistic/%s\"\n", pkg, pkg)
		fmt.Fprintf(&entries, "\t\t%q: %s.Target(),\n", s.key, pkg)
	}
	write("main.go", "package main\n\nimport (\n\t\"encoding/json\"\n\t\"os\"\n\n\t\"github.com/migratego/migrate/model\"\n"+imports.String()+
		")\n\nfunc main() {\n\tmodels := map[string]*model.MetaData{\n"+entries.String()+"\t}\n\tif err := json.NewEncoder(os.Stdout).Encode(models); err != nil {\n\t\tpanic(err)\n\t}\n}\n")
	cmd := exec.Command("go", "run", "-mod=mod", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("compile and run the Go models: %v\n%s", err, stderr.String())
	}
	models := map[string]*model.MetaData{}
	if err := json.Unmarshal(out, &models); err != nil {
		t.Fatalf("read the Go models: %v", err)
	}
	return models
}
