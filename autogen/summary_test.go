package autogen

import (
	"context"
	"strings"
	"testing"
)

func TestSummarize(t *testing.T) {
	cases := []struct {
		dialect string
		want    []string
	}{
		{"postgres", []string{
			`drop_column: ALTER TABLE "users" DROP COLUMN "legacy"`,
			`add_column: ALTER TABLE "users" ADD COLUMN "name" varchar(50) DEFAULT 'it''s'`,
			`alter_column: ALTER TABLE "users" ALTER COLUMN "email" TYPE varchar(200) (and 1 more statement)`,
			`create_index: CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email")`,
			`create_table: CREATE TABLE "posts" ( "id" bigint NOT NULL, "user_id" bigint NOT NULL, "title" text NOT NULL, … (and 1 more statement)`,
		}},
		{"sqlite", []string{
			`batch_alter_table users: drop_column, add_column, alter_column, create_index (13 statements)`,
			`create_table: CREATE TABLE "posts" ( "id" BIGINT NOT NULL, "user_id" BIGINT NOT NULL, "title" TEXT NOT NULL, … (and 1 more statement)`,
		}},
	}
	for _, c := range cases {
		t.Run(c.dialect, func(t *testing.T) {
			d, current, up, _ := goldenRevision(t, c.dialect)
			got, err := Summarize(context.Background(), d, current, up)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("summary:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		name, sql string
		width     int
		want      string
	}{
		{"fits", "DROP TABLE t", 20, "DROP TABLE t"},
		{"exactly", "DROP TABLE t", 12, "DROP TABLE t"},
		{"cut at a space", "CREATE TABLE posts ( id int, title text )", 28, "CREATE TABLE posts ( id int, …"},
		{"cut before a word", "CREATE TABLE posts ( id int, CONSTRAINT pk )", 32, "CREATE TABLE posts ( id int, …"},
		{"cut before a literal", "CREATE VIEW v AS SELECT id FROM u WHERE s = 'active'::status", 51, "CREATE VIEW v AS SELECT id FROM u WHERE s = …"},
		{"no space in the second half", "SELECT aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 20, "SELECT aaaaaaaaaaaaa …"},
		{"runes, not bytes", "INSERT 'ééééé' 'ééééé'", 14, "INSERT 'ééééé' …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shorten(tt.sql, tt.width); got != tt.want {
				t.Errorf("shorten(%q, %d) = %q, want %q", tt.sql, tt.width, got, tt.want)
			}
		})
	}
}
