package dialect

import (
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
)

func TestSQLiteGoldenDDL(t *testing.T) {
	d := SQLite()
	md := sqliteRichModel()
	create, err := CreateAll(d, md)
	if err != nil {
		t.Fatalf("CreateAll: %v", err)
	}
	golden(t, "sqlite/create_all.sql", strings.Join(create, ";\n\n")+";\n")
	drop, err := DropAll(d, md)
	if err != nil {
		t.Fatalf("DropAll: %v", err)
	}
	golden(t, "sqlite/drop_all.sql", strings.Join(drop, ";\n")+";\n")
}

// TestSQLiteCycleStaysInline checks that a foreign-key cycle between tables
// is written inside CREATE TABLE (ForwardForeignKeys) and not refused as an
// ALTER TABLE … ADD CONSTRAINT, which SQLite cannot run.
func TestSQLiteCycleStaysInline(t *testing.T) {
	if !SQLite().Capabilities().ForwardForeignKeys {
		t.Fatal("SQLite must report ForwardForeignKeys")
	}
	create, err := CreateAll(SQLite(), sqliteRichModel())
	if err != nil {
		t.Fatalf("CreateAll: %v", err)
	}
	var depts string
	for _, s := range create {
		if strings.HasPrefix(s, `CREATE TABLE "departments"`) {
			depts = s
		}
		if strings.HasPrefix(s, "ALTER") {
			t.Errorf("unexpected ALTER statement: %s", s)
		}
	}
	if !strings.Contains(depts, `REFERENCES "employees" ("id")`) {
		t.Errorf("departments does not reference employees inline:\n%s", depts)
	}
}

func sqliteTable() *model.Table {
	return &model.Table{
		Name:       "t",
		Columns:    []*model.Column{{Name: "id", Type: model.Integer}, {Name: "name", Type: model.Varchar(20)}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
	}
}

func TestSQLiteStatements(t *testing.T) {
	d := SQLite()
	tbl := sqliteTable()
	inMain := sqliteTable()
	inMain.Schema = "main"
	cases := []struct {
		name string
		run  func() ([]string, error)
		want string
	}{
		{"drop table", func() ([]string, error) { return d.DropTable(tbl) }, `DROP TABLE "t"`},
		{"drop table in schema", func() ([]string, error) { return d.DropTable(inMain) }, `DROP TABLE "main"."t"`},
		{"create index", func() ([]string, error) {
			return d.CreateIndex(tbl, &model.Index{Name: "ix", Parts: model.Cols("name", "id")}, IndexOptions{})
		}, `CREATE INDEX "ix" ON "t" ("name", "id")`},
		{"create unique index if not exists in schema", func() ([]string, error) {
			ix := &model.Index{Name: "ix", Unique: true, Parts: []model.IndexPart{{Column: "name", Desc: true}, {Expr: "id % 10"}}, Where: "id > 0"}
			return d.CreateIndex(inMain, ix, IndexOptions{IfNotExists: true})
		}, `CREATE UNIQUE INDEX IF NOT EXISTS "main"."ix" ON "t" ("name" DESC, (id % 10)) WHERE id > 0`},
		{"drop index", func() ([]string, error) {
			return d.DropIndex(tbl, &model.Index{Name: `i"x`}, IndexOptions{})
		}, `DROP INDEX "i""x"`},
		{"drop index if exists in schema", func() ([]string, error) {
			return d.DropIndex(inMain, &model.Index{Name: "ix"}, IndexOptions{IfExists: true})
		}, `DROP INDEX IF EXISTS "main"."ix"`},
		{"create view", func() ([]string, error) {
			return d.CreateView(&model.View{Schema: "temp", Name: "v", Definition: "SELECT 1 AS one"})
		}, `CREATE VIEW "temp"."v" AS SELECT 1 AS one`},
		{"drop view", func() ([]string, error) { return d.DropView(&model.View{Name: "v"}) }, `DROP VIEW "v"`},
		{"create enum", func() ([]string, error) { return d.CreateEnum(&model.EnumType{Name: "e", Values: []string{"a"}}) }, ``},
		{"drop enum", func() ([]string, error) { return d.DropEnum(&model.EnumType{Name: "e", Values: []string{"a"}}) }, ``},
		{"qualified table keeps REFERENCES unqualified", func() ([]string, error) {
			t := sqliteTable()
			t.Schema = "aux"
			t.Columns = append(t.Columns, &model.Column{Name: "p", Type: model.Integer, Nullable: true})
			t.ForeignKeys = []*model.ForeignKey{{Columns: []string{"p"}, RefTable: "t", RefColumns: []string{"id"}}}
			return d.CreateTable(t)
		}, "CREATE TABLE \"aux\".\"t\" (\n\t\"id\" INTEGER NOT NULL,\n\t\"name\" VARCHAR(20) NOT NULL,\n\t\"p\" INTEGER,\n\tPRIMARY KEY (\"id\"),\n\tFOREIGN KEY (\"p\") REFERENCES \"t\" (\"id\")\n)"},
		{"typeless raw column and expression default", func() ([]string, error) {
			t := sqliteTable()
			t.Columns = append(t.Columns, &model.Column{Name: "at", Type: model.Raw("ANY"), Nullable: true, Default: model.DefaultExpr("datetime('now')")})
			return d.CreateTable(t)
		}, "CREATE TABLE \"t\" (\n\t\"id\" INTEGER NOT NULL,\n\t\"name\" VARCHAR(20) NOT NULL,\n\t\"at\" ANY DEFAULT (datetime('now')),\n\tPRIMARY KEY (\"id\")\n)"},
		{"named autoincrement primary key", func() ([]string, error) {
			t := sqliteTable()
			t.Columns[0].AutoIncrement = true
			t.PrimaryKey.Name = "pk_t"
			return d.CreateTable(t)
		}, "CREATE TABLE \"t\" (\n\t\"id\" INTEGER CONSTRAINT \"pk_t\" PRIMARY KEY AUTOINCREMENT NOT NULL,\n\t\"name\" VARCHAR(20) NOT NULL\n)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.run()
			if err != nil {
				t.Fatal(err)
			}
			if joined := strings.Join(got, ";\n"); joined != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", joined, tc.want)
			}
		})
	}
}

// TestSQLiteRefusals checks every feature SQLite cannot express is refused
// with a clear message naming the object, the feature and what to do.
func TestSQLiteRefusals(t *testing.T) {
	d := SQLite()
	withTable := func(edit func(t *model.Table)) func() error {
		return func() error {
			t := sqliteTable()
			edit(t)
			_, err := CreateAll(d, (&model.MetaData{}).AddTable(t))
			return err
		}
	}
	withIndex := func(ix *model.Index) func() error {
		return withTable(func(t *model.Table) { t.Indexes = []*model.Index{ix} })
	}
	selfFK := func(fk *model.ForeignKey) func(t *model.Table) {
		return func(t *model.Table) {
			t.Columns = append(t.Columns, &model.Column{Name: "parent", Type: model.Integer, Nullable: true})
			fk.Columns, fk.RefTable, fk.RefColumns = []string{"parent"}, "t", []string{"id"}
			t.ForeignKeys = []*model.ForeignKey{fk}
		}
	}
	cases := []struct {
		name        string
		run         func() error
		want        string
		unsupported bool
	}{
		{"table comment", withTable(func(t *model.Table) { t.Comment = "hello" }),
			`sqlite: table "t": a table comment is not supported`, true},
		{"column comment", withTable(func(t *model.Table) { t.Columns[1].Comment = "hello" }),
			`sqlite: column "name" of table "t": a column comment is not supported`, true},
		{"table options", withTable(func(t *model.Table) { t.Options = map[string]string{"STRICT": "", "ENGINE": "InnoDB"} }),
			`sqlite: table "t": table options (ENGINE, STRICT) is not supported; SQLite has no table options`, true},
		{"NOT VALID", withTable(selfFK(&model.ForeignKey{Name: "fk_n", NotValid: true})),
			`sqlite: foreign key "fk_n" on table "t": NOT VALID is not supported; drop NotValid`, true},
		{"foreign key to another database", withTable(selfFK(&model.ForeignKey{Name: "fk_x", RefSchema: "aux"})),
			`sqlite: foreign key "fk_x" on table "t": a reference to another database ("aux") is not supported; SQLite's foreign keys reference tables of the same database only`, true},
		{"INCLUDE", withIndex(&model.Index{Name: "ix_i", Parts: model.Cols("id"), Include: []string{"name"}}),
			`sqlite: index "ix_i" on table "t": INCLUDE columns is not supported; add them as trailing key columns instead`, true},
		{"index method", withIndex(&model.Index{Name: "ix_m", Method: "hash", Parts: model.Cols("name")}),
			`sqlite: index "ix_m" on table "t": index method "hash" is not supported`, true},
		{"prefix length", withIndex(&model.Index{Name: "ix_l", Parts: []model.IndexPart{{Column: "name", Length: 4}}}),
			`sqlite: index "ix_l" on table "t": a prefix length is not supported; index the whole column`, true},
		{"concurrently", func() error {
			_, err := d.CreateIndex(sqliteTable(), &model.Index{Name: "ix", Parts: model.Cols("name")}, IndexOptions{Concurrently: true})
			return err
		}, `sqlite: index "ix" on table "t": CONCURRENTLY is not supported`, true},
		{"sequence", func() error {
			_, err := CreateAll(d, &model.MetaData{Sequences: []*model.Sequence{{Name: "s"}}})
			return err
		}, `create sequence "s": sqlite: sequence "s": a sequence is not supported; SQLite has no sequences; use an INTEGER PRIMARY KEY AUTOINCREMENT column (AutoIncrement)`, true},
		{"drop sequence", func() error {
			_, err := d.DropSequence(&model.Sequence{Schema: "main", Name: "s"})
			return err
		}, `sqlite: sequence "main.s": a sequence is not supported`, true},
		{"add foreign key", func() error {
			_, err := d.AddForeignKey(sqliteTable(), &model.ForeignKey{Name: "fk_a", Columns: []string{"id"}, RefTable: "u", RefColumns: []string{"id"}})
			return err
		}, `sqlite: foreign key "fk_a" on table "t": adding a foreign key to an existing table is not supported; SQLite's ALTER TABLE cannot add or drop constraints; rebuild the table with a batch (move and copy) operation`, true},
		{"drop foreign key", func() error {
			_, err := d.DropForeignKey(sqliteTable(), &model.ForeignKey{Name: "fk_a"})
			return err
		}, `sqlite: foreign key "fk_a" on table "t": dropping a foreign key is not supported; SQLite's ALTER TABLE cannot add or drop constraints; rebuild the table with a batch (move and copy) operation`, true},
		{"without rowid and no primary key", withTable(func(t *model.Table) { t.PrimaryKey, t.WithoutRowID = nil, true }),
			`sqlite: table "t": a WITHOUT ROWID table without a primary key is not supported; declare a primary key`, true},
		{"autoincrement in without rowid", withTable(func(t *model.Table) { t.Columns[0].AutoIncrement, t.WithoutRowID = true, true }),
			`sqlite: column "id" of table "t": AUTOINCREMENT in a WITHOUT ROWID table is not supported`, true},
		{"autoincrement off the primary key", withTable(func(t *model.Table) {
			t.Columns = append(t.Columns, &model.Column{Name: "n", Type: model.Integer, AutoIncrement: true})
		}), `sqlite: column "n" of table "t": AUTOINCREMENT on a column that is not the single-column integer primary key is not supported`, true},
		{"autoincrement on a text key", withTable(func(t *model.Table) {
			t.PrimaryKey.Columns = []string{"name"}
			t.Columns[1].AutoIncrement = true
		}), `sqlite: column "name" of table "t": AUTOINCREMENT on a column that is not the single-column integer primary key`, true},
		{"identity always", withTable(func(t *model.Table) { t.Columns[0].Identity = &model.Identity{Always: true} }),
			`sqlite: column "id" of table "t": GENERATED ALWAYS identity is not supported; SQLite accepts explicit values`, true},
		{"identity start", withTable(func(t *model.Table) { t.Columns[0].Identity = &model.Identity{Start: 100} }),
			`sqlite: column "id" of table "t": identity START WITH 100 is not supported; SQLite's AUTOINCREMENT starts at 1; to start higher, insert a row into sqlite_sequence`, true},
		{"identity increment", withTable(func(t *model.Table) { t.Columns[0].Identity = &model.Identity{Increment: 10} }),
			`sqlite: column "id" of table "t": identity INCREMENT BY 10 is not supported`, true},
		{"interval column", withTable(func(t *model.Table) { t.Columns[1].Type = model.Interval }),
			`sqlite: type interval: an interval type is not supported`, true},
		{"reserved table name", withTable(func(t *model.Table) { t.Name = "SQLite_stuff" }),
			`invalid identifier "SQLite_stuff": sqlite: names beginning with "sqlite_" are reserved`, false},
		{"reserved index name", withIndex(&model.Index{Name: "sqlite_autoindex_t_9", Parts: model.Cols("name")}),
			`reserved for SQLite's internal objects`, false},
		{"NUL in a name", withTable(func(t *model.Table) { t.Columns[1].Name = "a\x00b" }),
			`sqlite: a name cannot contain NUL`, false},
		{"unnamed index", func() error {
			_, err := d.CreateIndex(sqliteTable(), &model.Index{Parts: model.Cols("name")}, IndexOptions{})
			return err
		}, `sqlite: unnamed index on table "t" needs a name`, false},
		{"empty view", func() error {
			_, err := d.CreateView(&model.View{Name: "v"})
			return err
		}, `sqlite: view "v" has no definition`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if err == nil {
				t.Fatalf("no error; want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tc.want)
			}
			var ue *UnsupportedError
			if errors.As(err, &ue) != tc.unsupported {
				t.Errorf("error %q: *UnsupportedError = %v, want %v", err, !tc.unsupported, tc.unsupported)
			}
		})
	}
}

func TestSQLiteVersionCapabilities(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{{"3.54.1", 3_054_001}, {"3.8.2", 3_008_002}, {"3.35", 3_035_000}, {" 3.45.0\n", 3_045_000}} {
		got, err := parseSQLiteVersion(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("parseSQLiteVersion(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "3", "3.x.1", "3.1.2.3", "3.1000.0"} {
		if _, err := parseSQLiteVersion(bad); err == nil {
			t.Errorf("parseSQLiteVersion(%q) succeeded", bad)
		}
	}

	old := &sqliteDialect{version: 3_024_000}
	c := old.Capabilities()
	if c.RenameColumn || c.DropColumn || c.Returning || c.GeneratedStored || c.GeneratedVirtual || !c.WithoutRowID {
		t.Errorf("capabilities of SQLite 3.24 = %+v", c)
	}
	tbl := sqliteTable()
	tbl.Columns = append(tbl.Columns, &model.Column{Name: "g", Type: model.Integer, Nullable: true, Generated: &model.Generated{Expr: "id + 1", Stored: true}})
	if _, err := old.CreateTable(tbl); err == nil || !strings.Contains(err.Error(), `sqlite: column "g" of table "t": a STORED generated column is not supported`) {
		t.Errorf("generated column on SQLite 3.24: %v", err)
	}

	c = SQLite().Capabilities()
	if !c.TransactionalDDL || c.AdvisoryLocks || !c.RenameColumn || !c.DropColumn || !c.Returning ||
		!c.GeneratedStored || !c.GeneratedVirtual || c.AlterColumnType || c.AddConstraint || c.DropConstraint ||
		c.Comments || c.Sequences || c.NotValidForeignKeys || !c.DeferrableForeignKeys || !c.CheckConstraints ||
		!c.Syntax.BacktickIdents || !c.Syntax.BracketIdents || !c.Syntax.BeginEnd || c.Syntax.DollarQuotes ||
		c.MaxIdentifierLength < 1<<16 {
		t.Errorf("capabilities of the bundled SQLite = %+v", c)
	}
}
