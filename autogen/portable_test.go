package autogen

import (
	"context"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// TestRevisionRunsOnEveryDatabase: the operations autogenerate writes on
// one database, from a Go model, run on the other two and leave nothing
// to compare there, as a team that develops on SQLite and deploys on
// PostgreSQL needs. They are the model's words, not one database's normal
// form: SQLite keeps a bigint auto-increment key as INTEGER and a boolean
// default false as 0, which PostgreSQL would get as an integer key and
// DEFAULT 0 on a boolean.
func TestRevisionRunsOnEveryDatabase(t *testing.T) {
	accounts := func() *model.MetaData {
		return (&model.MetaData{}).AddTable(&model.Table{
			Name: "accounts",
			Columns: []*model.Column{
				{Name: "id", Type: model.BigInt, AutoIncrement: true},
				{Name: "active", Type: model.Boolean, Default: model.DefaultLiteral(true)},
			},
			PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		})
	}
	// withEnums declares the enum types the columns use, as
	// model.MetaData.AddStruct does for a type=enum name(…) tag.
	withEnums := func(md *model.MetaData, es ...*model.EnumType) *model.MetaData {
		md.Enums = append(md.Enums, es...)
		return md
	}
	status := &model.EnumType{Name: "account_status", Values: []string{"active", "banned"}}
	state := &model.EnumType{Name: "invoice_state", Values: []string{"open", "paid"}}
	cases := []struct {
		name   string
		v1, v2 func() *model.MetaData
	}{
		{"types and defaults", accounts, func() *model.MetaData {
			md := accounts()
			md.Tables[0].Columns = append(md.Tables[0].Columns,
				&model.Column{Name: "deleted", Type: model.Boolean, Default: model.DefaultLiteral(false)},
				&model.Column{Name: "motto", Type: model.Varchar(40), Default: model.DefaultLiteral("it's")},
				&model.Column{Name: "visits", Type: model.BigInt, Default: model.DefaultLiteral(int64(0))})
			return md
		}},
		// SQLite and MySQL keep no enum type names: the revision written
		// there names the model's types and creates them, which
		// PostgreSQL needs; a second column of a type creates nothing.
		{"named enum types", func() *model.MetaData {
			md := withEnums(accounts(), status)
			md.Tables[0].Columns = append(md.Tables[0].Columns,
				&model.Column{Name: "status", Type: model.Enum("account_status", "active", "banned"), Default: model.DefaultLiteral("active")})
			return md
		}, func() *model.MetaData {
			md := withEnums(accounts(), status, state)
			md.Tables[0].Columns = append(md.Tables[0].Columns,
				&model.Column{Name: "status", Type: model.Enum("account_status", "active", "banned"), Default: model.DefaultLiteral("active")},
				&model.Column{Name: "previous_status", Type: model.Enum("account_status", "active", "banned"), Nullable: true})
			return md.AddTable(&model.Table{
				Name: "invoices",
				Columns: []*model.Column{
					{Name: "id", Type: model.BigInt, AutoIncrement: true},
					{Name: "state", Type: model.Enum("invoice_state", "open", "paid")},
				},
				PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
			})
		}},
	}
	ctx := context.Background()
	inspectDB := func(t *testing.T, db *dialect.DB) *model.MetaData {
		t.Helper()
		cur, err := inspect.Database(ctx, db, inspect.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return cur
	}
	compare := func(t *testing.T, db *dialect.DB, target *model.MetaData) []ops.Operation {
		t.Helper()
		res, err := Compare(inspectDB(t, db), target, Options{Dialect: db.Dialect})
		if err != nil {
			t.Fatal(err)
		}
		return res.Ops
	}
	run := func(t *testing.T, db *dialect.DB, list []ops.Operation) {
		t.Helper()
		o := ops.NewOp(db.Dialect, db)
		o.LiveTable = liveTable(db)
		if err := o.Run(ctx, list...); err != nil {
			t.Fatalf("on %s: %v\noperations: %s", db.Dialect.Name(), err, opNames(list))
		}
	}
	for _, tc := range cases {
		for _, from := range testdb.Dialects {
			t.Run(tc.name+"/from "+from, func(t *testing.T) {
				t.Parallel()
				src, _ := testdb.Open(t, from)
				up1 := compare(t, src, tc.v1())
				run(t, src, up1)
				before := inspectDB(t, src)
				up2 := compare(t, src, tc.v2())
				if len(up2) == 0 {
					t.Fatal("no operations for the new columns")
				}
				down2, err := Downgrade(before, up2)
				if err != nil {
					t.Fatal(err)
				}
				for _, to := range testdb.Dialects {
					t.Run("to "+to, func(t *testing.T) {
						dst, _ := testdb.Open(t, to)
						run(t, dst, up1)
						run(t, dst, up2)
						if left := compare(t, dst, tc.v2()); len(left) > 0 {
							t.Errorf("after the revision written on %s, %s still differs from the model: %s", from, to, opNames(left))
						}
						run(t, dst, down2)
						if left := compare(t, dst, tc.v1()); len(left) > 0 {
							t.Errorf("after the downgrade written on %s, %s still differs from the model before it: %s", from, to, opNames(left))
						}
					})
				}
			})
		}
	}
}
