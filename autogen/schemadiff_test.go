package autogen

import (
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

func TestSchemaDiff(t *testing.T) {
	current, target := revisionModels()
	current.AddTable(&model.Table{Name: "migrate_version", Columns: []*model.Column{{Name: "version_num", Type: model.Varchar(32)}}})
	opts := Options{Dialect: dialect.Postgres(), VersionTables: []string{"migrate_version"}, Exclude: []string{"posts"}}
	cases := []struct {
		name            string
		current, target *model.MetaData
		want            string
	}{
		{"equal", target, target, ""},
		{"empty database", &model.MetaData{}, (&model.MetaData{}).AddTable(&model.Table{Name: "t", Columns: []*model.Column{{Name: "id", Type: model.Integer}}}),
			"--- database\n+++ model\n@@ -0,0 +1,3 @@\n+CREATE TABLE \"t\" (\n+\t\"id\" integer NOT NULL\n+);\n"},
		// posts is excluded and the version table left out: only users differs.
		{"filtered", current, target, "--- database\n+++ model\n@@ -1,6 +1,8 @@\n CREATE TABLE \"users\" (\n \t\"id\" bigint NOT NULL,\n-\t\"email\" varchar(100),\n-\t\"legacy\" text,\n+\t\"email\" varchar(200) NOT NULL,\n+\t\"name\" varchar(50) DEFAULT 'it''s',\n \tCONSTRAINT \"pk_users\" PRIMARY KEY (\"id\")\n );\n+\n+CREATE UNIQUE INDEX \"ix_users_email\" ON \"users\" (\"email\");\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := SchemaDiff(c.current, c.target, opts, "database", "model")
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("diff:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}
