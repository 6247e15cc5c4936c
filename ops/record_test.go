package ops_test

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/query"
)

func TestRecordingOp(t *testing.T) {
	d, err := dialect.ForName("postgres")
	if err != nil {
		t.Fatal(err)
	}
	var got []ops.Recorded
	op := ops.NewRecordingOp(d, func(r ops.Recorded) error { got = append(got, r); return nil })
	if !op.Offline() || !op.Recording() {
		t.Fatalf("a recording Op is offline and recording")
	}
	ctx := context.Background()
	_, file, line, _ := runtime.Caller(0)
	err = op.Run(ctx, // line+1
		ops.DropColumn{Table: "users", Column: "bio"},
		ops.AddColumn{Table: "users", Column: &model.Column{Name: "x", Type: model.Text, Nullable: true}},
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := op.Execute(ctx, "SET lock_timeout = '5s'"); err != nil { // line+8
		t.Fatal(err)
	}
	if _, err := op.Exec(ctx, query.Update(query.T("users")).Set(query.Set("x", "a"))); err != nil { // line+11
		t.Fatal(err)
	}
	var n int
	err = op.QueryRow(ctx, query.Select(query.Count()).From(query.T("users")), &n)
	var ro *ops.ReadOfflineError
	if !errors.As(err, &ro) {
		t.Errorf("a read while recording: got %v, want a *ops.ReadOfflineError", err)
	}
	if len(got) != 4 {
		t.Fatalf("recorded %d things, want 4: %+v", len(got), got)
	}
	wantLines := []int{line + 1, line + 1, line + 8, line + 11}
	for i, r := range got {
		if len(r.Callers) == 0 || filepath.Base(r.Callers[0].File) != filepath.Base(file) || r.Callers[0].Line != wantLines[i] {
			t.Errorf("record %d: callers %+v, want first %s:%d", i, r.Callers, filepath.Base(file), wantLines[i])
		}
	}
	if _, ok := got[0].Operation.(ops.DropColumn); !ok || got[1].Index != 1 {
		t.Errorf("operations: %+v", got[:2])
	}
	if got[2].SQL != "SET lock_timeout = '5s'" || got[3].SQL != `UPDATE "users" SET "x" = 'a'` {
		t.Errorf("statements: %q, %q", got[2].SQL, got[3].SQL)
	}
}
