package ops_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
)

var updateOffline = flag.Bool("update", false, "rewrite the golden files under testdata/offline")

// Tables of the every-operation revisions, as they are at each stage, for
// the batches that rebuild them on SQLite (CopyFrom).
func everyTeams() *model.Table {
	return &model.Table{Name: "teams", Columns: []*model.Column{
		{Name: "id", Type: model.BigInt},
		{Name: "name", Type: model.Varchar(50)},
	}, PrimaryKey: &model.PrimaryKey{Name: "pk_teams", Columns: []string{"id"}}}
}

func everyUsers0() *model.Table {
	return &model.Table{Name: "users", Columns: []*model.Column{
		{Name: "id", Type: model.BigInt},
		{Name: "team_id", Type: model.BigInt, Nullable: true},
		{Name: "email", Type: model.Varchar(100)},
		{Name: "status", Type: model.Varchar(20), Default: model.DefaultLiteral("new")},
		{Name: "note", Type: model.Text, Nullable: true},
	}, PrimaryKey: &model.PrimaryKey{Name: "pk_users", Columns: []string{"id"}}}
}

// everyUsers1 is users after the first batch of changes.
func everyUsers1() *model.Table {
	t := everyUsers0()
	t.Columns[2].Type = model.Varchar(200)
	t.Columns = append(t.Columns[:4], &model.Column{Name: "age", Type: model.Integer, Nullable: true})
	t.Uniques = []*model.Unique{{Name: "uq_users_team_email", Columns: []string{"team_id", "email"}}}
	t.ForeignKeys = []*model.ForeignKey{{Name: "fk_users_team", Columns: []string{"team_id"}, RefTable: "teams", RefColumns: []string{"id"}, OnDelete: model.SetNull}}
	t.Checks = []*model.Check{{Name: "ck_users_age", Expr: "age >= 0"}}
	t.Indexes = []*model.Index{{Name: "ix_users_email", Unique: true, Parts: model.Cols("email")}}
	return t
}

func everyMembers() *model.Table {
	return &model.Table{Name: "members", Columns: []*model.Column{
		{Name: "team_id", Type: model.BigInt},
		{Name: "who", Type: model.Varchar(40)},
	}}
}

func everyTickets() *model.Table {
	return &model.Table{Name: "tickets", Columns: []*model.Column{
		{Name: "id", Type: model.Integer},
		{Name: "status", Type: model.Varchar(20)},
	}, PrimaryKey: &model.PrimaryKey{Name: "pk_tickets", Columns: []string{"id"}}}
}

var everyMood = &model.EnumType{Name: "mood", Values: []string{"sad", "ok", "happy"}}

// everyRun runs operations, skipping (and recording) those the database
// refuses with an *UnsupportedError.
type everyRun struct {
	skipped []string
}

func (r *everyRun) run(ctx context.Context, op *ops.Op, operations ...ops.Operation) error {
	for _, o := range operations {
		if _, err := o.Statements(ctx, op.Context()); err != nil {
			var ue *dialect.UnsupportedError
			if errors.As(err, &ue) {
				r.skipped = append(r.skipped, o.Name())
				continue
			}
			return fmt.Errorf("%s: %w", o.Name(), err)
		}
		if err := op.Run(ctx, o); err != nil {
			return err
		}
	}
	return nil
}

// alter runs changes to one table: directly where the database's ALTER
// makes them, in a BatchAlterTable rebuilding the table from copyFrom
// where it does not (SQLite).
func (r *everyRun) alter(ctx context.Context, op *ops.Op, copyFrom *model.Table, changes ...ops.Operation) error {
	if op.Dialect.Capabilities().AddConstraint {
		return r.run(ctx, op, changes...)
	}
	return r.run(ctx, op, ops.BatchAlterTable{Table: copyFrom.Name, CopyFrom: copyFrom, Ops: changes})
}

// everyOperationSet is three Go revisions that, together, use every
// operation type of the package.
func everyOperationSet(r *everyRun) (*runner.Set, error) {
	tables := &runner.Revision{ID: "e1tables", Message: "tables, columns, constraints, indexes, comments",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			if err := r.run(ctx, op,
				ops.CreateTable{Table: everyTeams()},
				ops.CreateTable{Table: everyUsers0()},
				ops.CreateTable{Table: everyMembers()},
				ops.CreateTable{Table: &model.Table{Name: "scratch", Columns: []*model.Column{{Name: "x", Type: model.Integer}}}},
				ops.RenameTable{Table: "scratch", NewName: "scratch2"},
				ops.DropTable{Table: "scratch2"},
				ops.BulkInsert{Table: "teams", Columns: []string{"id", "name"}, Rows: [][]any{{1, "red"}, {2, "it's blue \\ ☃"}}},
				ops.Execute{SQL: "UPDATE teams SET name = 'crimson' WHERE id = 1"},
				ops.SetTableComment{Table: "users", Comment: "people"},
				ops.SetColumnComment{Table: "users", Column: "email", Comment: "login", Definition: everyUsers0().Column("email")},
			); err != nil {
				return err
			}
			u0 := everyUsers0()
			email := u0.Column("email").Clone()
			if op.Dialect.Capabilities().Comments {
				email.Comment = "login"
			}
			wide := email.Clone()
			wide.Type = model.Varchar(200)
			u1 := everyUsers1()
			if err := r.alter(ctx, op, u0,
				ops.AddColumn{Table: "users", Column: &model.Column{Name: "age", Type: model.Integer, Nullable: true}},
				ops.AlterColumn{Table: "users", Column: "email", Existing: email, New: wide},
				ops.DropColumn{Table: "users", Column: "note", Existing: u0.Column("note")},
				ops.CreateIndex{Table: "users", Index: u1.Indexes[0]},
				ops.CreateUnique{Table: "users", Unique: u1.Uniques[0]},
				ops.CreateForeignKey{Table: "users", ForeignKey: u1.ForeignKeys[0]},
				ops.CreateCheck{Table: "users", Check: u1.Checks[0]},
			); err != nil {
				return err
			}
			if err := r.alter(ctx, op, u1,
				ops.DropIndex{Table: "users", Index: "ix_users_email", Existing: u1.Indexes[0]},
				ops.DropForeignKey{Table: "users", Constraint: "fk_users_team", Existing: u1.ForeignKeys[0]},
				ops.DropUnique{Table: "users", Constraint: "uq_users_team_email", Existing: u1.Uniques[0]},
				ops.DropCheck{Table: "users", Constraint: "ck_users_age", Existing: u1.Checks[0]},
			); err != nil {
				return err
			}
			pk := &model.PrimaryKey{Name: "pk_members", Columns: []string{"team_id", "who"}}
			withPK := everyMembers()
			withPK.PrimaryKey = pk
			if err := r.run(ctx, op, ops.BatchAlterTable{Table: "members", CopyFrom: everyMembers(), Ops: []ops.Operation{
				ops.CreatePrimaryKey{PrimaryKey: pk},
			}}); err != nil {
				return err
			}
			return r.alter(ctx, op, withPK, ops.DropPrimaryKey{Table: "members", Constraint: "pk_members", Existing: pk})
		}}
	objects := &runner.Revision{ID: "e2objects", Revises: []string{"e1tables"}, Message: "enums, sequences, views",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			from := &model.Sequence{Name: "order_no", Start: 10, Increment: 5, MinValue: new(int64(1)), Cache: 1}
			to := cloneSeq(from)
			to.Increment, to.MaxValue, to.Cycle = 7, new(int64(5000)), true
			v1 := &model.View{Name: "v_users", Definition: "SELECT id, email FROM users"}
			v2 := &model.View{Name: "v_users", Definition: "SELECT id, email, status FROM users"}
			return r.run(ctx, op,
				ops.CreateEnum{Enum: everyMood},
				ops.AddEnumValue{Enum: "mood", Value: "meh", After: "sad"},
				ops.RenameEnumValue{Enum: "mood", From: "ok", To: "fine"},
				ops.CreateEnum{Enum: &model.EnumType{Name: "unused", Values: []string{"x"}}},
				ops.DropEnum{Enum: "unused", Values: []string{"x"}},
				ops.CreateSequence{Sequence: from},
				ops.AlterSequence{From: from, To: to},
				ops.DropSequence{Sequence: "order_no", Existing: to},
				ops.CreateView{View: v1},
				ops.ReplaceView{From: v1, To: v2},
				ops.CreateView{View: &model.View{Name: "v_teams", Definition: "SELECT name FROM teams"}},
				ops.DropView{View: "v_teams", Existing: &model.View{Name: "v_teams", Definition: "SELECT name FROM teams"}},
				ops.CreateTable{Table: everyTickets()},
				ops.BulkInsert{Table: "tickets", RowMaps: []map[string]any{{"id": 1, "status": "sad"}, {"id": 2, "status": "happy"}}},
			)
		}}
	enumColumn := &runner.Revision{ID: "e3enumcol", Revises: []string{"e2objects"}, Message: "column to enum",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			from := everyTickets().Column("status")
			to := from.Clone()
			to.Type = model.Type{Kind: model.KindEnum, EnumName: "mood", Values: []string{"sad", "meh", "fine", "happy"}}
			alter := ops.AlterColumn{Table: "tickets", Column: "status", Existing: from, New: to}
			if op.Dialect.Capabilities().NamedEnumTypes {
				alter.Using = `"status"::"mood"`
			}
			return r.alter(ctx, op, everyTickets(), alter)
		}}
	reg := runner.NewRegistry()
	for _, rev := range []*runner.Revision{tables, objects, enumColumn} {
		reg.Register(rev)
	}
	return runner.NewCompiledSet(nil, reg)
}

func cloneSeq(s *model.Sequence) *model.Sequence {
	c := *s
	return &c
}

// offlineDialects are the dialects of `migrate upgrade head --sql`, with
// the operations each refuses (skipped by the revisions).
var offlineDialects = []struct {
	name    string
	refused []string
}{
	{"postgres", nil},
	{"mysql", []string{"add_enum_value", "rename_enum_value", "create_sequence", "alter_sequence", "drop_sequence"}},
	{"mariadb", []string{"add_enum_value", "rename_enum_value"}},
	{"sqlite", []string{"set_table_comment", "set_column_comment", "add_enum_value", "rename_enum_value",
		"create_sequence", "alter_sequence", "drop_sequence"}},
}

var scriptTimes = regexp.MustCompile(`'\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:?\d\d|Z)?'`)

// TestOfflineEveryOperation is the acceptance test of `migrate upgrade
// head --sql` for a Go revision using every operation: the script of each
// dialect matches its golden file, and applying it to a fresh database
// works.
func TestOfflineEveryOperation(t *testing.T) {
	for _, dc := range offlineDialects {
		t.Run(dc.name, func(t *testing.T) {
			d, err := dialect.ForName(dc.name)
			if err != nil {
				t.Fatal(err)
			}
			r := &everyRun{}
			g, err := everyOperationSet(r)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			off, err := runner.NewOfflineRunner(d, g, &buf, runner.WithOperator("tester@test"), runner.WithToolVersion("test"))
			if err != nil {
				t.Fatal(err)
			}
			if err := off.Upgrade(context.Background(), "head"); err != nil {
				t.Fatalf("offline upgrade: %v", err)
			}
			if !slices.Equal(r.skipped, dc.refused) {
				t.Errorf("operations refused with an *UnsupportedError: %q, want %q", r.skipped, dc.refused)
			}
			script := buf.String()
			compareGolden(t, filepath.Join("testdata", "offline", dc.name+".sql"), scriptTimes.ReplaceAllString(script, "'<time>'"))
			applyScript(t, dc.name, d, script)
		})
	}
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *updateOffline {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestOfflineEveryOperation -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (rerun with -update after checking):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff names the first differing line.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, a, b)
		}
	}
	return ""
}

// applyScript runs the printed script, split by the dialect's lexer, on a
// fresh database of the server the dialect is for.
func applyScript(t *testing.T, name string, d dialect.Dialect, script string) {
	t.Helper()
	server := name
	if name == "mariadb" {
		server = "mysql"
	}
	db, _ := testdb.Open(t, server)
	flavour := fmt.Sprint(db.Dialect)
	isMariaDB := strings.HasPrefix(flavour, "MariaDB")
	switch {
	case name == "mysql" && isMariaDB:
		t.Skipf("the MySQL 8 script needs a MySQL server; %s is %s", testdb.EnvMySQL, flavour)
	case name == "mariadb" && !isMariaDB:
		t.Skipf("the MariaDB script needs a MariaDB server; %s is %s", testdb.EnvMySQL, flavour)
	}
	stmts, err := scriptdir.SplitStatements(script, d.Capabilities().Syntax)
	if err != nil {
		t.Fatalf("split: %v", err)
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s.Text); err != nil {
			t.Fatalf("line %d: %v\n%s", s.Line, err, s.Text)
		}
	}
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM tickets WHERE status = 'happy'").Scan(&n); err != nil || n != 1 {
		t.Fatalf("tickets after the script: %d, %v", n, err)
	}
	var team string
	if err := conn.QueryRowContext(ctx, "SELECT name FROM teams WHERE id = 2").Scan(&team); err != nil || team != "it's blue \\ ☃" {
		t.Fatalf("teams after the script: %q, %v", team, err)
	}
	var version string
	if err := conn.QueryRowContext(ctx, "SELECT version_num FROM migrate_version").Scan(&version); err != nil || version != "e3enumcol" {
		t.Fatalf("version table after the script: %q, %v", version, err)
	}
}
