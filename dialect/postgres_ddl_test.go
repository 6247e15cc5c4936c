package dialect

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
)

// TestPostgresGolden renders CreateAll and DropAll of the rich model and
// compares them with testdata/postgres/*.sql (go test -update rewrites them).
func TestPostgresGolden(t *testing.T) {
	d := Postgres()
	md := postgresRichModel("app")
	create, err := CreateAll(d, md)
	if err != nil {
		t.Fatalf("CreateAll: %v", err)
	}
	golden(t, "postgres/create_all.sql", strings.Join(create, ";\n\n")+";\n")
	drop, err := DropAll(d, md)
	if err != nil {
		t.Fatalf("DropAll: %v", err)
	}
	golden(t, "postgres/drop_all.sql", strings.Join(drop, ";\n")+";\n")
}

func TestPostgresStatements(t *testing.T) {
	d := Postgres()
	tbl := &model.Table{
		Schema:  "s",
		Name:    "t",
		Columns: []*model.Column{{Name: "id", Type: model.Integer}, {Name: "name", Type: model.Text}},
	}
	ix := &model.Index{Name: "ix_t", Unique: true, Parts: []model.IndexPart{{Column: "name", Desc: true}, {Expr: "lower(name)"}}, Method: "btree"}
	fk := &model.ForeignKey{Name: "fk_t", Columns: []string{"id"}, RefTable: "u", RefColumns: []string{"id"}, NotValid: true}
	start := int64(-5)
	tests := []struct {
		name string
		got  func() ([]string, error)
		want []string
	}{
		{"create index concurrently", func() ([]string, error) {
			return d.CreateIndex(tbl, ix, IndexOptions{Concurrently: true, IfNotExists: true})
		}, []string{`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "ix_t" ON "s"."t" USING btree ("name" DESC, (lower(name)))`}},
		{"drop index concurrently", func() ([]string, error) {
			return d.DropIndex(tbl, ix, IndexOptions{Concurrently: true, IfExists: true})
		}, []string{`DROP INDEX CONCURRENTLY IF EXISTS "s"."ix_t"`}},
		{"drop index", func() ([]string, error) { return d.DropIndex(&model.Table{Name: "t"}, ix, IndexOptions{}) },
			[]string{`DROP INDEX "ix_t"`}},
		{"add foreign key not valid", func() ([]string, error) { return d.AddForeignKey(tbl, fk) },
			[]string{`ALTER TABLE "s"."t" ADD CONSTRAINT "fk_t" FOREIGN KEY ("id") REFERENCES "s"."u" ("id") NOT VALID`}},
		{"drop foreign key", func() ([]string, error) { return d.DropForeignKey(tbl, fk) },
			[]string{`ALTER TABLE "s"."t" DROP CONSTRAINT "fk_t"`}},
		{"create table with a not valid foreign key", func() ([]string, error) {
			t2 := *tbl
			t2.ForeignKeys = []*model.ForeignKey{fk}
			return d.CreateTable(&t2)
		}, []string{
			"CREATE TABLE \"s\".\"t\" (\n\t\"id\" integer NOT NULL,\n\t\"name\" text NOT NULL\n)",
			`ALTER TABLE "s"."t" ADD CONSTRAINT "fk_t" FOREIGN KEY ("id") REFERENCES "s"."u" ("id") NOT VALID`,
		}},
		{"tablespace option", func() ([]string, error) {
			t2 := *tbl
			t2.Options = map[string]string{"TABLESPACE": "fast"}
			return d.CreateTable(&t2)
		}, []string{"CREATE TABLE \"s\".\"t\" (\n\t\"id\" integer NOT NULL,\n\t\"name\" text NOT NULL\n) TABLESPACE \"fast\""}},
		{"drop table", func() ([]string, error) { return d.DropTable(tbl) }, []string{`DROP TABLE "s"."t"`}},
		{"enum", func() ([]string, error) {
			return d.CreateEnum(&model.EnumType{Name: "e", Values: []string{"a", "b'c"}})
		},
			[]string{`CREATE TYPE "e" AS ENUM ('a', 'b''c')`}},
		{"drop enum", func() ([]string, error) { return d.DropEnum(&model.EnumType{Schema: "s", Name: "e"}) },
			[]string{`DROP TYPE "s"."e"`}},
		{"bare sequence", func() ([]string, error) { return d.CreateSequence(&model.Sequence{Name: "q"}) },
			[]string{`CREATE SEQUENCE "q"`}},
		{"owned sequence", func() ([]string, error) {
			return d.CreateSequence(&model.Sequence{Schema: "s", Name: "q", Start: -5, MinValue: &start, OwnedBy: "t.id"})
		}, []string{`CREATE SEQUENCE "s"."q" MINVALUE -5 START WITH -5 OWNED BY "s"."t"."id"`}},
		{"set owner", func() ([]string, error) {
			return d.(*postgresDialect).setSequenceOwner(&model.Sequence{Name: "q", OwnedBy: "t.id"})
		},
			[]string{`ALTER SEQUENCE "q" OWNED BY "t"."id"`}},
		{"release owner", func() ([]string, error) { return d.(*postgresDialect).setSequenceOwner(&model.Sequence{Name: "q"}) },
			[]string{`ALTER SEQUENCE "q" OWNED BY NONE`}},
		{"drop sequence", func() ([]string, error) { return d.DropSequence(&model.Sequence{Name: "q"}) },
			[]string{`DROP SEQUENCE "q"`}},
		{"view", func() ([]string, error) { return d.CreateView(&model.View{Name: "v", Definition: " SELECT 1 ;\n"}) },
			[]string{`CREATE VIEW "v" AS SELECT 1`}},
		{"drop view", func() ([]string, error) { return d.DropView(&model.View{Schema: "s", Name: "v"}) },
			[]string{`DROP VIEW "s"."v"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.got()
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("got %q, %v\nwant %q", got, err, tt.want)
			}
		})
	}
}

// TestPostgresRefuses checks that what PostgreSQL cannot do, or what is
// malformed, is refused before reaching the server, with an error that
// says where.
func TestPostgresRefuses(t *testing.T) {
	d := Postgres()
	base := func() *model.Table {
		return &model.Table{Name: "t", Columns: []*model.Column{{Name: "id", Type: model.Integer}, {Name: "name", Type: model.Text}}}
	}
	tests := []struct {
		name        string
		run         func() error
		unsupported bool
		want        string
	}{
		{"virtual generated column", func() error {
			tb := base()
			tb.Columns[1].Generated = &model.Generated{Expr: "id + 1"}
			_, err := d.CreateTable(tb)
			return err
		}, true, `column "name" of table "t": a VIRTUAL generated column is not supported`},
		{"without rowid", func() error {
			tb := base()
			tb.WithoutRowID = true
			_, err := d.CreateTable(tb)
			return err
		}, true, "WITHOUT ROWID"},
		{"table option", func() error {
			tb := base()
			tb.Options = map[string]string{"ENGINE": "InnoDB"}
			_, err := d.CreateTable(tb)
			return err
		}, true, `table option "ENGINE" is not supported`},
		{"prefix length", func() error {
			_, err := d.CreateIndex(base(), &model.Index{Name: "ix", Parts: []model.IndexPart{{Column: "name", Length: 4}}}, IndexOptions{})
			return err
		}, true, "a prefix length is not supported"},
		{"unknown index method", func() error {
			_, err := d.CreateIndex(base(), &model.Index{Name: "ix", Method: "rtree", Parts: model.Cols("name")}, IndexOptions{})
			return err
		}, true, `index method "rtree"`},
		{"unnamed index", func() error {
			_, err := d.CreateIndex(base(), &model.Index{Parts: model.Cols("name")}, IndexOptions{})
			return err
		}, false, "needs a name"},
		{"enum without a type name", func() error {
			tb := base()
			tb.Columns[1].Type = model.Type{Kind: model.KindEnum, Values: []string{"a"}}
			_, err := d.CreateTable(tb)
			return err
		}, true, "an enum without a type name"},
		{"identity on text", func() error {
			tb := base()
			tb.Columns[1].Identity = &model.Identity{}
			_, err := d.CreateTable(tb)
			return err
		}, false, "identity needs smallint, integer or bigint"},
		{"identity with default", func() error {
			tb := base()
			tb.Columns[0].AutoIncrement = true
			tb.Columns[0].Default = model.DefaultLiteral(int64(1))
			_, err := d.CreateTable(tb)
			return err
		}, false, "cannot have a default"},
		{"NUL in a comment", func() error {
			tb := base()
			tb.Comment = "a\x00b"
			_, err := d.CreateTable(tb)
			return err
		}, false, "NUL"},
		{"NUL in a column name", func() error {
			tb := base()
			tb.Columns[1].Name = "a\x00b"
			_, err := d.CreateTable(tb)
			return err
		}, false, "NUL"},
		{"bad owner", func() error {
			_, err := d.CreateSequence(&model.Sequence{Name: "q", OwnedBy: "nocolumn"})
			return err
		}, false, `must be "table.column"`},
		{"long enum label", func() error {
			_, err := d.CreateEnum(&model.EnumType{Name: "e", Values: []string{strings.Repeat("x", 64)}})
			return err
		}, false, "1 to 63 bytes"},
		{"empty view", func() error {
			_, err := d.CreateView(&model.View{Name: "v", Definition: " ; "})
			return err
		}, false, "no definition"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "postgres: ") {
				t.Errorf("error %q does not start with postgres:", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			var ue *UnsupportedError
			if errors.As(err, &ue) != tt.unsupported {
				t.Errorf("error %q: *UnsupportedError = %v, want %v", err, !tt.unsupported, tt.unsupported)
			}
		})
	}
}

func TestPostgresCapabilitiesByVersion(t *testing.T) {
	tests := []struct {
		version                                         int
		include, identity, stored, virtual, beginAtomic bool
	}{
		{100000, false, true, false, false, false},
		{110000, true, true, false, false, false},
		{120000, true, true, true, false, false},
		{140000, true, true, true, false, true},
		{150020, true, true, true, false, true},
		{180000, true, true, true, true, true},
	}
	for _, tt := range tests {
		c := postgresCapabilities(tt.version)
		got := []bool{c.IndexInclude, c.IdentityColumns, c.GeneratedStored, c.GeneratedVirtual, c.Syntax.BeginEnd}
		want := []bool{tt.include, tt.identity, tt.stored, tt.virtual, tt.beginAtomic}
		if !slices.Equal(got, want) {
			t.Errorf("version %d: include, identity, stored, virtual, begin atomic = %v; want %v", tt.version, got, want)
		}
		if !c.TransactionalDDL || !c.NamedEnumTypes || c.InlineEnums || c.IndexPrefixLengths || c.WithoutRowID ||
			c.MaxIdentifierLength != 63 || !c.Syntax.DollarQuotes || c.Syntax.BackslashEscapes || c.Syntax.BacktickIdents {
			t.Errorf("version %d: wrong fixed capabilities: %+v", tt.version, c)
		}
	}
	d := Postgres()
	if d.Name() != "postgres" || d.Capabilities().GeneratedVirtual || !d.Capabilities().GeneratedStored {
		t.Errorf("Postgres() = %s with %+v; want the PostgreSQL 15 capabilities", d.Name(), d.Capabilities())
	}
	// The method list is a copy: a caller changing it changes nothing.
	d.Capabilities().IndexMethods[0] = "x"
	if d.Capabilities().IndexMethods[0] != "btree" {
		t.Error("Capabilities().IndexMethods is shared")
	}
}

// TestPostgresVirtualGenerated renders VIRTUAL for PostgreSQL 18.
func TestPostgresVirtualGenerated(t *testing.T) {
	d := &postgresDialect{version: 180000}
	tb := &model.Table{Name: "t", Columns: []*model.Column{
		{Name: "a", Type: model.Integer},
		{Name: "b", Type: model.Integer, Nullable: true, Generated: &model.Generated{Expr: "a + 1"}},
	}}
	got, err := d.CreateTable(tb)
	want := "CREATE TABLE \"t\" (\n\t\"a\" integer NOT NULL,\n\t\"b\" integer GENERATED ALWAYS AS (a + 1) VIRTUAL\n)"
	if err != nil || len(got) != 1 || got[0] != want {
		t.Errorf("CreateTable = %q, %v; want %q", got, err, want)
	}
}
