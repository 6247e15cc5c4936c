package dialect_test

import (
	"context"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// alterExec returns a function running compiled statements one by one,
// failing the test with the statement that failed.
func alterExec(ctx context.Context, t *testing.T, db *dialect.DB) func(stmts []string, err error) {
	return func(stmts []string, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stmts {
			if _, err := db.ExecContext(ctx, s); err != nil {
				t.Fatalf("%v\nstatement:\n%s", err, s)
			}
		}
	}
}

// TestPostgresAlterEnumAndSequence runs the enum and sequence ALTERs on
// the server and reads the result back from the catalogs.
func TestPostgresAlterEnumAndSequence(t *testing.T) {
	ctx := context.Background()
	db, tg := testdb.Open(t, "postgres")
	d := db.Dialect
	a := d.(dialect.Alterer)
	run := alterExec(ctx, t, db)
	mood := &model.EnumType{Schema: tg.Scope, Name: "mo od", Values: []string{"sad", "ok"}}
	run(d.CreateEnum(mood))
	run(a.AddEnumValue(mood, "happy", "", "ok"))
	run(a.AddEnumValue(mood, "it's", "sad", ""))
	run(a.RenameEnumValue(mood, "ok", "fine"))
	qt, _ := d.QuoteQualified(mood.Schema, mood.Name)
	var labels string
	queryOne(ctx, t, db.DB, "SELECT enum_range(NULL::"+qt+")::text", &labels)
	if want := `{it's,sad,fine,happy}`; labels != want {
		t.Errorf("enum labels %s, want %s", labels, want)
	}

	minV := int64(5)
	from := &model.Sequence{Schema: tg.Scope, Name: "seq", Start: 10, MinValue: &minV}
	to := &model.Sequence{Schema: tg.Scope, Name: "seq2", Increment: 3, Cache: 4, Cycle: true}
	run(d.CreateSequence(from))
	run(a.AlterSequence(from, to))
	var got string
	queryOne(ctx, t, db.DB, `SELECT concat_ws(',', start_value, min_value, increment_by, cache_size, cycle)
		FROM pg_sequences WHERE schemaname = $1 AND sequencename = 'seq2'`, &got, tg.Scope)
	if want := "1,1,3,4,t"; got != want {
		t.Errorf("sequence start,min,increment,cache,cycle = %s, want %s", got, want)
	}
	run(a.AlterSequence(to, from))
	queryOne(ctx, t, db.DB, `SELECT concat_ws(',', start_value, min_value, increment_by, cache_size, cycle)
		FROM pg_sequences WHERE schemaname = $1 AND sequencename = 'seq'`, &got, tg.Scope)
	if want := "10,5,1,1,f"; got != want {
		t.Errorf("sequence after the reverse = %s, want %s", got, want)
	}
}

// TestMariaDBAlterSequence runs ALTER SEQUENCE and the rename on MariaDB.
func TestMariaDBAlterSequence(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "mysql")
	d := db.Dialect
	if !d.Capabilities().Sequences {
		t.Skip("the server has no sequences (MySQL)")
	}
	a := d.(dialect.Alterer)
	run := alterExec(ctx, t, db)
	maxV := int64(1000)
	from := &model.Sequence{Name: "seq", Start: 10, MaxValue: &maxV}
	to := &model.Sequence{Name: "seq2", Increment: 3, Cache: 4, Cycle: true}
	run(d.CreateSequence(from))
	run(a.AlterSequence(from, to))
	var name, create string
	if err := db.QueryRowContext(ctx, "SHOW CREATE SEQUENCE `seq2`").Scan(&name, &create); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"start with 1 ", "increment by 3 ", "cache 4 ", " cycle"} {
		if !strings.Contains(create, want) {
			t.Errorf("SHOW CREATE SEQUENCE lacks %q:\n%s", want, create)
		}
	}
	run(a.AlterSequence(to, from))
	if err := db.QueryRowContext(ctx, "SHOW CREATE SEQUENCE `seq`").Scan(&name, &create); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"start with 10 ", "maxvalue 1000 ", "nocycle"} {
		if !strings.Contains(create, want) {
			t.Errorf("after the reverse, SHOW CREATE SEQUENCE lacks %q:\n%s", want, create)
		}
	}
}
