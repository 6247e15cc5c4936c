package autogenerate

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/scratchdb"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// schemaFile is the model of the tests for a database: a small shop
// with identities, defaults, foreign keys, checks, partial and expression
// indexes and comments where the database has them.
func schemaFile(t *testing.T, name string) scratchdb.File {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", "model", name+".sql"))
	if err != nil {
		t.Fatal(err)
	}
	return scratchdb.File{Path: p, Name: name + ".sql"}
}

// request compares db with the model src, leaving out migrate's tables.
func request(tg *testdb.Target, db *dialect.DB, src ModelSource) Request {
	return Request{DB: db, URL: tg.URL, Model: src, VersionTable: "migrate_version", HistoryTable: "migrate_history"}
}

// run executes operations on db.
func run(t *testing.T, db *dialect.DB, list []ops.Operation) {
	t.Helper()
	op := ops.NewOp(db.Dialect, db)
	op.LiveTable = func(ctx context.Context, schema, name string) (*model.Table, error) {
		md, err := inspect.Database(ctx, db, inspect.Options{Include: []string{name}})
		if err != nil || md.Table(schema, name) == nil {
			return nil, err
		}
		return md.Table(schema, name), nil
	}
	if err := op.Run(context.Background(), list...); err != nil {
		t.Fatal(err)
	}
}

// TestSQLModelRoundTrip: on an empty database, autogenerate from a SQL
// schema gives the baseline; once applied, the database matches the
// model (a second compare is empty, check exits 0); the downgrade leaves
// no table.
func TestSQLModelRoundTrip(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, tg := testdb.Open(t, name)
			req := request(tg, db, ModelSource{Files: []scratchdb.File{schemaFile(t, name)}})
			d, err := Compute(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if d.Empty() {
				t.Fatal("compare of an empty database with the blog schema is empty")
			}
			rep, err := d.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Equal || len(rep.Operations) != len(d.Up) || !strings.Contains(rep.Diff, "+++ model") {
				t.Fatalf("check report before the upgrade = %+v, want the operations and a diff", rep)
			}
			run(t, db, d.Up)
			again, err := Compute(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if !again.Empty() {
				lines, _ := autogen.Summarize(ctx, db.Dialect, again.Current, again.Up)
				t.Fatalf("second compare after the upgrade is not empty:\n%s", strings.Join(lines, "\n"))
			}
			if rep, err := again.Check(ctx); err != nil || !rep.Equal || rep.Diff != "" {
				t.Fatalf("check after the upgrade = %+v, %v; want equal", rep, err)
			}
			run(t, db, d.Down)
			md, err := inspect.Database(ctx, db, inspect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(md.Tables) != 0 {
				t.Errorf("the downgrade left %d tables (%s …)", len(md.Tables), md.Tables[0].Name)
			}
		})
	}
}

// TestInspectGoModelChecksEmpty: the Go model `migrate inspect --format go`
// prints for a database, compiled and used as Target(), gives an empty
// check against that database.
func TestInspectGoModelChecksEmpty(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	ctx := context.Background()
	type live struct {
		db *dialect.DB
		tg *testdb.Target
	}
	dbs := map[string]live{}
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("testdata", "compile-model-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	mainSrc := "package main\n\nimport (\n\t\"encoding/json\"\n\t\"os\"\n\n"
	mainBody := "func main() {\n\tjson.NewEncoder(os.Stdout).Encode(map[string]any{\n"
	for _, name := range testdb.Dialects {
		db, tg := testdb.Open(t, name)
		s := &scratchdb.DB{DB: db}
		if err := s.ApplyFile(ctx, schemaFile(t, name).Path, name); err != nil {
			t.Fatal(err)
		}
		md, err := inspect.Database(ctx, db, inspect.Options{})
		if err != nil {
			t.Fatal(err)
		}
		src, err := autogen.RenderModelGo(md, name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name, "model.go"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		mainSrc += "\t\"github.com/migratego/migrate/internal/autogenerate/" + filepath.ToSlash(dir) + "/" + name + "\"\n"
		mainBody += "\t\t\"" + name + "\": " + name + ".Target(),\n"
		dbs[name] = live{db, tg}
	}
	mainSrc += ")\n\n" + mainBody + "\t})\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(mainSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "run", "./"+dir).Output()
	if err != nil {
		t.Fatalf("go run of the rendered models: %v\n%s", err, out)
	}
	var models map[string]*model.MetaData
	if err := json.Unmarshal(out, &models); err != nil {
		t.Fatal(err)
	}
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			md := models[name]
			l := dbs[name]
			d, err := Compute(ctx, request(l.tg, l.db, ModelSource{Go: func() *model.MetaData { return md }}))
			if err != nil {
				t.Fatal(err)
			}
			if !d.Empty() {
				lines, _ := autogen.Summarize(ctx, l.db.Dialect, d.Current, d.Up)
				t.Errorf("check of the database against its own inspect --format go model is not empty:\n%s", strings.Join(lines, "\n"))
			}
		})
	}
}
