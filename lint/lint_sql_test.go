package lint

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/scriptdir"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sqlCase is one SQL revision linted on one database. Tables the upgrade
// does not create exist before the range.
type sqlCase struct {
	name, db, sql string
	// want are the rule ids of the findings, in order; suppressed ones
	// are written "rule(accepted)".
	want []string
}

var sqlCases = []sqlCase{
	// Destructive changes and renames, every database.
	{"drop table", "postgres", "DROP TABLE users;", []string{"lock-timeout", "drop-table"}},
	{"drop table mysql", "mysql", "DROP TABLE IF EXISTS users, `orders`;", []string{"drop-table", "drop-table"}},
	{"drop table sqlite", "sqlite", "DROP TABLE users;", []string{"drop-table"}},
	{"drop new table", "postgres", "CREATE TABLE t (id int);\nDROP TABLE t;", nil},
	{"new table named with its schema", "postgres", "CREATE TABLE t (id int);\nCREATE INDEX ix ON public.t (id);", nil},
	{"drop new table mysql", "mysql", "CREATE TABLE t (id int);\nDROP TABLE t;", nil},
	{"drop new table sqlite", "sqlite", "CREATE TABLE t (id int);\nDROP TABLE IF EXISTS t;", nil},
	{"drop column of new table postgres", "postgres", "CREATE TABLE t (id int, x int);\nALTER TABLE t DROP COLUMN x;", nil},
	{"drop column of new table sqlite", "sqlite", "CREATE TABLE t (id int, x int);\nALTER TABLE t DROP COLUMN x;", nil},
	{"rename new table postgres", "postgres", "CREATE TABLE t (id int);\nALTER TABLE t RENAME TO u;", nil},
	{"rename new table mysql", "mysql", "CREATE TABLE t (id int);\nRENAME TABLE t TO u;", nil},
	{"rename column of new table postgres", "postgres", "CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;", nil},
	{"change column keeping its name mysql", "mysql", "ALTER TABLE users CHANGE name name varchar(200) NOT NULL, ALGORITHM=INPLACE;", nil},
	{"rename column of new table sqlite", "sqlite", "CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;", nil},
	{"plain index sqlite", "sqlite", "CREATE INDEX ix_email ON users (email);", nil},
	{"unclassified sqlite", "sqlite", "VACUUM INTO 'x.db';\nATTACH DATABASE 'x.db' AS x;", []string{"unclassified"}},
	{"drop column", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN bio;", []string{"drop-column"}},
	{"drop column mysql", "mysql", "ALTER TABLE users DROP COLUMN bio;", []string{"drop-column"}},
	{"drop column sqlite", "sqlite", "ALTER TABLE users DROP COLUMN bio;", []string{"drop-column"}},
	{"drop column of new table", "mysql", "CREATE TABLE t (id int, x int);\nALTER TABLE t DROP COLUMN x;", nil},
	{"rename table", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users RENAME TO members;", []string{"rename-table"}},
	{"rename table mysql", "mysql", "RENAME TABLE users TO members;", []string{"rename-table"}},
	{"rename table sqlite", "sqlite", "ALTER TABLE users RENAME TO members;", []string{"rename-table"}},
	{"rename new table", "sqlite", "CREATE TABLE t (id int);\nALTER TABLE t RENAME TO u;", nil},
	{"rename column", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users RENAME COLUMN name TO full_name;", []string{"rename-column"}},
	{"rename column mysql change", "mysql", "ALTER TABLE users CHANGE name full_name varchar(200) NOT NULL;", []string{"rename-column"}},
	{"rename column sqlite", "sqlite", "ALTER TABLE users RENAME COLUMN name TO full_name;", []string{"rename-column"}},
	// Data-dependent changes.
	{"not null no default", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN age int NOT NULL;", []string{"not-null-without-default"}},
	{"not null with default", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0;", nil},
	{"not null no default mysql", "mysql", "ALTER TABLE users ADD age int NOT NULL;", []string{"not-null-without-default"}},
	{"not null with default mysql", "mysql", "ALTER TABLE users ADD age int NOT NULL DEFAULT 0;", nil},
	{"not null no default sqlite", "sqlite", "ALTER TABLE users ADD COLUMN age integer NOT NULL;", []string{"not-null-without-default"}},
	{"nullable sqlite", "sqlite", "ALTER TABLE users ADD COLUMN age integer;", nil},
	{"unique constraint", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD CONSTRAINT uq_email UNIQUE (email);", []string{"unique-on-existing-table"}},
	{"unique using index", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD CONSTRAINT uq_email UNIQUE USING INDEX ix_email;", nil},
	{"unique index mysql", "mysql", "CREATE UNIQUE INDEX ix_email ON users (email);", []string{"unique-on-existing-table"}},
	{"unique key mysql", "mysql", "ALTER TABLE users ADD UNIQUE KEY uq_email (email);", []string{"unique-on-existing-table"}},
	{"plain index mysql", "mysql", "CREATE INDEX ix_email ON users (email);", nil},
	{"unique index sqlite", "sqlite", "CREATE UNIQUE INDEX ix_email ON users (email);", []string{"unique-on-existing-table"}},
	{"unique index new table sqlite", "sqlite", "CREATE TABLE t (email text);\nCREATE UNIQUE INDEX ix ON t (email);", nil},
	// PostgreSQL locking.
	{"index not concurrent", "postgres", "SET lock_timeout = '5s';\nCREATE INDEX ix_email ON users (email);", []string{"index-not-concurrent"}},
	{"index concurrent", "postgres", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_email ON public.users (email);", nil},
	{"unique index concurrent", "postgres", "CREATE UNIQUE INDEX CONCURRENTLY ix_email ON users (email);", []string{"unique-on-existing-table"}},
	{"index new table", "postgres", "CREATE TABLE t (id int);\nCREATE INDEX ix ON t (id);", nil},
	{"drop index", "postgres", "SET lock_timeout = '5s';\nDROP INDEX ix_email;", []string{"drop-index-not-concurrent"}},
	{"drop index of a new table", "postgres", "CREATE TABLE t (id int);\nCREATE INDEX ix_t ON t (id);\nDROP INDEX ix_t;", nil},
	{"drop index concurrently", "postgres", "DROP INDEX CONCURRENTLY ix_email;", nil},
	{"type change", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN age TYPE bigint;", []string{"type-change-rewrite"}},
	{"type change mysql", "mysql", "ALTER TABLE users MODIFY age bigint NOT NULL;", []string{"table-copy"}},
	{"type change mysql inplace", "mysql", "ALTER TABLE users MODIFY age bigint NOT NULL, ALGORITHM=INPLACE;", nil},
	{"set not null", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", []string{"set-not-null"}},
	{"set not null after validated check", "postgres", "SET lock_timeout = '5s';\n" +
		"ALTER TABLE users ADD CONSTRAINT ck_email CHECK (email IS NOT NULL) NOT VALID;\n" +
		"ALTER TABLE users VALIDATE CONSTRAINT ck_email;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", nil},
	{"set not null after unvalidated check", "postgres", "SET lock_timeout = '5s';\n" +
		"ALTER TABLE users ADD CONSTRAINT ck_email CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
		[]string{"set-not-null"}},
	{"foreign key", "postgres", "SET lock_timeout = '5s';\nALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);", []string{"constraint-without-not-valid"}},
	{"foreign key not valid", "postgres", "SET lock_timeout = '5s';\nALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;", nil},
	{"check", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD CHECK (age >= 0);", []string{"constraint-without-not-valid"}},
	{"check not valid", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD CONSTRAINT ck_age CHECK (age >= 0) NOT VALID;", nil},
	{"column with foreign key", "postgres", "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);", []string{"constraint-without-not-valid"}},
	{"column with foreign key on new table", "postgres", "CREATE TABLE o (id int);\nALTER TABLE o ADD COLUMN user_id bigint REFERENCES users (id);", nil},
	{"foreign key mysql", "mysql", "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);", nil},
	{"volatile default", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();", []string{"volatile-default"}},
	{"stable default", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN created timestamptz NOT NULL DEFAULT now();", nil},
	{"serial column", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN n bigserial;", []string{"serial-column"}},
	{"nextval default", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN n bigint DEFAULT nextval('users_n_seq');", []string{"serial-column"}},
	{"identity column", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;", []string{"serial-column"}},
	{"no lock timeout", "postgres", "ALTER TABLE users ADD COLUMN bio text;\nALTER TABLE users ADD COLUMN x text;", []string{"lock-timeout"}},
	{"lock timeout set local", "postgres", "SET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;", nil},
	// MySQL.
	{"mixed ddl and data", "mysql", "ALTER TABLE users ADD bio text;\nUPDATE users SET bio = '';", []string{"mixed-ddl-and-data"}},
	{"data only mysql", "mysql", "INSERT INTO users (id) VALUES (1);\nUPDATE users SET bio = '';", nil},
	{"mixed ddl and data postgres", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users ADD bio text;\nUPDATE users SET bio = '';", nil},
	{"convert charset", "mysql", "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4;", []string{"table-copy"}},
	{"add primary key mysql", "mysql", "ALTER TABLE users ADD PRIMARY KEY (id);", []string{"unique-on-existing-table", "table-copy"}},
	{"algorithm copy", "mysql", "ALTER TABLE users ADD COLUMN bio text, ALGORITHM=COPY;", nil},
	{"instant add column", "mysql", "ALTER TABLE users ADD COLUMN bio text, ALGORITHM=INSTANT;", nil},
	// SQLite rebuild written by hand.
	{"rebuild", "sqlite", "CREATE TABLE _new_users (id integer PRIMARY KEY, email text NOT NULL);\n" +
		"INSERT INTO _new_users SELECT id, email FROM users;\nDROP TABLE users;\nALTER TABLE _new_users RENAME TO users;", []string{"batch-rebuild"}},
	{"swap postgres is a drop", "postgres", "SET lock_timeout = '5s';\nCREATE TABLE _new (id int);\nDROP TABLE users;\nALTER TABLE _new RENAME TO users;", []string{"drop-table"}},
	// Statements lint cannot read.
	{"unclassified", "postgres", "DO $$ BEGIN PERFORM 1; END $$;", []string{"unclassified"}},
	{"unclassified clause", "postgres", "SET lock_timeout = '5s';\nALTER TABLE users FROBNICATE;", []string{"unclassified"}},
	{"executable comment", "mysql", "/*!40101 SET NAMES utf8 */;", []string{"unclassified"}},
	{"harmless", "postgres", "CREATE VIEW v AS SELECT 1;\nCOMMENT ON TABLE users IS 'x';\nCREATE TYPE mood AS ENUM ('a');\nSELECT 1;", nil},
	// Suppressions.
	{"suppressed statement", "sqlite", "-- migrate:lint-ignore drop-table unused since v2, backed up\nDROP TABLE users;", []string{"drop-table(accepted)"}},
	{"suppression applies to the next statement only", "sqlite", "-- migrate:lint-ignore drop-table unused since v2\nDROP TABLE users;\nDROP TABLE orders;", []string{"drop-table(accepted)", "drop-table"}},
	{"suppression without reason", "sqlite", "-- migrate:lint-ignore drop-table\nDROP TABLE users;", []string{"bad-lint-ignore", "drop-table"}},
	{"suppression of unknown rule", "sqlite", "-- migrate:lint-ignore drop-everything because\nDROP TABLE users;", []string{"bad-lint-ignore", "drop-table"}},
}

// sqlRevision builds a SQL revision file around an upgrade section.
func sqlRevision(t *testing.T, id, header, upgrade string) *scriptdir.Script {
	t.Helper()
	src := "-- migrate:id " + id + "\n" + header + "-- migrate:upgrade\n" + upgrade + "\n"
	sc, err := scriptdir.ParseSQLRevision(id+".sql", []byte(src))
	if err != nil {
		t.Fatalf("revision file: %v", err)
	}
	return sc
}

// ruleList returns the rule ids of findings, accepted ones marked.
func ruleList(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		if f.Suppressed != "" {
			out = append(out, f.Rule+"(accepted)")
		} else {
			out = append(out, f.Rule)
		}
	}
	return out
}

// formatFindings writes findings as the golden files hold them.
func formatFindings(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Describe())
	}
	return b.String()
}

func TestSQLRules(t *testing.T) {
	g := ruleGolden{}
	for _, c := range sqlCases {
		t.Run(c.db+"/"+c.name, func(t *testing.T) {
			g.check(t, c.db, c.name, c.want, func(*testing.T) []*Revision {
				return []*Revision{{Script: sqlRevision(t, "r1", "", c.sql), InRange: true}}
			})
		})
	}
	g.compare(t, "sql_")
}

// ruleGolden collects the findings of rule cases per database, for the
// golden files.
type ruleGolden map[string]*strings.Builder

// check lints the revisions of one case on db, compares the rules found
// with want and records the findings.
func (g ruleGolden) check(t *testing.T, db, name string, want []string, revs func(*testing.T) []*Revision) {
	t.Helper()
	d, err := dialect.ForName(db)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Check(context.Background(), Options{Dialect: d}, revs(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := ruleList(rep.Findings); !slices.Equal(got, want) {
		t.Errorf("rules: got %q, want %q\n%s", got, want, formatFindings(rep.Findings))
	}
	if g[db] == nil {
		g[db] = &strings.Builder{}
	}
	fmt.Fprintf(g[db], "== %s\n%s", name, formatFindings(rep.Findings))
}

// compare checks the golden files prefix<db>.golden.
func (g ruleGolden) compare(t *testing.T, prefix string) {
	for db, b := range g {
		checkGolden(t, prefix+db+".golden", b.String())
	}
}

// checkGolden compares got with testdata/name (rewritten with -update).
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file (run go test -update): %v", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run go test -update and review the diff):\n%s", path, got)
	}
}

func TestSQLRevisionOfAnotherDatabase(t *testing.T) {
	d, _ := dialect.ForName("postgres")
	rev := &Revision{Script: sqlRevision(t, "r1", "-- migrate:dialect mysql\n", "ALTER TABLE t MODIFY c int;"), InRange: true}
	_, err := Check(context.Background(), Options{Dialect: d}, []*Revision{rev})
	if err == nil || !strings.Contains(err.Error(), "mysql") {
		t.Errorf("a MySQL revision linted for PostgreSQL: got %v, want the error of the runner", err)
	}
}
