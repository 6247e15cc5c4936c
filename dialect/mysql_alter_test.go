package dialect

import (
	"testing"

	"github.com/migratego/migrate/model"
)

func TestMySQLAlter(t *testing.T) {
	users := &model.Table{Schema: "app", Name: "users"}
	col := func(name string, typ model.Type, nullable bool) *model.Column {
		return &model.Column{Name: name, Type: typ, Nullable: nullable}
	}
	change := func(from, to *model.Column, using string) func(a Alterer) ([]string, error) {
		return func(a Alterer) ([]string, error) {
			return a.AlterColumn(users, ColumnChange{From: from, To: to, Using: using})
		}
	}
	mood := &model.EnumType{Name: "mood", Values: []string{"sad", "ok"}}
	common := []alterCase{
		{name: "rename table", run: func(a Alterer) ([]string, error) { return a.RenameTable(users, "pe`ople") },
			want: []string{"RENAME TABLE `app`.`users` TO `app`.`pe``ople`"}},
		{name: "table comment", run: func(a Alterer) ([]string, error) { return a.SetTableComment(users, "it's") },
			want: []string{"ALTER TABLE `app`.`users` COMMENT = 'it''s'"}},
		{name: "add column", run: func(a Alterer) ([]string, error) {
			return a.AddColumn(users, &model.Column{Name: "age", Type: model.Integer, Default: model.DefaultLiteral(int64(0)), Comment: "years"})
		}, want: []string{"ALTER TABLE `app`.`users` ADD COLUMN `age` int NOT NULL DEFAULT 0 COMMENT 'years'"}},
		{name: "drop column", run: func(a Alterer) ([]string, error) { return a.DropColumn(users, &model.Column{Name: "age"}) },
			want: []string{"ALTER TABLE `app`.`users` DROP COLUMN `age`"}},
		{name: "widen varchar", run: change(col("s", model.Varchar(10), true), col("s", model.Varchar(50), true), ""),
			want: []string{"ALTER TABLE `app`.`users` MODIFY COLUMN `s` varchar(50) NULL"}},
		{name: "rename with change", run: change(col("a", model.Integer, false), col("b", model.BigInt, false), ""),
			want: []string{"ALTER TABLE `app`.`users` CHANGE COLUMN `a` `b` bigint NOT NULL"}},
		{name: "no change", run: change(col("a", model.Integer, false), col("a", model.Raw("int"), false), ""), want: nil},
		{name: "enum values via column type", run: change(
			col("m", model.Enum("mood", "sad", "ok"), false), col("m", model.Enum("mood", "sad", "ok", "happy"), false), ""),
			want: []string{"ALTER TABLE `app`.`users` MODIFY COLUMN `m` enum('sad','ok','happy') NOT NULL"}},
		{name: "autoincrement", run: change(col("id", model.BigInt, false), &model.Column{Name: "id", Type: model.BigInt, AutoIncrement: true}, ""),
			want: []string{"ALTER TABLE `app`.`users` MODIFY COLUMN `id` bigint NOT NULL AUTO_INCREMENT"}},
		{name: "using refused", run: change(col("a", model.Text, true), col("a", model.Integer, true), "a::int"),
			wantErr: "USING", unsupported: true},
		{name: "incomplete new definition", run: change(&model.Column{Name: "s"}, &model.Column{Name: "s", Comment: "x"}, ""),
			wantErr: "restates the whole column"},
		{name: "add primary key", run: func(a Alterer) ([]string, error) {
			return a.AddPrimaryKey(users, &model.PrimaryKey{Name: "ignored", Columns: []string{"id"}})
		}, want: []string{"ALTER TABLE `app`.`users` ADD PRIMARY KEY (`id`)"}},
		{name: "drop primary key", run: func(a Alterer) ([]string, error) { return a.DropPrimaryKey(users, nil) },
			want: []string{"ALTER TABLE `app`.`users` DROP PRIMARY KEY"}},
		{name: "add unique", run: func(a Alterer) ([]string, error) {
			return a.AddUnique(users, &model.Unique{Name: "uq", Columns: []string{"a", "b"}})
		}, want: []string{"ALTER TABLE `app`.`users` ADD CONSTRAINT `uq` UNIQUE (`a`, `b`)"}},
		{name: "drop unique", run: func(a Alterer) ([]string, error) { return a.DropUnique(users, &model.Unique{Name: "uq"}) },
			want: []string{"ALTER TABLE `app`.`users` DROP INDEX `uq`"}},
		{name: "add check", run: func(a Alterer) ([]string, error) { return a.AddCheck(users, &model.Check{Name: "ck", Expr: "a > 0"}) },
			want: []string{"ALTER TABLE `app`.`users` ADD CONSTRAINT `ck` CHECK (a > 0)"}},
		{name: "add enum value refused", run: func(a Alterer) ([]string, error) { return a.AddEnumValue(mood, "happy", "", "") },
			wantErr: "alter the column to the ENUM(…) type with the new value", unsupported: true},
		{name: "rename enum value refused", run: func(a Alterer) ([]string, error) { return a.RenameEnumValue(mood, "ok", "fine") },
			wantErr: "MySQL enums are column types", unsupported: true},
	}
	t.Run("mysql", func(t *testing.T) {
		cases := append(common[:len(common):len(common)],
			alterCase{name: "rename column", run: func(a Alterer) ([]string, error) { return a.RenameColumn(users, "a", "b") },
				want: []string{"ALTER TABLE `app`.`users` RENAME COLUMN `a` TO `b`"}},
			alterCase{name: "drop check", run: func(a Alterer) ([]string, error) { return a.DropCheck(users, &model.Check{Name: "ck"}) },
				want: []string{"ALTER TABLE `app`.`users` DROP CHECK `ck`"}},
			alterCase{name: "sequence refused", run: func(a Alterer) ([]string, error) {
				return a.AlterSequence(&model.Sequence{Name: "s"}, &model.Sequence{Name: "s", Cycle: true})
			}, wantErr: "sequence", unsupported: true},
		)
		runAlterCases(t, MySQL().(Alterer), cases)
	})
	t.Run("mariadb", func(t *testing.T) {
		cases := append(common[:len(common):len(common)],
			alterCase{name: "drop check", run: func(a Alterer) ([]string, error) { return a.DropCheck(users, &model.Check{Name: "ck"}) },
				want: []string{"ALTER TABLE `app`.`users` DROP CONSTRAINT `ck`"}},
			alterCase{name: "alter sequence", run: func(a Alterer) ([]string, error) {
				return a.AlterSequence(&model.Sequence{Name: "s", MaxValue: ptr64(100)},
					&model.Sequence{Name: "s2", Start: 10, Increment: 5, Cache: 20, Cycle: true})
			}, want: []string{
				"ALTER SEQUENCE `s` INCREMENT BY 5 NO MAXVALUE START WITH 10 CACHE 20 CYCLE",
				"RENAME TABLE `s` TO `s2`",
			}},
			alterCase{name: "sequence owner refused", run: func(a Alterer) ([]string, error) {
				return a.AlterSequence(&model.Sequence{Name: "s"}, &model.Sequence{Name: "s", OwnedBy: "t.id"})
			}, wantErr: "OWNED BY", unsupported: true},
		)
		runAlterCases(t, MariaDB().(Alterer), cases)
	})
	t.Run("old mariadb renames with change", func(t *testing.T) {
		old := newMySQL(true, serverVersion{10, 4, 0})
		tbl := &model.Table{Name: "t", Columns: []*model.Column{{Name: "a", Type: model.Varchar(20), Nullable: true}}}
		got, err := old.RenameColumn(tbl, "a", "b")
		if err != nil {
			t.Fatal(err)
		}
		if want := "ALTER TABLE `t` CHANGE COLUMN `a` `b` varchar(20) NULL"; len(got) != 1 || got[0] != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if _, err := old.RenameColumn(&model.Table{Name: "t"}, "a", "b"); err == nil {
			t.Error("a rename without the column's definition must be refused on MariaDB 10.4")
		}
	})
}
