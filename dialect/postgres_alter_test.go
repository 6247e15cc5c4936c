package dialect

import (
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
)

// alterCase is one Alterer call and the statements it must produce, or
// the error text it must contain.
type alterCase struct {
	name    string
	run     func(a Alterer) ([]string, error)
	want    []string
	wantErr string
	// unsupported: the error must be an *UnsupportedError.
	unsupported bool
}

func runAlterCases(t *testing.T, a Alterer, cases []alterCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.run(a)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("no error; statements %q", got)
				}
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %q does not contain %q", err, tc.wantErr)
				}
				var ue *UnsupportedError
				if tc.unsupported && !errors.As(err, &ue) {
					t.Fatalf("error %v is not an *UnsupportedError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, ";\n") != strings.Join(tc.want, ";\n") {
				t.Errorf("statements:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func ptr64(v int64) *int64 { return &v }

func TestPostgresAlter(t *testing.T) {
	users := &model.Table{Schema: "app", Name: "users"}
	weird := &model.Table{Name: `we"ird`}
	col := func(name string, typ model.Type, nullable bool) *model.Column {
		return &model.Column{Name: name, Type: typ, Nullable: nullable}
	}
	change := func(from, to *model.Column, using string) func(a Alterer) ([]string, error) {
		return func(a Alterer) ([]string, error) {
			return a.AlterColumn(users, ColumnChange{From: from, To: to, Using: using})
		}
	}
	withDefault := func(c *model.Column, d *model.Default) *model.Column { c.Default = d; return c }
	mood := &model.EnumType{Schema: "app", Name: "mood", Values: []string{"sad", "ok"}}
	cases := []alterCase{
		{name: "rename table", run: func(a Alterer) ([]string, error) { return a.RenameTable(users, "people") },
			want: []string{`ALTER TABLE "app"."users" RENAME TO "people"`}},
		{name: "rename hostile", run: func(a Alterer) ([]string, error) { return a.RenameTable(weird, `x"; DROP TABLE y; --`) },
			want: []string{`ALTER TABLE "we""ird" RENAME TO "x""; DROP TABLE y; --"`}},
		{name: "table comment", run: func(a Alterer) ([]string, error) { return a.SetTableComment(users, "it's") },
			want: []string{`COMMENT ON TABLE "app"."users" IS 'it''s'`}},
		{name: "drop table comment", run: func(a Alterer) ([]string, error) { return a.SetTableComment(users, "") },
			want: []string{`COMMENT ON TABLE "app"."users" IS NULL`}},
		{name: "add column", run: func(a Alterer) ([]string, error) {
			return a.AddColumn(users, &model.Column{Name: "age", Type: model.Integer, Default: model.DefaultLiteral(int64(0)), Comment: "years"})
		}, want: []string{
			`ALTER TABLE "app"."users" ADD COLUMN "age" integer DEFAULT 0 NOT NULL`,
			`COMMENT ON COLUMN "app"."users"."age" IS 'years'`,
		}},
		{name: "add identity column", run: func(a Alterer) ([]string, error) {
			return a.AddColumn(users, &model.Column{Name: "n", Type: model.BigInt, Identity: &model.Identity{Always: true}})
		}, want: []string{`ALTER TABLE "app"."users" ADD COLUMN "n" bigint GENERATED ALWAYS AS IDENTITY NOT NULL`}},
		{name: "add column without type", run: func(a Alterer) ([]string, error) {
			return a.AddColumn(users, &model.Column{Name: "x"})
		}, wantErr: `column "x" has no type`},
		{name: "drop column", run: func(a Alterer) ([]string, error) { return a.DropColumn(users, &model.Column{Name: "age"}) },
			want: []string{`ALTER TABLE "app"."users" DROP COLUMN "age"`}},
		{name: "rename column", run: func(a Alterer) ([]string, error) { return a.RenameColumn(users, "a", "b") },
			want: []string{`ALTER TABLE "app"."users" RENAME COLUMN "a" TO "b"`}},
		{name: "widen varchar", run: change(col("s", model.Varchar(10), true), col("s", model.Varchar(50), true), ""),
			want: []string{`ALTER TABLE "app"."users" ALTER COLUMN "s" TYPE varchar(50)`}},
		{name: "synonym type is no change", run: change(col("n", model.Integer, true), col("n", model.Raw("int4"), true), ""),
			want: nil},
		{name: "type with using", run: change(col("m", model.Text, true), col("m", model.Enum("mood"), true), `"m"::mood`),
			want: []string{`ALTER TABLE "app"."users" ALTER COLUMN "m" TYPE "mood" USING "m"::mood`}},
		{name: "type change around a default", run: change(
			withDefault(col("n", model.Integer, false), model.DefaultLiteral(int64(1))),
			withDefault(col("n", model.BigInt, false), model.DefaultLiteral(int64(1))), ""),
			want: []string{
				`ALTER TABLE "app"."users" ALTER COLUMN "n" DROP DEFAULT`,
				`ALTER TABLE "app"."users" ALTER COLUMN "n" TYPE bigint`,
				`ALTER TABLE "app"."users" ALTER COLUMN "n" SET DEFAULT 1`,
			}},
		{name: "nullability", run: change(col("n", model.Integer, true), col("n", model.Integer, false), ""),
			want: []string{`ALTER TABLE "app"."users" ALTER COLUMN "n" SET NOT NULL`}},
		{name: "drop not null", run: change(col("n", model.Integer, false), col("n", model.Integer, true), ""),
			want: []string{`ALTER TABLE "app"."users" ALTER COLUMN "n" DROP NOT NULL`}},
		{name: "set default expr", run: change(col("t", model.TimestampTZ, true),
			withDefault(col("t", model.TimestampTZ, true), model.DefaultExpr("now()")), ""),
			want: []string{`ALTER TABLE "app"."users" ALTER COLUMN "t" SET DEFAULT now()`}},
		{name: "drop default", run: change(withDefault(col("s", model.Text, true), model.DefaultLiteral("x")), col("s", model.Text, true), ""),
			want: []string{`ALTER TABLE "app"."users" ALTER COLUMN "s" DROP DEFAULT`}},
		{name: "rename and retype", run: change(col("a", model.Integer, true), col("b", model.BigInt, true), ""),
			want: []string{
				`ALTER TABLE "app"."users" RENAME COLUMN "a" TO "b"`,
				`ALTER TABLE "app"."users" ALTER COLUMN "b" TYPE bigint`,
			}},
		{name: "collation", run: change(col("s", model.Text, true), &model.Column{Name: "s", Type: model.Text, Nullable: true, Collation: "C"}, ""),
			want: []string{`ALTER TABLE "app"."users" ALTER COLUMN "s" TYPE text COLLATE "C"`}},
		{name: "comment only, name only", run: change(&model.Column{Name: "s"}, &model.Column{Name: "s", Comment: "hi"}, ""),
			want: []string{`COMMENT ON COLUMN "app"."users"."s" IS 'hi'`}},
		{name: "add identity", run: change(col("id", model.BigInt, true), &model.Column{Name: "id", Type: model.BigInt, Identity: &model.Identity{Start: 10}}, ""),
			want: []string{
				`ALTER TABLE "app"."users" ALTER COLUMN "id" SET NOT NULL`,
				`ALTER TABLE "app"."users" ALTER COLUMN "id" ADD GENERATED BY DEFAULT AS IDENTITY (START WITH 10)`,
			}},
		{name: "autoincrement to none", run: change(&model.Column{Name: "id", Type: model.BigInt, AutoIncrement: true}, col("id", model.BigInt, false), ""),
			want: []string{`ALTER TABLE "app"."users" ALTER COLUMN "id" DROP IDENTITY`}},
		{name: "identity options", run: change(
			&model.Column{Name: "id", Type: model.BigInt, Identity: &model.Identity{}},
			&model.Column{Name: "id", Type: model.BigInt, Identity: &model.Identity{Always: true, Increment: 2}}, ""),
			want: []string{`ALTER TABLE "app"."users" ALTER COLUMN "id" SET GENERATED ALWAYS SET INCREMENT BY 2`}},
		{name: "identity same", run: change(
			&model.Column{Name: "id", Type: model.BigInt, AutoIncrement: true},
			&model.Column{Name: "id", Type: model.BigInt, Identity: &model.Identity{Start: 1}}, ""),
			want: nil},
		{name: "drop generation", run: change(
			&model.Column{Name: "g", Type: model.Integer, Nullable: true, Generated: &model.Generated{Expr: "a*2", Stored: true}},
			col("g", model.Integer, true), ""),
			want: []string{`ALTER TABLE "app"."users" ALTER COLUMN "g" DROP EXPRESSION`}},
		{name: "add generation refused", run: change(col("g", model.Integer, true),
			&model.Column{Name: "g", Type: model.Integer, Nullable: true, Generated: &model.Generated{Expr: "a*2", Stored: true}}, ""),
			wantErr: "generated", unsupported: true},
		{name: "add primary key", run: func(a Alterer) ([]string, error) {
			return a.AddPrimaryKey(users, &model.PrimaryKey{Name: "pk_users", Columns: []string{"id", "tenant"}})
		}, want: []string{`ALTER TABLE "app"."users" ADD CONSTRAINT "pk_users" PRIMARY KEY ("id", "tenant")`}},
		{name: "drop primary key default name", run: func(a Alterer) ([]string, error) { return a.DropPrimaryKey(users, nil) },
			want: []string{`ALTER TABLE "app"."users" DROP CONSTRAINT "users_pkey"`}},
		{name: "add unique", run: func(a Alterer) ([]string, error) {
			return a.AddUnique(users, &model.Unique{Name: "uq", Columns: []string{"email"}})
		}, want: []string{`ALTER TABLE "app"."users" ADD CONSTRAINT "uq" UNIQUE ("email")`}},
		{name: "drop unique", run: func(a Alterer) ([]string, error) { return a.DropUnique(users, &model.Unique{Name: "uq"}) },
			want: []string{`ALTER TABLE "app"."users" DROP CONSTRAINT "uq"`}},
		{name: "drop unnamed unique", run: func(a Alterer) ([]string, error) { return a.DropUnique(users, &model.Unique{}) },
			wantErr: "needs a name"},
		{name: "add check", run: func(a Alterer) ([]string, error) {
			return a.AddCheck(users, &model.Check{Name: "ck", Expr: "age >= 0"})
		}, want: []string{`ALTER TABLE "app"."users" ADD CONSTRAINT "ck" CHECK (age >= 0)`}},
		{name: "add check not valid", run: func(a Alterer) ([]string, error) {
			return a.(NotValidChecker).AddCheckNotValid(users, &model.Check{Name: "ck", Expr: "age >= 0"})
		}, want: []string{`ALTER TABLE "app"."users" ADD CONSTRAINT "ck" CHECK (age >= 0) NOT VALID`}},
		{name: "drop check", run: func(a Alterer) ([]string, error) { return a.DropCheck(users, &model.Check{Name: "ck"}) },
			want: []string{`ALTER TABLE "app"."users" DROP CONSTRAINT "ck"`}},
		{name: "add enum value", run: func(a Alterer) ([]string, error) { return a.AddEnumValue(mood, "happy", "", "ok") },
			want: []string{`ALTER TYPE "app"."mood" ADD VALUE 'happy' AFTER 'ok'`}},
		{name: "add enum value before", run: func(a Alterer) ([]string, error) { return a.AddEnumValue(mood, "it's", "sad", "") },
			want: []string{`ALTER TYPE "app"."mood" ADD VALUE 'it''s' BEFORE 'sad'`}},
		{name: "add enum value both", run: func(a Alterer) ([]string, error) { return a.AddEnumValue(mood, "x", "sad", "ok") },
			wantErr: "not both"},
		{name: "rename enum value", run: func(a Alterer) ([]string, error) { return a.RenameEnumValue(mood, "ok", "fine") },
			want: []string{`ALTER TYPE "app"."mood" RENAME VALUE 'ok' TO 'fine'`}},
		{name: "alter sequence", run: func(a Alterer) ([]string, error) {
			return a.AlterSequence(&model.Sequence{Name: "s", Start: 5, MinValue: ptr64(1)},
				&model.Sequence{Name: "s2", Increment: 2, Cache: 10, Cycle: true})
		}, want: []string{
			`ALTER SEQUENCE "s" INCREMENT BY 2 NO MINVALUE START WITH 1 CACHE 10 CYCLE`,
			`ALTER SEQUENCE "s" RENAME TO "s2"`,
		}},
		{name: "alter sequence owner", run: func(a Alterer) ([]string, error) {
			return a.AlterSequence(&model.Sequence{Schema: "app", Name: "s", OwnedBy: "t.id"}, &model.Sequence{Schema: "app", Name: "s"})
		}, want: []string{`ALTER SEQUENCE "app"."s" OWNED BY NONE`}},
		{name: "alter sequence unchanged", run: func(a Alterer) ([]string, error) {
			return a.AlterSequence(&model.Sequence{Name: "s", Start: 1}, &model.Sequence{Name: "s"})
		}, want: nil},
	}
	runAlterCases(t, Postgres().(Alterer), cases)
}

func TestPostgresAddEnumValueInTransaction(t *testing.T) {
	for _, tc := range []struct {
		version int
		want    bool
	}{{110000, false}, {120000, true}, {150000, true}} {
		if got := AddEnumValueInTransaction(&postgresDialect{version: tc.version}); got != tc.want {
			t.Errorf("version %d: got %v, want %v", tc.version, got, tc.want)
		}
	}
	if !AddEnumValueInTransaction(SQLite()) {
		t.Error("a dialect that does not say otherwise must allow it")
	}
}
