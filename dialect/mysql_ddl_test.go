package dialect

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
)

// TestMySQLGolden renders CreateAll and DropAll of the rich model for MySQL
// 8 and MariaDB and compares them with testdata/mysql/*.sql
// (go test ./dialect -run MySQLGolden -update rewrites them).
func TestMySQLGolden(t *testing.T) {
	for name, d := range map[string]Dialect{"mysql8": MySQL(), "mariadb": MariaDB()} {
		t.Run(name, func(t *testing.T) {
			md := mysqlRichModel(d)
			create, err := CreateAll(d, md)
			if err != nil {
				t.Fatalf("CreateAll: %v", err)
			}
			golden(t, "mysql/create_all_"+name+".sql", strings.Join(create, ";\n\n")+";\n")
			drop, err := DropAll(d, md)
			if err != nil {
				t.Fatalf("DropAll: %v", err)
			}
			golden(t, "mysql/drop_all_"+name+".sql", strings.Join(drop, ";\n")+";\n")
		})
	}
}

func mysqlTestTable() *model.Table {
	return &model.Table{
		Name: "t",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer},
			{Name: "name", Type: model.Varchar(20)},
			{Name: "parent", Type: model.Integer, Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
	}
}

// TestMySQLStatements checks single statements, mostly where MySQL and
// MariaDB differ.
func TestMySQLStatements(t *testing.T) {
	mysql, maria := MySQL(), MariaDB()
	tb := mysqlTestTable()
	qt := &model.Table{Schema: "app", Name: "t", Columns: tb.Columns}
	ix := &model.Index{Name: "ix_t_name", Parts: []model.IndexPart{{Column: "name", Length: 5, Desc: true}, {Column: "id"}}}
	fk := &model.ForeignKey{Name: "fk_t_parent", Columns: []string{"parent"}, RefTable: "t", RefColumns: []string{"id"}, OnDelete: model.Cascade}
	seq := &model.Sequence{Name: "s", Start: -5, Increment: -1, MinValue: mysqlTypePtr(int64(-100)), MaxValue: mysqlTypePtr(int64(-1))}
	cases := []struct {
		name string
		got  func() ([]string, error)
		want string
	}{
		{"index", func() ([]string, error) { return mysql.CreateIndex(tb, ix, IndexOptions{}) },
			"CREATE INDEX `ix_t_name` ON `t` (`name`(5) DESC, `id`)"},
		{"unique hash index in a schema", func() ([]string, error) {
			return mysql.CreateIndex(qt, &model.Index{Name: "u", Unique: true, Method: "hash", Parts: model.Cols("name")}, IndexOptions{})
		}, "CREATE UNIQUE INDEX `u` ON `app`.`t` (`name`) USING HASH"},
		{"fulltext index", func() ([]string, error) {
			return mysql.CreateIndex(tb, &model.Index{Name: "ft", Method: "FULLTEXT", Parts: model.Cols("name")}, IndexOptions{})
		}, "CREATE FULLTEXT INDEX `ft` ON `t` (`name`)"},
		{"functional index", func() ([]string, error) {
			return mysql.CreateIndex(tb, &model.Index{Name: "fx", Parts: []model.IndexPart{{Expr: "lower(`name`)", Desc: true}, {Column: "id"}}}, IndexOptions{})
		}, "CREATE INDEX `fx` ON `t` ((lower(`name`)) DESC, `id`)"},
		{"index if not exists (MariaDB)", func() ([]string, error) { return maria.CreateIndex(tb, ix, IndexOptions{IfNotExists: true}) },
			"CREATE INDEX IF NOT EXISTS `ix_t_name` ON `t` (`name`(5) DESC, `id`)"},
		{"drop index", func() ([]string, error) { return mysql.DropIndex(qt, ix, IndexOptions{}) },
			"DROP INDEX `ix_t_name` ON `app`.`t`"},
		{"drop index if exists (MariaDB)", func() ([]string, error) { return maria.DropIndex(tb, ix, IndexOptions{IfExists: true}) },
			"DROP INDEX IF EXISTS `ix_t_name` ON `t`"},
		{"add foreign key", func() ([]string, error) { return mysql.AddForeignKey(tb, fk) },
			"ALTER TABLE `t` ADD CONSTRAINT `fk_t_parent` FOREIGN KEY (`parent`) REFERENCES `t` (`id`) ON DELETE CASCADE"},
		{"drop foreign key", func() ([]string, error) { return mysql.DropForeignKey(qt, fk) },
			"ALTER TABLE `app`.`t` DROP FOREIGN KEY `fk_t_parent`"},
		{"drop table", func() ([]string, error) { return mysql.DropTable(qt) }, "DROP TABLE `app`.`t`"},
		{"descending sequence", func() ([]string, error) { return maria.CreateSequence(seq) },
			"CREATE SEQUENCE `s` START WITH -5 INCREMENT BY -1 MINVALUE -100 MAXVALUE -1"},
		{"drop sequence", func() ([]string, error) { return maria.DropSequence(&model.Sequence{Schema: "app", Name: "s"}) },
			"DROP SEQUENCE `app`.`s`"},
		{"view", func() ([]string, error) { return mysql.CreateView(&model.View{Name: "v", Definition: "SELECT 1 ; \n"}) },
			"CREATE VIEW `v` AS SELECT 1"},
		{"drop view", func() ([]string, error) { return mysql.DropView(&model.View{Schema: "app", Name: "v"}) },
			"DROP VIEW `app`.`v`"},
		{"enum types are inline", func() ([]string, error) {
			return mysql.CreateEnum(&model.EnumType{Name: "e", Values: []string{"a"}})
		}, ""},
		{"generated NOT NULL on MySQL", func() ([]string, error) {
			return mysql.CreateTable(&model.Table{Name: "g", Columns: []*model.Column{
				{Name: "a", Type: model.Integer},
				{Name: "b", Type: model.Integer, Generated: &model.Generated{Expr: "`a` + 1", Stored: true}},
			}})
		}, "CREATE TABLE `g` (\n\t`a` int NOT NULL,\n\t`b` int GENERATED ALWAYS AS (`a` + 1) STORED NOT NULL\n) ENGINE=InnoDB"},
		{"defaults and options", func() ([]string, error) {
			return mysql.CreateTable(&model.Table{Name: "d", Options: map[string]string{
				"engine": "MyISAM", "DEFAULT CHARACTER SET": "latin1", "CONNECTION": "it's", "KEY_BLOCK_SIZE": "8",
			}, Columns: []*model.Column{
				{Name: "a", Type: model.Integer, Nullable: true, Default: model.DefaultLiteral(nil)},
				{Name: "b", Type: model.Varchar(5), Default: model.DefaultExpr("'x''y'")},
				{Name: "c", Type: model.Integer, Default: model.DefaultExpr("-1.5e3")},
				{Name: "d", Type: model.Date, Default: model.DefaultExpr("CURRENT_DATE")},
				{Name: "e", Type: model.Type{Kind: model.KindTimestamp, Precision: 6}, Default: model.DefaultExpr("now(6) on update now(6)")},
				{Name: "f", Type: model.JSON, Default: model.DefaultLiteral("{}")},
				{Name: "g", Type: model.Text, Default: model.DefaultExpr("'x'")},
			}})
		}, "CREATE TABLE `d` (\n\t`a` int NULL DEFAULT NULL,\n\t`b` varchar(5) NOT NULL DEFAULT 'x''y',\n\t`c` int NOT NULL DEFAULT -1.5e3,\n" +
			"\t`d` date NOT NULL DEFAULT (CURRENT_DATE),\n\t`e` datetime(6) NOT NULL DEFAULT now(6) on update now(6),\n" +
			"\t`f` json NOT NULL DEFAULT ('{}'),\n\t`g` text NOT NULL DEFAULT ('x')\n" +
			") ENGINE=MyISAM DEFAULT CHARSET=`latin1` CONNECTION='it''s' KEY_BLOCK_SIZE=8"},
		{"invisible column", func() ([]string, error) {
			return maria.CreateTable(&model.Table{Name: "u", Columns: []*model.Column{{Name: "id", Type: model.Integer},
				{Name: "secret", Type: model.Varchar(64), Nullable: true, Invisible: true, Comment: "hidden"}}})
		}, "CREATE TABLE `u` (\n\t`id` int NOT NULL,\n\t`secret` varchar(64) NULL INVISIBLE COMMENT 'hidden'\n) ENGINE=InnoDB"},
		{"system versioning", func() ([]string, error) {
			return maria.CreateTable(&model.Table{Name: "prices", Options: map[string]string{MariaDBSystemVersioning: "", "ENGINE": "InnoDB"},
				Columns: []*model.Column{{Name: "p", Type: model.Integer}}})
		}, "CREATE TABLE `prices` (\n\t`p` int NOT NULL\n) ENGINE=InnoDB WITH SYSTEM VERSIONING"},
		{"AUTO_INCREMENT second in the primary key gets its key inline", func() ([]string, error) {
			return CreateAll(maria, &model.MetaData{Tables: []*model.Table{{Name: "s", Columns: []*model.Column{
				{Name: "tenant", Type: model.Integer},
				{Name: "id", Type: model.Integer, AutoIncrement: true},
			}, PrimaryKey: &model.PrimaryKey{Columns: []string{"tenant", "id"}}, Indexes: []*model.Index{
				{Name: "ft", Method: "fulltext", Parts: model.Cols("id")},
				{Name: "ix_s_id", Parts: []model.IndexPart{{Column: "id", Desc: true}}},
				{Name: "ix_s_id2", Parts: model.Cols("id")},
			}}}})
		}, "CREATE TABLE `s` (\n\t`tenant` int NOT NULL,\n\t`id` int NOT NULL AUTO_INCREMENT,\n\tPRIMARY KEY (`tenant`, `id`),\n" +
			"\tKEY `ix_s_id` (`id` DESC)\n) ENGINE=InnoDB;\n" +
			"CREATE FULLTEXT INDEX `ft` ON `s` (`id`);\nCREATE INDEX `ix_s_id2` ON `s` (`id`)"},
		{"AUTO_INCREMENT first in the primary key needs no inline key", func() ([]string, error) {
			return CreateAll(maria, &model.MetaData{Tables: []*model.Table{{Name: "s", Columns: []*model.Column{
				{Name: "id", Type: model.Integer, AutoIncrement: true},
				{Name: "k", Type: model.Integer},
			}, PrimaryKey: &model.PrimaryKey{Columns: []string{"id", "k"}}, Indexes: []*model.Index{{Name: "ix_s_id", Parts: model.Cols("id")}}}}})
		}, "CREATE TABLE `s` (\n\t`id` int NOT NULL AUTO_INCREMENT,\n\t`k` int NOT NULL,\n\tPRIMARY KEY (`id`, `k`)\n) ENGINE=InnoDB;\n" +
			"CREATE INDEX `ix_s_id` ON `s` (`id`)"},
		{"literal default on text (MariaDB)", func() ([]string, error) {
			return maria.CreateTable(&model.Table{Name: "x", Columns: []*model.Column{{Name: "n", Type: model.Text, Default: model.DefaultLiteral("n/a")}}})
		}, "CREATE TABLE `x` (\n\t`n` text NOT NULL DEFAULT 'n/a'\n) ENGINE=InnoDB"},
	}
	for _, c := range cases {
		stmts, err := c.got()
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := strings.Join(stmts, ";\n"); got != c.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.name, got, c.want)
		}
	}
}

// TestMySQLRefusals checks that what MySQL or MariaDB cannot build is
// refused with an error that names the object and says what to do.
func TestMySQLRefusals(t *testing.T) {
	mysql, maria := MySQL(), MariaDB()
	maria106 := newMySQL(true, serverVersion{10, 6, 0})
	ix := &model.Index{Name: "ix_t_name", Parts: model.Cols("name")}
	withCol := func(c *model.Column) *model.Table {
		tb := mysqlTestTable()
		tb.Columns = append(tb.Columns, c)
		return tb
	}
	withFK := func(fk *model.ForeignKey) *model.Table {
		tb := mysqlTestTable()
		tb.ForeignKeys = []*model.ForeignKey{fk}
		return tb
	}
	createTable := func(d Dialect, tb *model.Table) func() error {
		return func() error { _, err := d.CreateTable(tb); return err }
	}
	createIndex := func(d Dialect, ix *model.Index, opt IndexOptions) func() error {
		return func() error { _, err := d.CreateIndex(mysqlTestTable(), ix, opt); return err }
	}
	cases := []struct {
		name        string
		run         func() error
		want        string
		unsupported bool
	}{
		{"partial index", createIndex(maria, &model.Index{Name: "p", Parts: model.Cols("name"), Where: "id > 0"}, IndexOptions{}),
			`mysql: index "p" on table "t": a partial index (WHERE) is not supported; index the whole table`, true},
		{"expression index on MariaDB", createIndex(maria, &model.Index{Name: "e", Parts: []model.IndexPart{{Expr: "lower(name)"}}}, IndexOptions{}),
			`mysql: index "e" on table "t": an expression index is not supported; index a generated column`, true},
		{"INCLUDE", createIndex(mysql, &model.Index{Name: "i", Parts: model.Cols("id"), Include: []string{"name"}}, IndexOptions{}),
			`mysql: index "i" on table "t": INCLUDE columns is not supported`, true},
		{"gin", createIndex(mysql, &model.Index{Name: "g", Method: "gin", Parts: model.Cols("name")}, IndexOptions{}),
			`index method "gin" is not supported; supported methods: btree, hash, fulltext, spatial`, true},
		{"concurrently", createIndex(mysql, ix, IndexOptions{Concurrently: true}), `CONCURRENTLY is not supported`, true},
		{"DESC on MariaDB 10.6", createIndex(maria106, &model.Index{Name: "d", Parts: []model.IndexPart{{Column: "id", Desc: true}}}, IndexOptions{}),
			`a descending key is not supported`, true},
		{"IF NOT EXISTS on MySQL", createIndex(mysql, ix, IndexOptions{IfNotExists: true}),
			`mysql: index "ix_t_name" on table "t": CREATE INDEX IF NOT EXISTS is not supported; MySQL has no such guard`, true},
		{"DROP INDEX IF EXISTS on MySQL", func() error {
			_, err := mysql.DropIndex(mysqlTestTable(), ix, IndexOptions{IfExists: true})
			return err
		},
			`DROP INDEX IF EXISTS is not supported`, true},
		{"unique fulltext", createIndex(mysql, &model.Index{Name: "f", Unique: true, Method: "fulltext", Parts: model.Cols("name")}, IndexOptions{}),
			`a unique FULLTEXT index is not supported`, true},
		{"deferrable FK", createTable(maria, withFK(&model.ForeignKey{Name: "fk_d", Columns: []string{"parent"}, RefTable: "t", RefColumns: []string{"id"}, Deferrable: true})),
			`mysql: foreign key "fk_d" on table "t": DEFERRABLE is not supported; drop Deferrable`, true},
		{"unique ON CONFLICT", func() error {
			tb := mysqlTestTable()
			tb.Uniques = []*model.Unique{{Name: "uq_t_name", Columns: []string{"name"}, OnConflict: "REPLACE"}}
			_, err := maria.CreateTable(tb)
			return err
		}, `unique constraint "uq_t_name" on table "t": ON CONFLICT REPLACE is not supported`, true},
		{"NOT VALID FK", func() error {
			_, err := maria.AddForeignKey(mysqlTestTable(), &model.ForeignKey{Name: "fk_n", Columns: []string{"parent"}, RefTable: "t", RefColumns: []string{"id"}, NotValid: true})
			return err
		}, `mysql: foreign key "fk_n" on table "t": NOT VALID is not supported; drop NotValid`, true},
		{"SET DEFAULT", createTable(mysql, withFK(&model.ForeignKey{Name: "fk_s", Columns: []string{"parent"}, RefTable: "t", RefColumns: []string{"id"}, OnUpdate: model.SetDefault})),
			`mysql: foreign key "fk_s" on table "t": ON UPDATE SET DEFAULT is not supported; InnoDB rejects it`, true},
		{"identity always", createTable(mysql, withCol(&model.Column{Name: "n", Type: model.BigInt, Identity: &model.Identity{Always: true}})),
			`mysql: column "n" of table "t": GENERATED ALWAYS AS IDENTITY is not supported`, true},
		{"identity increment", createTable(mysql, withCol(&model.Column{Name: "n", Type: model.BigInt, Identity: &model.Identity{Increment: 10}})),
			`an identity increment of 10 is not supported`, true},
		{"two auto-increment columns", func() error {
			tb := mysqlTestTable()
			tb.Columns[0].AutoIncrement = true
			tb.Columns[2].Identity = &model.Identity{}
			_, err := mysql.CreateTable(tb)
			return err
		}, `more than one AUTO_INCREMENT column (id, parent)`, true},
		{"generated NOT NULL on MariaDB", createTable(maria, withCol(&model.Column{Name: "g", Type: model.Integer, Generated: &model.Generated{Expr: "id + 1"}})),
			`mysql: column "g" of table "t": NOT NULL on a generated column is not supported; MariaDB generated columns are always nullable; set Nullable: true`, true},
		{"varchar without length", createTable(mysql, withCol(&model.Column{Name: "v", Type: model.Varchar(0)})),
			`mysql: column "v" of table "t": varchar without a length is not supported`, true},
		{"interval", createTable(mysql, withCol(&model.Column{Name: "i", Type: model.Interval})),
			`mysql: column "i" of table "t": the interval type is not supported`, true},
		{"sequence on MySQL", func() error { _, err := mysql.CreateSequence(&model.Sequence{Name: "s"}); return err },
			`mysql: sequence "s": a sequence is not supported; MySQL has none (MariaDB 10.3+ has)`, true},
		{"owned sequence", func() error { _, err := maria.CreateSequence(&model.Sequence{Name: "s", OwnedBy: "t.id"}); return err },
			`mysql: sequence "s": OWNED BY is not supported; it is PostgreSQL-only`, true},
		{"comment option", createTable(mysql, &model.Table{Name: "o", Options: map[string]string{"COMMENT": "x"}, Columns: mysqlTestTable().Columns}),
			`set the table comment with Table.Comment`, false},
		{"option value with SQL", createTable(mysql, &model.Table{Name: "o", Options: map[string]string{"ENGINE": "InnoDB; DROP TABLE x"}, Columns: mysqlTestTable().Columns}),
			`table option ENGINE="InnoDB; DROP TABLE x" must be a single word or number`, false},
		{"option name with SQL", createTable(mysql, &model.Table{Name: "o", Options: map[string]string{"X=1; --": "y"}, Columns: mysqlTestTable().Columns}),
			`table option "X=1; --" is not an option name`, false},
		{"start and option", createTable(mysql, &model.Table{Name: "o", Options: map[string]string{"AUTO_INCREMENT": "5"},
			Columns: []*model.Column{{Name: "id", Type: model.Integer, Identity: &model.Identity{Start: 10}}}}),
			`both Options["AUTO_INCREMENT"] and the identity start of column "id"`, false},
		{"fractional seconds", createTable(mysql, withCol(&model.Column{Name: "ts", Type: model.Type{Kind: model.KindTimestamp, Precision: 9}})),
			`mysql: column "ts" of table "t": type datetime: fractional seconds precision 9 is outside 0-6`, false},
		{"hostile identifier", createTable(mysql, withCol(&model.Column{Name: "a\x00b", Type: model.Integer})),
			`cannot contain NUL`, false},
		{"drop unnamed FK", func() error {
			_, err := mysql.DropForeignKey(mysqlTestTable(), &model.ForeignKey{Columns: []string{"parent"}})
			return err
		}, `dropping it needs its name`, false},
	}
	for _, c := range cases {
		err := c.run()
		if err == nil {
			t.Errorf("%s: succeeded; want an error containing %q", c.name, c.want)
			continue
		}
		var ue *UnsupportedError
		if errors.As(err, &ue) != c.unsupported {
			t.Errorf("%s: %v: *UnsupportedError = %v; want %v", c.name, err, !c.unsupported, c.unsupported)
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error = %q\nwant it to contain %q", c.name, err, c.want)
		}
	}
}

func TestMySQLNormalize(t *testing.T) {
	d := MariaDB()
	md := mysqlRichModel(d)
	n := Normalize(d, md)
	acc, tk, m := n.Table("", "accounts"), n.Table("", "tickets"), n.Table("", "memberships")
	if acc.PrimaryKey.Name != "" {
		t.Errorf("primary key name = %q; want empty (MySQL calls it PRIMARY)", acc.PrimaryKey.Name)
	}
	if c := tk.Column("id"); c.Identity != nil || !c.AutoIncrement {
		t.Errorf("identity column = %+v; want AutoIncrement", c)
	}
	if fk := m.ForeignKeys[1]; fk.OnDelete != "" || fk.OnUpdate != model.Cascade {
		t.Errorf("RESTRICT not normalised: %+v", fk)
	}
	if ix := acc.Index("ix_accounts_email_prefix"); ix.Method != "" {
		t.Errorf("InnoDB btree method = %q; want empty", ix.Method)
	}
	if o := n.Table("", "org units").Options; o != nil {
		t.Errorf("ENGINE=InnoDB kept: %v", o)
	}
	if md.Tables[1].PrimaryKey.Name != "" || md.Tables[3].Columns[0].Identity == nil {
		t.Errorf("Normalize changed its input")
	}
}

// TestMySQLWholePrefixes: a key on a TEXT or BLOB column without a prefix
// length is the longest prefix InnoDB takes, as MariaDB reports it; a
// shorter prefix stays different, and a key on another type keeps no
// length.
func TestMySQLWholePrefixes(t *testing.T) {
	table := func(parts ...model.IndexPart) *model.MetaData {
		return &model.MetaData{Tables: []*model.Table{{
			Name: "t",
			Columns: []*model.Column{
				{Name: "body", Type: model.Text},
				{Name: "raw", Type: model.Type{Kind: model.KindBinary}},
				{Name: "l1", Type: model.Text, Collation: "latin1_swedish_ci"},
				{Name: "name", Type: model.Varchar(50)},
			},
			Indexes: []*model.Index{{Name: "ix", Parts: parts}},
		}}}
	}
	d := MySQL()
	for _, tt := range []struct{ declared, inspected model.IndexPart }{
		{model.IndexPart{Column: "body"}, model.IndexPart{Column: "body", Length: 768}},
		{model.IndexPart{Column: "raw"}, model.IndexPart{Column: "raw", Length: 3072}},
		{model.IndexPart{Column: "l1"}, model.IndexPart{Column: "l1", Length: 3072}},
		{model.IndexPart{Column: "name"}, model.IndexPart{Column: "name"}},
	} {
		declared := Normalize(d, table(tt.declared)).Tables[0].Indexes[0].Parts
		inspected := Normalize(d, table(tt.inspected)).Tables[0].Indexes[0].Parts
		if !reflect.DeepEqual(declared, inspected) {
			t.Errorf("declared %+v\ninspected %+v", declared, inspected)
		}
	}
	// Keys of several columns share the limit: no length is guessed.
	two := Normalize(d, table(model.Cols("body", "name")...)).Tables[0].Indexes[0].Parts
	if two[0].Length != 0 {
		t.Errorf("the text key of a two-key index got length %d", two[0].Length)
	}
	shorter := Normalize(d, table(model.IndexPart{Column: "body", Length: 100})).Tables[0].Indexes[0].Parts
	if shorter[0].Length != 100 {
		t.Errorf("a 100-character prefix became %d", shorter[0].Length)
	}
}
