package dialect_test

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// sqliteRows runs a query and returns every row as strings (NULL as "<nil>").
func sqliteRows(t *testing.T, db *dialect.DB, query string, args ...any) [][]string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = "<nil>"
			if v.Valid {
				row[i] = v.String
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

func sqliteExec(t *testing.T, db *dialect.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%v\nstatement:\n%s", err, s)
		}
	}
}

func sqliteFails(t *testing.T, db *dialect.DB, stmt, want string) {
	t.Helper()
	_, err := db.ExecContext(context.Background(), stmt)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("%s: error %v; want it to contain %q", stmt, err, want)
	}
}

// TestSQLiteCreateAllOnFile creates the rich model on a real SQLite file,
// checks through the catalog pragmas that every feature exists and works,
// and drops it again.
func TestSQLiteCreateAllOnFile(t *testing.T) {
	db, _ := testdb.Open(t, "sqlite")
	if db.Dialect.Name() != "sqlite" || !db.Dialect.Capabilities().DropColumn {
		t.Fatalf("dialect %s with capabilities %+v", db.Dialect.Name(), db.Dialect.Capabilities())
	}
	md := dialect.SQLiteRichModel()
	create, err := dialect.CreateAll(db.Dialect, md)
	if err != nil {
		t.Fatalf("CreateAll: %v", err)
	}
	sqliteExec(t, db, create...)

	t.Run("columns", func(t *testing.T) {
		// hidden: 0 ordinary, 2 virtual generated, 3 stored generated.
		got := sqliteRows(t, db, `SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo('users') ORDER BY cid`)
		want := [][]string{
			{"id", "INTEGER", "1", "<nil>", "1", "0"},
			{"org_id", "BIGINT", "1", "<nil>", "0", "0"},
			{"email", "VARCHAR(255)", "1", "<nil>", "0", "0"},
			{"active", "BOOLEAN", "1", "TRUE", "0", "0"},
			{"balance", "NUMERIC(12,2)", "1", "0", "0", "0"},
			{"score", "DOUBLE", "0", "0.5", "0", "0"},
			{"mood", "VARCHAR(16)", "1", "'happy'", "0", "0"},
			{`say "hi"`, "TEXT", "0", "'it''s'", "0", "0"},
			{"token", "UUID", "0", "<nil>", "0", "0"},
			{"avatar", "BLOB", "0", "<nil>", "0", "0"},
			{"seen_at", "TIMESTAMP", "0", "<nil>", "0", "0"},
			{"balance_x2", "NUMERIC(14,2)", "0", "<nil>", "0", "3"},
			{"email_len", "INTEGER", "0", "<nil>", "0", "2"},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("pragma_table_xinfo(users):\n got %q\nwant %q", got, want)
		}
		// An expression default is written DEFAULT (expr); SQLite reports
		// it without the parentheses, so the model's Expr comes back as is.
		got = sqliteRows(t, db, `SELECT name, type, dflt_value FROM pragma_table_xinfo('orgs') ORDER BY cid`)
		want = [][]string{
			{"id", "INTEGER", "<nil>"},
			{"name", "VARCHAR(100)", "<nil>"},
			{"created_at", "TIMESTAMPTZ", "CURRENT_TIMESTAMP"},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("pragma_table_xinfo(orgs):\n got %q\nwant %q", got, want)
		}
		// The parsed declared types are the model's types.
		for _, tbl := range md.Tables {
			for _, c := range tbl.Columns {
				if c.AutoIncrement || c.Identity != nil || c.Type.Kind.String() == "enum" {
					continue
				}
				rows := sqliteRows(t, db, `SELECT type FROM pragma_table_xinfo(?) WHERE name = ?`, tbl.Name, c.Name)
				if len(rows) != 1 {
					t.Fatalf("column %s.%s not found", tbl.Name, c.Name)
				}
				if back := db.Dialect.ParseType(rows[0][0]); !back.Equal(c.Type) {
					t.Errorf("column %s.%s: declared %q parses as %s, model says %s", tbl.Name, c.Name, rows[0][0], back, c.Type)
				}
			}
		}
	})

	t.Run("autoincrement and defaults", func(t *testing.T) {
		sqliteExec(t, db,
			`INSERT INTO orgs (name) VALUES ('Acme')`,
			`INSERT INTO users (org_id, email) VALUES (1, 'A@example.com')`,
		)
		got := sqliteRows(t, db, `SELECT name, seq FROM sqlite_sequence ORDER BY name`)
		want := [][]string{{"orgs", "1"}, {"users", "1"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sqlite_sequence = %q; want %q", got, want)
		}
		got = sqliteRows(t, db, `SELECT active, balance, mood, "say ""hi""", balance_x2, email_len FROM users`)
		want = [][]string{{"1", "0", "happy", "it's", "0", "13"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("defaults and generated values = %q; want %q", got, want)
		}
		var v []byte
		sqliteExec(t, db, `INSERT INTO kv (k) VALUES ('a')`)
		if err := db.QueryRow(`SELECT v FROM kv WHERE k = 'a'`).Scan(&v); err != nil || string(v) != "\xCA\xFE" {
			t.Errorf("blob default = %x, %v; want cafe", v, err)
		}
	})

	t.Run("constraints are enforced", func(t *testing.T) {
		sqliteFails(t, db, `INSERT INTO users (org_id, email, mood) VALUES (1, 'b@example.com', 'angry')`, "CHECK constraint failed")
		sqliteFails(t, db, `INSERT INTO users (org_id, email, balance) VALUES (1, 'b@example.com', -1)`, "CHECK constraint failed")
		sqliteFails(t, db, `INSERT INTO users (org_id, email) VALUES (999, 'b@example.com')`, "FOREIGN KEY constraint failed")
		sqliteFails(t, db, `INSERT INTO users (org_id, email) VALUES (1, 'A@example.com')`, "UNIQUE constraint failed")
		// NOCASE: the unique name is unique regardless of case.
		sqliteFails(t, db, `INSERT INTO orgs (name) VALUES ('ACME')`, "UNIQUE constraint failed: orgs.name")
		sqliteExec(t, db, `INSERT INTO users (org_id, email, mood) VALUES (1, 'c@example.com', 'it''s complicated')`)
	})

	t.Run("deferrable composite foreign key", func(t *testing.T) {
		ctx := context.Background()
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		// The parent row does not exist yet: a deferred key waits for COMMIT.
		if _, err := tx.ExecContext(ctx, `INSERT INTO membership_roles (org_id, user_id, role) VALUES (1, 1, 'admin')`); err != nil {
			tx.Rollback()
			t.Fatalf("insert before the parent: %v (the key is not deferred)", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO memberships (org_id, user_id) VALUES (1, 1)`); err != nil {
			tx.Rollback()
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatalf("commit: %v", err)
		}
		// ON UPDATE CASCADE through the composite key.
		sqliteExec(t, db, `INSERT INTO orgs (name) VALUES ('Other')`, `UPDATE memberships SET org_id = 2`)
		if got := sqliteRows(t, db, `SELECT org_id FROM membership_roles`); !reflect.DeepEqual(got, [][]string{{"2"}}) {
			t.Errorf("membership_roles.org_id after cascade = %q; want 2", got)
		}
		got := sqliteRows(t, db, `SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list('membership_roles') ORDER BY seq`)
		want := [][]string{
			{"memberships", "org_id", "org_id", "CASCADE", "CASCADE"},
			{"memberships", "user_id", "user_id", "CASCADE", "CASCADE"},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("pragma_foreign_key_list(membership_roles) = %q; want %q", got, want)
		}
	})

	t.Run("foreign key cycle", func(t *testing.T) {
		for _, tc := range []struct{ table, ref string }{{"departments", "employees"}, {"employees", "departments"}} {
			got := sqliteRows(t, db, `SELECT "table" FROM pragma_foreign_key_list(?)`, tc.table)
			if !reflect.DeepEqual(got, [][]string{{tc.ref}}) {
				t.Errorf("%s references %q; want %s", tc.table, got, tc.ref)
			}
		}
		sqliteExec(t, db,
			`INSERT INTO departments (id) VALUES (1)`,
			`INSERT INTO employees (id, dept_id) VALUES (10, 1)`,
			`UPDATE departments SET head_id = 10`,
		)
		sqliteFails(t, db, `UPDATE departments SET head_id = 11`, "FOREIGN KEY constraint failed")
		if fk := sqliteRows(t, db, `PRAGMA foreign_key_check`); len(fk) != 0 {
			t.Errorf("foreign_key_check: %q", fk)
		}
	})

	t.Run("indexes", func(t *testing.T) {
		got := sqliteRows(t, db, `SELECT name, "unique", origin, partial FROM pragma_index_list('users') ORDER BY name`)
		want := [][]string{
			{"ix_users_active_email", "0", "c", "1"},
			{"ix_users_lower_email", "0", "c", "0"},
			{"ix_users_org_id_email", "1", "c", "0"},
			{"ix_users_seen_desc", "0", "c", "0"},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("pragma_index_list(users):\n got %q\nwant %q", got, want)
		}
		// cid -2 marks an expression key; desc the key order.
		got = sqliteRows(t, db, `SELECT seqno, cid, name, "desc" FROM pragma_index_xinfo('ix_users_seen_desc') WHERE key`)
		if want := [][]string{{"0", "10", "seen_at", "1"}, {"1", "0", "id", "0"}}; !reflect.DeepEqual(got, want) {
			t.Errorf("ix_users_seen_desc keys = %q; want %q", got, want)
		}
		got = sqliteRows(t, db, `SELECT cid FROM pragma_index_xinfo('ix_users_lower_email') WHERE key`)
		if want := [][]string{{"-2"}}; !reflect.DeepEqual(got, want) {
			t.Errorf("ix_users_lower_email keys = %q; want an expression (cid -2)", got)
		}
		got = sqliteRows(t, db, `SELECT name, origin FROM pragma_index_list('orgs')`)
		if want := [][]string{{"sqlite_autoindex_orgs_1", "u"}}; !reflect.DeepEqual(got, want) {
			t.Errorf("pragma_index_list(orgs) = %q; want the unique constraint's index", got)
		}
	})

	t.Run("without rowid and view", func(t *testing.T) {
		got := sqliteRows(t, db, `SELECT wr FROM pragma_table_list WHERE name = 'kv'`)
		if !reflect.DeepEqual(got, [][]string{{"1"}}) {
			t.Errorf("kv: pragma_table_list.wr = %q; want 1", got)
		}
		got = sqliteRows(t, db, `SELECT type, tbl_name FROM sqlite_schema WHERE name = 'active_users'`)
		if !reflect.DeepEqual(got, [][]string{{"view", "active_users"}}) {
			t.Errorf("view active_users: %q", got)
		}
		if got := sqliteRows(t, db, `SELECT count(*) FROM active_users`); !reflect.DeepEqual(got, [][]string{{"2"}}) {
			t.Errorf("active_users has %q rows; want 2", got)
		}
	})

	drop, err := dialect.DropAll(db.Dialect, md)
	if err != nil {
		t.Fatalf("DropAll: %v", err)
	}
	sqliteExec(t, db, drop...)
	// sqlite_sequence, created by the first AUTOINCREMENT table, can never
	// be dropped; everything else must be gone.
	if left := sqliteRows(t, db, `SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\'`); len(left) != 0 {
		t.Errorf("left after DropAll: %q", left)
	}
}

// TestSQLiteMemoryURL checks that sqlite::memory: keeps one database across
// statements: Open limits the pool to a single connection.
func TestSQLiteMemoryURL(t *testing.T) {
	ctx := context.Background()
	db, err := dialect.Open(ctx, "sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.URL.Memory() || db.Stats().MaxOpenConnections != 1 {
		t.Fatalf("memory database: Memory() = %v, MaxOpenConnections = %d", db.URL.Memory(), db.Stats().MaxOpenConnections)
	}
	md := dialect.SQLiteRichModel()
	create, err := dialect.CreateAll(db.Dialect, md)
	if err != nil {
		t.Fatal(err)
	}
	sqliteExec(t, db, create...)
	sqliteExec(t, db, `INSERT INTO orgs (name) VALUES ('a')`, `INSERT INTO orgs (name) VALUES ('b')`)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO orgs (name) VALUES ('c')`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := sqliteRows(t, db, `SELECT count(*) FROM orgs`); !reflect.DeepEqual(got, [][]string{{"3"}}) {
		t.Errorf("orgs has %q rows; want 3", got)
	}
	if got := sqliteRows(t, db, `PRAGMA foreign_keys`); !reflect.DeepEqual(got, [][]string{{"1"}}) {
		t.Errorf("foreign_keys = %q; want 1 (set by the URL)", got)
	}
}
