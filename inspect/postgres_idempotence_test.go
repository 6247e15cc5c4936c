package inspect_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestPostgresIdempotence checks on realistic schemas
// (testdata/schemas/postgres/*.sql) that inspection is a fixed point:
// load the file into a fresh schema, inspect it, create the inspected
// model in a second fresh schema with dialect.CreateAll, inspect again,
// and the two models must be equal, view definitions included.
func TestPostgresIdempotence(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "schemas", "postgres", "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no schema files in testdata/schemas/postgres")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".sql"), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			src, _ := testdb.Open(t, "postgres")
			for _, s := range splitStatements(t, file) {
				if _, err := src.ExecContext(ctx, s); err != nil {
					t.Fatalf("%s: %v\nstatement:\n%s", file, err, s)
				}
			}
			first, err := inspect.Database(ctx, src, inspect.Options{})
			if err != nil {
				t.Fatalf("inspect %s: %v", file, err)
			}
			if len(first.Tables) == 0 {
				t.Fatalf("inspect %s: no tables", file)
			}
			stmts, err := dialect.CreateAll(src.Dialect, first)
			if err != nil {
				t.Fatalf("CreateAll of the inspected model: %v", err)
			}
			dst, _ := testdb.Open(t, "postgres")
			for _, s := range stmts {
				if _, err := dst.ExecContext(ctx, s); err != nil {
					t.Fatalf("recreate: %v\nstatement:\n%s", err, s)
				}
			}
			second, err := inspect.Database(ctx, dst, inspect.Options{})
			if err != nil {
				t.Fatalf("inspect the recreated schema: %v", err)
			}
			if diff := modeltest.Diff(dialect.Normalize(src.Dialect, first), dialect.Normalize(dst.Dialect, second)); diff != "" {
				t.Fatalf("%s: the recreated schema inspects differently:\n%s", file, diff)
			}
			checkRealisticFeatures(t, filepath.Base(file), first)
		})
	}
}

// checkRealisticFeatures spot-checks that the features the schema files
// exercise were read at all, so that the fixed point is not an empty one.
func checkRealisticFeatures(t *testing.T, file string, md *model.MetaData) {
	t.Helper()
	switch file {
	case "shop.sql":
		if md.Table("", "page_views") == nil || md.Table("", "page_views_2024") != nil {
			t.Errorf("partitioned table page_views: want it reported and its partitions not")
		}
		if len(md.Sequences) != 1 || md.Sequences[0].OwnedBy != "invoices.number" {
			t.Errorf("sequences = %s; want invoice_number_seq owned by invoices.number", modeltest.Diff(&model.MetaData{}, &model.MetaData{Sequences: md.Sequences}))
		}
		if c := md.Table("", "customers").Column("id"); c.Identity == nil || !c.Identity.Always || c.Identity.Start != 1000 {
			t.Errorf("customers.id identity = %+v; want ALWAYS starting at 1000", c.Identity)
		}
		if len(md.Views) != 2 || len(md.Enums) != 2 {
			t.Errorf("%d views and %d enum types; want 2 and 2", len(md.Views), len(md.Enums))
		}
	case "blog.sql":
		if c := md.Table("", "authors").Column("id"); !c.AutoIncrement || c.Default != nil {
			t.Errorf("authors.id (serial): AutoIncrement %v, default %+v; want AutoIncrement without a default", c.AutoIncrement, c.Default)
		}
		if len(md.Sequences) != 2 {
			t.Errorf("%d sequences; want ticket_seq and shared_counter only", len(md.Sequences))
		}
		fks := md.Table("", "comments").ForeignKeys
		if len(fks) != 2 || !(fks[0].NotValid || fks[1].NotValid) {
			t.Errorf("comments foreign keys = %d, want 2 with one NOT VALID", len(fks))
		}
	}
}

// splitStatements splits a schema file into statements at lines ending
// with ';' (enough for these files; the real lexer lives in versions).
func splitStatements(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "--") && cur.Len() == 0 {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
