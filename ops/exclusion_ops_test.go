package ops

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// testExclusion is a GiST exclusion constraint with an expression key and
// a predicate.
func testExclusion() *model.Exclusion {
	return &model.Exclusion{Name: "rooms_no_overlap", Method: "gist", Where: "active",
		Elements: []model.ExclusionElement{{IndexPart: model.IndexPart{Column: "room"}, Operator: "="},
			{IndexPart: model.IndexPart{Expr: "tsrange(starts, ends)"}, Operator: "&&"}}}
}

func TestExclusionOpsStatements(t *testing.T) {
	ctx := context.Background()
	pg := &Context{Dialect: dialect.Postgres()}
	cases := []struct {
		name string
		op   Operation
		want string
	}{
		{"create", CreateExclusion{Schema: "app", Table: "rooms", Exclusion: testExclusion()},
			`ALTER TABLE "app"."rooms" ADD CONSTRAINT "rooms_no_overlap" EXCLUDE USING gist ("room" WITH =, (tsrange(starts, ends)) WITH &&) WHERE (active)`},
		{"drop", DropExclusion{Schema: "app", Table: "rooms", Constraint: "rooms_no_overlap"},
			`ALTER TABLE "app"."rooms" DROP CONSTRAINT "rooms_no_overlap"`},
		{"drop by the carried name", DropExclusion{Table: "rooms", Existing: testExclusion()},
			`ALTER TABLE "rooms" DROP CONSTRAINT "rooms_no_overlap"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := tc.op.Statements(ctx, pg)
			if err != nil {
				t.Fatal(err)
			}
			if len(stmts) != 1 || stmts[0].SQL != tc.want {
				t.Fatalf("got %+v, want %s", stmts, tc.want)
			}
		})
	}
}

func TestExclusionOpsRefused(t *testing.T) {
	ctx := context.Background()
	for _, d := range []dialect.Dialect{dialect.SQLite(), dialect.MySQL(), dialect.MariaDB()} {
		for _, op := range []Operation{
			CreateExclusion{Table: "rooms", Exclusion: testExclusion()},
			DropExclusion{Table: "rooms", Constraint: "rooms_no_overlap"},
		} {
			_, err := op.Statements(ctx, &Context{Dialect: d})
			var ue *dialect.UnsupportedError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), "rooms_no_overlap") {
				t.Errorf("%s on %s: got %v, want a refusal naming the constraint", op.Name(), d.Name(), err)
			}
		}
	}
	for _, op := range []Operation{CreateExclusion{Table: "rooms"}, DropExclusion{Table: "rooms"}} {
		if _, err := op.Statements(ctx, &Context{Dialect: dialect.Postgres()}); err == nil {
			t.Errorf("%s without a constraint: no error", op.Name())
		}
	}
}

func TestExclusionOpsApplyReverse(t *testing.T) {
	md := (&model.MetaData{}).AddTable(&model.Table{Name: "rooms", Columns: []*model.Column{{Name: "room", Type: model.Integer}}})
	create := CreateExclusion{Table: "rooms", Exclusion: testExclusion()}
	if err := create.Apply(md); err != nil {
		t.Fatal(err)
	}
	if got := md.Table("", "rooms").Exclusions; len(got) != 1 || !reflect.DeepEqual(got[0], testExclusion()) {
		t.Fatalf("after create: %+v", got)
	}
	if err := create.Apply(md); err == nil {
		t.Fatal("adding the constraint twice: no error")
	}
	rev, err := create.Reverse()
	if err != nil {
		t.Fatal(err)
	}
	drop, ok := rev.(DropExclusion)
	if !ok || drop.Constraint != "rooms_no_overlap" || !reflect.DeepEqual(drop.Existing, testExclusion()) {
		t.Fatalf("reverse: %#v", rev)
	}
	if err := drop.Apply(md); err != nil {
		t.Fatal(err)
	}
	if n := len(md.Table("", "rooms").Exclusions); n != 0 {
		t.Fatalf("after drop: %d exclusion constraints", n)
	}
	back, err := drop.Reverse()
	if err != nil || !reflect.DeepEqual(back, create) {
		t.Fatalf("reverse of the drop: %#v, %v", back, err)
	}
	if _, err := (DropExclusion{Table: "rooms", Constraint: "x"}).Reverse(); err == nil {
		t.Fatal("a drop without its definition reversed")
	}
	src, err := drop.GoSource()
	if err != nil || !strings.HasPrefix(src, "ops.DropExclusion{") || !strings.Contains(src, `Method: "gist"`) {
		t.Fatalf("GoSource: %s, %v", src, err)
	}
}
