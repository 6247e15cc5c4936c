package lint

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/query"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// users is the table the revision before the range creates.
func usersTable() *model.Table {
	return &model.Table{Name: "users", Columns: []*model.Column{
		{Name: "id", Type: model.Type{Kind: model.KindBigInt}},
		{Name: "email", Type: model.Type{Kind: model.KindVarchar, Length: 100}, Nullable: true},
		{Name: "age", Type: model.Type{Kind: model.KindInteger}},
	}, PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
}

// opsCase is one Go revision's operations linted on one database, after
// a revision (outside the range) that created the table users.
type opsCase struct {
	name, db string
	ops      []ops.Operation
	want     []string
}

var col = func(name string, k model.TypeKind, nullable bool) *model.Column {
	return &model.Column{Name: name, Type: model.Type{Kind: k}, Nullable: nullable}
}

var opsCases = []opsCase{
	{"drop table", "sqlite", []ops.Operation{ops.DropTable{Table: "users"}}, []string{"drop-table"}},
	{"drop created table", "sqlite", []ops.Operation{ops.CreateTable{Table: &model.Table{Name: "t", Columns: []*model.Column{col("id", model.KindInteger, false)}}}, ops.DropTable{Table: "t"}}, nil},
	{"drop column", "mysql", []ops.Operation{ops.DropColumn{Table: "users", Column: "email"}}, []string{"drop-column"}},
	{"drop column sqlite rebuilds", "sqlite", []ops.Operation{ops.BatchAlterTable{Table: "users", Recreate: ops.RecreateAlways, Ops: []ops.Operation{ops.DropColumn{Column: "email"}}}}, []string{"batch-rebuild", "drop-column"}},
	{"rename table", "postgres", []ops.Operation{ops.Execute{SQL: "SET lock_timeout = '5s'"}, ops.RenameTable{Table: "users", NewName: "members"}}, []string{"rename-table"}},
	{"rename column", "mysql", []ops.Operation{ops.AlterColumn{Table: "users", Column: "email", New: &model.Column{Name: "mail", Type: model.Type{Kind: model.KindVarchar, Length: 100}, Nullable: true}}}, []string{"rename-column"}},
	{"not null no default", "postgres", []ops.Operation{ops.Execute{SQL: "SET lock_timeout = '5s'"}, ops.AddColumn{Table: "users", Column: col("n", model.KindInteger, false)}}, []string{"not-null-without-default"}},
	{"not null no default mysql", "mysql", []ops.Operation{ops.AddColumn{Table: "users", Column: col("n", model.KindInteger, false)}}, []string{"not-null-without-default"}},
	{"not null default sqlite", "sqlite", []ops.Operation{ops.AddColumn{Table: "users", Column: &model.Column{Name: "n", Type: model.Type{Kind: model.KindInteger}, Default: model.DefaultLiteral(int64(0))}}}, nil},
	{"unique index", "sqlite", []ops.Operation{ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix", Unique: true, Parts: model.Cols("email")}}}, []string{"unique-on-existing-table"}},
	{"unique constraint mysql", "mysql", []ops.Operation{ops.CreateUnique{Table: "users", Unique: &model.Unique{Name: "uq", Columns: []string{"email"}}}}, []string{"unique-on-existing-table"}},
	{"index not concurrent", "postgres", []ops.Operation{ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix", Parts: model.Cols("email")}}}, []string{"lock-timeout", "index-not-concurrent"}},
	{"index concurrent", "postgres", []ops.Operation{ops.CreateIndex{Table: "users", Concurrently: true, Index: &model.Index{Name: "ix", Parts: model.Cols("email")}}}, nil},
	{"type change rewrites", "postgres", []ops.Operation{&ops.AlterColumn{Table: "users", Column: "age", New: col("age", model.KindBigInt, false)}}, []string{"lock-timeout", "type-change-rewrite"}},
	{"type change widens", "postgres", []ops.Operation{ops.AlterColumn{Table: "users", Column: "email", New: &model.Column{Name: "email", Type: model.Type{Kind: model.KindText}, Nullable: true}}}, []string{"lock-timeout"}},
	{"type change mysql", "mysql", []ops.Operation{ops.AlterColumn{Table: "users", Column: "age", New: col("age", model.KindBigInt, false)}}, []string{"table-copy"}},
	{"varchar longer mysql", "mysql", []ops.Operation{ops.AlterColumn{Table: "users", Column: "email", New: &model.Column{Name: "email", Type: model.Type{Kind: model.KindVarchar, Length: 200}, Nullable: true}}}, nil},
	{"set not null", "postgres", []ops.Operation{ops.Execute{SQL: "SET lock_timeout = '5s'"}, ops.AlterColumn{Table: "users", Column: "email", New: &model.Column{Name: "email", Type: model.Type{Kind: model.KindVarchar, Length: 100}}}}, []string{"set-not-null"}},
	{"type change after raw DDL", "postgres", []ops.Operation{ops.Execute{SQL: "ALTER TABLE users ADD COLUMN x int"},
		ops.AlterColumn{Table: "users", Column: "email", New: &model.Column{Name: "email", Type: model.Type{Kind: model.KindText}}}}, []string{"lock-timeout", "schema-unknown", "type-change-rewrite"}},
	{"set not null after validated check", "postgres", []ops.Operation{
		ops.CreateCheck{Table: "users", Check: &model.Check{Name: "ck", Expr: "email IS NOT NULL"}, NotValid: true},
		ops.Execute{SQL: "ALTER TABLE users VALIDATE CONSTRAINT ck"},
		ops.AlterColumn{Table: "users", Column: "email", Existing: &model.Column{Name: "email", Type: model.Type{Kind: model.KindVarchar, Length: 100}, Nullable: true},
			New: &model.Column{Name: "email", Type: model.Type{Kind: model.KindVarchar, Length: 100}}}}, []string{"lock-timeout", "schema-unknown"}},
	{"foreign key", "postgres", []ops.Operation{ops.CreateForeignKey{Table: "users", ForeignKey: &model.ForeignKey{Name: "fk", Columns: []string{"age"}, RefTable: "users", RefColumns: []string{"id"}}}}, []string{"lock-timeout", "constraint-without-not-valid"}},
	{"foreign key not valid", "postgres", []ops.Operation{ops.CreateForeignKey{Table: "users", ForeignKey: &model.ForeignKey{Name: "fk", Columns: []string{"age"}, RefTable: "users", RefColumns: []string{"id"}, NotValid: true}}}, []string{"lock-timeout"}},
	{"volatile default", "postgres", []ops.Operation{ops.AddColumn{Table: "users", Column: &model.Column{Name: "tok", Type: model.Type{Kind: model.KindUUID}, Default: model.DefaultExpr("gen_random_uuid()")}}}, []string{"lock-timeout", "volatile-default"}},
	{"serial column", "postgres", []ops.Operation{ops.AddColumn{Table: "users", Column: &model.Column{Name: "n", Type: model.Type{Kind: model.KindBigInt}, AutoIncrement: true}}}, []string{"lock-timeout", "serial-column"}},
	{"mixed ddl and data", "mysql", []ops.Operation{ops.AddColumn{Table: "users", Column: col("bio", model.KindText, true)}, ops.BulkInsert{Table: "users", Columns: []string{"id", "age"}, Rows: [][]any{{int64(1), int64(3)}}}}, []string{"mixed-ddl-and-data"}},
	{"add column sqlite in place", "sqlite", []ops.Operation{ops.AddColumn{Table: "users", Column: col("bio", model.KindText, true)}}, nil},
	{"alter type sqlite rebuilds", "sqlite", []ops.Operation{ops.AlterColumn{Table: "users", Column: "age", New: col("age", model.KindBigInt, false)}}, []string{"batch-rebuild"}},
	{"custom operation", "sqlite", []ops.Operation{customOp{}}, []string{"unclassified", "schema-unknown"}},
}

// customOp is an operation lint does not know.
type customOp struct{}

func (customOp) Name() string { return "frobnicate" }
func (customOp) Statements(context.Context, *ops.Context) ([]ops.Statement, error) {
	return []ops.Statement{{SQL: "SELECT 1"}}, nil
}
func (customOp) Reverse() (ops.Operation, error) { return nil, errors.New("no") }
func (customOp) GoSource() (string, error)       { return "customOp{}", nil }

// goRevision returns a Go revision that recorded operations.
func goRevision(id string, inRange bool, operations ...ops.Operation) *Revision {
	rev := &Revision{Script: &scriptdir.Script{Revision: &versions.Revision{ID: id, Path: id + ".go"}, Kind: scriptdir.KindGo}, InRange: inRange}
	for i, op := range operations {
		rev.Recorded = append(rev.Recorded, ops.Recorded{Operation: op, Index: i})
	}
	return rev
}

func TestOperationRules(t *testing.T) {
	g := ruleGolden{}
	for _, c := range opsCases {
		t.Run(c.db+"/"+c.name, func(t *testing.T) {
			g.check(t, c.db, c.name, c.want, func(*testing.T) []*Revision {
				return []*Revision{goRevision("base", false, ops.CreateTable{Table: usersTable()}), goRevision("r1", true, c.ops...)}
			})
		})
	}
	g.compare(t, "ops_")
}

func TestRebuildEstimate(t *testing.T) {
	d, _ := dialect.ForName("sqlite")
	batch := ops.BatchAlterTable{Table: "users", Recreate: ops.RecreateAlways, Ops: []ops.Operation{ops.CreateCheck{Check: &model.Check{Name: "ck", Expr: "age > 0"}}}}
	for _, tc := range []struct {
		rows int64
		want Severity
	}{{10, Info}, {5_000_000, Warning}} {
		revs := []*Revision{goRevision("base", false, ops.CreateTable{Table: usersTable()}), goRevision("r1", true, batch)}
		rep, err := Check(context.Background(), Options{Dialect: d, RowEstimate: func(_, table string) (int64, bool) { return tc.rows, table == "users" }}, revs)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Findings) != 1 || rep.Findings[0].Rule != RuleBatchRebuild || rep.Findings[0].Severity != tc.want {
			t.Errorf("%d rows: got %+v, want one batch-rebuild of severity %s", tc.rows, rep.Findings, tc.want)
		}
	}
}

func TestCountRows(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "sqlite")
	if _, err := db.ExecContext(ctx, `CREATE TABLE "odd ""name""" (id integer); INSERT INTO "odd ""name""" VALUES (1), (2), (3)`); err != nil {
		t.Fatal(err)
	}
	count := CountRows(ctx, db)
	if n, ok := count("", `odd "name"`); !ok || n != 3 {
		t.Errorf("rows of an existing table: %d, %v; want 3, true", n, ok)
	}
	if _, ok := count("", "missing"); ok {
		t.Errorf("a missing table has no estimate")
	}
}

func TestStoppedRecording(t *testing.T) {
	d, _ := dialect.ForName("postgres")
	for _, c := range []struct {
		stopped error
		want    string
	}{
		{&ops.ReadOfflineError{Revision: "r1", Verb: "SELECT"}, "the upgrade reads rows (SELECT)"},
		{errors.New("boom"), "lint stopped recording the upgrade: boom"},
	} {
		rev := goRevision("r1", true, ops.AddColumn{Table: "users", Column: col("bio", model.KindText, true)})
		rev.Stopped = c.stopped
		rep, err := Check(context.Background(), Options{Dialect: d}, []*Revision{goRevision("base", false, ops.CreateTable{Table: usersTable()}), rev})
		if err != nil {
			t.Fatal(err)
		}
		last := rep.Findings[len(rep.Findings)-1]
		if last.Rule != RuleNotRecorded || !strings.Contains(last.Message, c.want) {
			t.Errorf("stopped by %v: last finding %+v, want not-recorded saying %q", c.stopped, last, c.want)
		}
	}
}

func TestRecordUpgrade(t *testing.T) {
	d, _ := dialect.ForName("sqlite")
	read := func(string) ([]byte, error) { return []byte("package versions\n"), nil }
	for _, c := range []struct {
		upgrade func(context.Context, *ops.Op) error
		records int
		stopped string
	}{
		{func(ctx context.Context, op *ops.Op) error {
			return op.Run(ctx, ops.DropTable{Table: "a"}, ops.DropTable{Table: "b"})
		}, 2, ""},
		{func(ctx context.Context, op *ops.Op) error {
			if err := op.Execute(ctx, "DELETE FROM a"); err != nil {
				return err
			}
			var n int
			return op.QueryRow(ctx, query.Select(query.Count()).From(query.T("a")), &n)
		}, 1, "reads rows"},
		{func(context.Context, *ops.Op) error { panic("oops") }, 0, "the upgrade panicked: oops"},
	} {
		rev := goRevision("r1", true)
		if err := record(context.Background(), d, &runner.Revision{ID: "r1", Upgrade: c.upgrade}, rev, read); err != nil {
			t.Fatal(err)
		}
		if len(rev.Recorded) != c.records {
			t.Errorf("recorded %d, want %d", len(rev.Recorded), c.records)
		}
		if c.stopped == "" && rev.Stopped != nil || c.stopped != "" && (rev.Stopped == nil || !strings.Contains(rev.Stopped.Error(), c.stopped)) {
			t.Errorf("stopped: %v, want %q", rev.Stopped, c.stopped)
		}
	}
	rev := goRevision("r1", true)
	if err := record(context.Background(), d, nil, rev, read); err == nil || !strings.Contains(err.Error(), "not compiled into this program") {
		t.Errorf("a Go revision without its compiled code: %v", err)
	}
}
