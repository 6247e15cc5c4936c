package dialect_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestMySQLIntegration creates the rich model on the live server (MariaDB
// in CI), checks a few features in information_schema, reads every column
// type back through ParseType, and drops everything again.
func TestMySQLIntegration(t *testing.T) {
	ctx := context.Background()
	db, tg := testdb.Open(t, "mysql")
	d := db.Dialect
	md := dialect.MySQLRichModel(d)
	create, err := dialect.CreateAll(d, md)
	if err != nil {
		t.Fatalf("CreateAll: %v", err)
	}
	for _, s := range create {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%v\nstatement:\n%s", err, s)
		}
	}

	one := func(query string, args ...any) string {
		t.Helper()
		var s string
		if err := db.QueryRowContext(ctx, query, args...).Scan(&s); err != nil {
			t.Fatalf("%s %v: %v", query, args, err)
		}
		return s
	}
	checks := []struct {
		what, query string
		args        []any
		want        string
	}{
		{"table comment", "SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
			[]any{tg.Scope, "accounts"}, `User accounts; it's "quoted" \ here`},
		{"column comment", "SELECT COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?",
			[]any{tg.Scope, "org units", "naïve name"}, "名前"},
		{"collation", "SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?",
			[]any{tg.Scope, "accounts", "email"}, "utf8mb4_bin"},
		{"auto_increment", "SELECT EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?",
			[]any{tg.Scope, "accounts", "id"}, "auto_increment"},
		{"identity start", "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
			[]any{tg.Scope, "tickets"}, "1000"},
		{"stored generated", "SELECT EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?",
			[]any{tg.Scope, "accounts", "email_lower"}, "STORED GENERATED"},
		{"virtual generated", "SELECT EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?",
			[]any{tg.Scope, "accounts", "email_len"}, "VIRTUAL GENERATED"},
		{"composite FK actions", "SELECT CONCAT(DELETE_RULE, '/', UPDATE_RULE) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND CONSTRAINT_NAME = ?",
			[]any{tg.Scope, "fk_memberships_org"}, "RESTRICT/CASCADE"},
		{"SET NULL FK", "SELECT DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND CONSTRAINT_NAME = ?",
			[]any{tg.Scope, "fk_memberships_invited_by_accounts"}, "SET NULL"},
		{"prefix length", "SELECT SUB_PART FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND INDEX_NAME = ? AND COLUMN_NAME = ?",
			[]any{tg.Scope, "ix_accounts_bio", "bio"}, "20"},
		{"multi-column index", "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND INDEX_NAME = ?",
			[]any{tg.Scope, "ix_memberships_region_org_code_role"}, "region,org_code,role"},
		{"unique constraint name", "SELECT NON_UNIQUE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND INDEX_NAME = ?",
			[]any{tg.Scope, "uq_accounts_email"}, "0"},
		{"view", "SELECT TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
			[]any{tg.Scope, "active accounts"}, "VIEW"},
	}
	if d.Capabilities().DescIndexes {
		checks = append(checks, struct {
			what, query string
			args        []any
			want        string
		}{"DESC key", "SELECT COLLATION FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND INDEX_NAME = ? AND COLUMN_NAME = ?",
			[]any{tg.Scope, "ix_accounts_created_desc", "created_at"}, "D"})
	}
	if d.Capabilities().Sequences {
		checks = append(checks, struct {
			what, query string
			args        []any
			want        string
		}{"sequences", "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'SEQUENCE'",
			[]any{tg.Scope}, "2"})
	}
	for _, c := range checks {
		if got := one(c.query, c.args...); got != c.want {
			t.Errorf("%s = %q; want %q", c.what, got, c.want)
		}
	}

	// Every column type reads back as the type the model declared.
	rows, err := db.QueryContext(ctx, "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION", tg.Scope)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var table, column, colType string
		if err := rows.Scan(&table, &column, &colType); err != nil {
			t.Fatal(err)
		}
		tb := md.Table("", table)
		if tb == nil {
			continue // the view
		}
		seen++
		declared := tb.Column(column).Type
		want := dialect.Normalize(d, &model.MetaData{Tables: []*model.Table{{Name: "x", Columns: []*model.Column{{Name: "c", Type: declared}}}}}).Tables[0].Columns[0].Type
		got := d.ParseType(colType)
		if declared.Kind == model.KindJSON && got.Equal(model.Raw("longtext")) {
			continue // MariaDB's JSON is longtext with a json_valid check
		}
		if !got.Equal(want) {
			t.Errorf("%s.%s: ParseType(%q) = %v; declared %v", table, column, colType, got, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Fatalf("no columns found in %s", tg.Scope)
	}

	// Values go through Literal and come back unchanged.
	q := func(n string) string {
		s, err := d.QuoteIdent(n)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	hostile := "it's \"quoted\" \\ back\\slash \x00 nul\n\r\x1a 名前"
	lit, err := d.Literal(hostile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO "+q("accounts")+" ("+q("email")+", "+q("bio")+") VALUES ('a@example.com', "+lit+")"); err != nil {
		t.Fatalf("insert: %v", err)
	}
	if got := one("SELECT " + q("bio") + " FROM " + q("accounts")); got != hostile {
		t.Errorf("literal round trip = %q; want %q", got, hostile)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO "+q("accounts")+" ("+q("email")+", "+q("age")+") VALUES ('b@example.com', 5)"); err == nil {
		t.Errorf("check constraint ck_accounts_age not enforced")
	}

	drop, err := dialect.DropAll(d, md)
	if err != nil {
		t.Fatalf("DropAll: %v", err)
	}
	for _, s := range drop {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%v\nstatement:\n%s", err, s)
		}
	}
	if n := one("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", tg.Scope); n != "0" {
		t.Errorf("%s objects left after DropAll", n)
	}
}

// TestMySQLIntegrationRefusals checks, on the live server's dialect, that
// features MariaDB cannot build are refused before reaching the server.
func TestMySQLIntegrationRefusals(t *testing.T) {
	db, _ := testdb.Open(t, "mysql")
	d := db.Dialect
	if !strings.Contains(strings.ToLower(serverVersion(t, db)), "mariadb") {
		t.Skip("the refusals below are MariaDB's")
	}
	base := func() *model.Table {
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
	withIndex := func(ix *model.Index) *model.MetaData {
		tb := base()
		tb.Indexes = []*model.Index{ix}
		return (&model.MetaData{}).AddTable(tb)
	}
	withFK := func(fk *model.ForeignKey) *model.MetaData {
		tb := base()
		tb.ForeignKeys = []*model.ForeignKey{fk}
		return (&model.MetaData{}).AddTable(tb)
	}
	cases := []struct {
		name string
		md   *model.MetaData
		want string
	}{
		{"partial index", withIndex(&model.Index{Name: "ix_p", Parts: model.Cols("name"), Where: "id > 0"}),
			`create index "ix_p": mysql: index "ix_p" on table "t": a partial index (WHERE) is not supported; index the whole table, or use a generated column`},
		{"expression index", withIndex(&model.Index{Name: "ix_e", Parts: []model.IndexPart{{Expr: "lower(name)"}}}),
			`create index "ix_e": mysql: index "ix_e" on table "t": an expression index is not supported; index a generated column holding the expression instead`},
		{"INCLUDE", withIndex(&model.Index{Name: "ix_i", Parts: model.Cols("id"), Include: []string{"name"}}),
			`create index "ix_i": mysql: index "ix_i" on table "t": INCLUDE columns is not supported; add them as trailing key columns instead`},
		{"deferrable FK", withFK(&model.ForeignKey{Name: "fk_d", Columns: []string{"parent"}, RefTable: "t", RefColumns: []string{"id"}, Deferrable: true}),
			`create table "t": mysql: foreign key "fk_d" on table "t": DEFERRABLE is not supported; drop Deferrable; the database checks foreign keys immediately`},
		{"NOT VALID FK", withFK(&model.ForeignKey{Name: "fk_n", Columns: []string{"parent"}, RefTable: "t", RefColumns: []string{"id"}, NotValid: true}),
			`add foreign key "fk_n": mysql: foreign key "fk_n" on table "t": NOT VALID is not supported; drop NotValid; the database validates existing rows when the key is added`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := dialect.CreateAll(d, c.md)
			var ue *dialect.UnsupportedError
			if !errors.As(err, &ue) {
				t.Fatalf("CreateAll = %v; want an *UnsupportedError", err)
			}
			if err.Error() != c.want {
				t.Errorf("error =\n%s\nwant\n%s", err, c.want)
			}
		})
	}
}

func serverVersion(t *testing.T, db *dialect.DB) string {
	t.Helper()
	var v string
	if err := db.QueryRowContext(context.Background(), "SELECT VERSION()").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
