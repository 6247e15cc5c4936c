package ops_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/query"
)

// stamp is embedded in person: its fields are flattened into columns.
type stamp struct {
	Note string `migrate:"note"`
}

// person is a model struct; rows scan into it by its migrate tags.
type person struct {
	ID    int64   `migrate:"id,pk"`
	Name  string  `migrate:"name,type=varchar(100)"`
	Email *string `migrate:"email"`
	Score float64
	stamp
	Ignored string `migrate:"-"`
}

const peopleDDL = "CREATE TABLE people (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(100), score DOUBLE PRECISION NOT NULL, note VARCHAR(50) NOT NULL)"

var people = query.T("people")

// TestOpReadWrite writes and reads rows through an Op on a transaction,
// on every database: portable Execute parameters, Exec, QueryRow into a
// struct, a map and a scalar, Stream into structs and maps (and breaking
// out of it), RETURNING where the database has it, and UpdateRows.
func TestOpReadWrite(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			if _, err := db.ExecContext(ctx, peopleDDL); err != nil {
				t.Fatal(err)
			}
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			op := ops.NewOp(db.Dialect, tx)
			op.InTransaction = true

			if err := op.Execute(ctx, "INSERT INTO people (id, name, email, score, note) VALUES (?, ?, ?, ?, 'it''s ?')", 1, "ann", "a@x", 1.5); err != nil {
				t.Fatal(err)
			}
			n, err := op.Exec(ctx, query.Insert(people).Columns("id", "name", "email", "score", "note").
				Values(2, "bob", nil, 2.25, "b").Values(3, "cid", "c@x", -1.0, "c"))
			if err != nil || n != 2 {
				t.Fatalf("insert: %d, %v", n, err)
			}

			var p person
			if err := op.QueryRow(ctx, query.Select().From(people).Where(query.Eq(people.C("id"), 1)), &p); err != nil {
				t.Fatal(err)
			}
			if p.ID != 1 || p.Name != "ann" || p.Email == nil || *p.Email != "a@x" || p.Score != 1.5 || p.Note != "it's ?" {
				t.Errorf("struct row: %+v", p)
			}
			var m map[string]any
			if err := op.QueryRow(ctx, query.Select(people.C("name"), people.C("email")).From(people).Where(query.Eq(people.C("id"), 2)), &m); err != nil {
				t.Fatal(err)
			}
			if m["name"] != "bob" || m["email"] != nil || len(m) != 2 {
				t.Errorf("map row: %#v", m)
			}
			var count int64
			if err := op.QueryRow(ctx, query.Select(query.Count()).From(people), &count); err != nil || count != 3 {
				t.Errorf("count: %d, %v", count, err)
			}
			err = op.QueryRow(ctx, query.Select().From(people).Where(query.Eq(people.C("id"), 99)), &p)
			if !errors.Is(err, query.ErrNoRows) {
				t.Errorf("missing row: %v, want ErrNoRows", err)
			}
			var wrong struct{ ID int64 }
			err = op.QueryRow(ctx, query.Select(people.C("id"), people.C("note")).From(people).Limit(1), &wrong)
			if err == nil || !strings.Contains(err.Error(), `column "note" has no field`) {
				t.Errorf("scan into a struct without the column: %v", err)
			}

			var names []string
			for p, err := range ops.Stream[person](ctx, op, query.Select().From(people).OrderBy(query.Asc(people.C("id")))) {
				if err != nil {
					t.Fatal(err)
				}
				names = append(names, fmt.Sprintf("%s:%v", p.Name, p.Email != nil))
			}
			if got := strings.Join(names, " "); got != "ann:true bob:false cid:true" {
				t.Errorf("stream structs: %s", got)
			}
			seen := 0
			for m, err := range ops.Stream[map[string]any](ctx, op, query.Select(people.C("id")).From(people).OrderBy(query.Asc(people.C("id")))) {
				if err != nil {
					t.Fatal(err)
				}
				if seen++; seen == 2 {
					if fmt.Sprint(m["id"]) != "2" {
						t.Errorf("second streamed row: %#v", m)
					}
					break // closes the rows: the transaction is free again
				}
			}
			if _, err := op.Exec(ctx, query.Delete(people).Where(query.Eq(people.C("id"), 3))); err != nil {
				t.Fatalf("statement after breaking out of a stream: %v", err)
			}

			ins := query.Insert(people).Columns("id", "name", "score", "note").Values(4, "dan", 4.0, "d").Returning(people.C("id"))
			if qc, _ := dialect.QueryCompilerOf(db.Dialect); qc.Returning("INSERT") == nil {
				var id int64
				if err := op.QueryRow(ctx, ins, &id); err != nil || id != 4 {
					t.Errorf("insert returning: %d, %v", id, err)
				}
			} else if _, err := op.Query(ctx, ins); err == nil || !strings.Contains(err.Error(), "RETURNING") {
				t.Errorf("RETURNING where unsupported: %v", err)
			}
		})
	}
}

// TestUpdateRows updates 2,500 rows with a value per row in set-based
// statements on every database, and counts the statements.
func TestUpdateRows(t *testing.T) {
	const rows = 2500
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			if _, err := db.ExecContext(ctx, peopleDDL); err != nil {
				t.Fatal(err)
			}
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			ins := ops.BulkInsert{Table: "people", Columns: []string{"id", "name", "score", "note"}}
			upd := ops.RowUpdate{Table: "people", Key: []string{"id"}, Columns: []string{"name", "score"}}
			for i := range rows {
				ins.Rows = append(ins.Rows, []any{int64(i + 1), "p", 0.0, "n"})
				upd.Rows = append(upd.Rows, []any{int64(i + 1), fmt.Sprintf("name %d 'q' \\", i+1), float64(i) / 2})
			}
			op := ops.NewOp(db.Dialect, tx)
			if err := op.BulkInsert(ctx, ins); err != nil {
				t.Fatal(err)
			}
			counter := &execCounter{Tx: tx}
			n, err := ops.NewOp(db.Dialect, counter).UpdateRows(ctx, upd)
			if err != nil {
				t.Fatal(err)
			}
			if n != rows {
				t.Errorf("%d rows updated, want %d", n, rows)
			}
			if counter.execs > 3 {
				t.Errorf("%d statements for %d rows, want set-based batches", counter.execs, rows)
			}
			var p person
			if err := op.QueryRow(ctx, query.Select().From(people).Where(query.Eq(people.C("id"), 1234)), &p); err != nil {
				t.Fatal(err)
			}
			if p.Name != `name 1234 'q' \` || p.Score != 616.5 || p.Note != "n" {
				t.Errorf("row 1234 after the update: %+v", p)
			}
		})
	}
}

// TestOpOffline: in --sql mode writes print with escaped literals, raw
// SQL with portable parameters too, and a read fails naming the revision.
func TestOpOffline(t *testing.T) {
	for _, tc := range []struct {
		d    dialect.Dialect
		want []string
	}{
		{dialect.Postgres(), []string{
			`INSERT INTO "people" ("id", "name") VALUES (1, 'it''s')`,
			`UPDATE people SET name = 'x\' WHERE id = 7 AND note = '?'`,
			`UPDATE "people" SET "name" = "migrate_values"."name" FROM (VALUES (1, 'a'), (2, NULL)) AS "migrate_values" ("id", "name") WHERE ("people"."id" = "migrate_values"."id")`,
		}},
		{dialect.MySQL(), []string{
			"INSERT INTO `people` (`id`, `name`) VALUES (1, 'it''s')",
			`UPDATE people SET name = 'x\\' WHERE id = 7 AND note = '?'`,
			"UPDATE `people`, (SELECT 1 AS `id`, 'a' AS `name` UNION ALL SELECT 2, NULL) AS `migrate_values` SET `people`.`name` = `migrate_values`.`name` WHERE (`people`.`id` = `migrate_values`.`id`)",
		}},
		{dialect.SQLite(), []string{
			`INSERT INTO "people" ("id", "name") VALUES (1, 'it''s')`,
			`UPDATE people SET name = 'x\' WHERE id = 7 AND note = '?'`,
			`UPDATE "people" SET "name" = "migrate_values"."name" FROM (SELECT column1 AS "id", column2 AS "name" FROM (VALUES (1, 'a'), (2, NULL))) AS "migrate_values" WHERE ("people"."id" = "migrate_values"."id")`,
		}},
	} {
		t.Run(tc.d.Name(), func(t *testing.T) {
			ctx := context.Background()
			var got []string
			op := ops.NewOfflineOp(tc.d, func(s string) error { got = append(got, s); return nil })
			op.Revision = "ae1027a6acf"
			if _, err := op.Exec(ctx, query.Insert(people).Columns("id", "name").Values(1, "it's")); err != nil {
				t.Fatal(err)
			}
			if err := op.Execute(ctx, "UPDATE people SET name = ? WHERE id = ? AND note = '?'", `x\`, 7); err != nil {
				t.Fatal(err)
			}
			if _, err := op.UpdateRows(ctx, ops.RowUpdate{Table: "people", Key: []string{"id"}, Columns: []string{"name"}, Rows: [][]any{{1, "a"}, {2, nil}}}); err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("printed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			_, err := op.Query(ctx, query.Select().From(people))
			var re *ops.ReadOfflineError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), "revision ae1027a6acf reads rows (SELECT)") {
				t.Errorf("offline read: %v", err)
			}
			for _, err := range ops.Stream[person](ctx, op, query.Select().From(people)) {
				if !errors.As(err, &re) {
					t.Errorf("offline stream: %v", err)
				}
			}
			if err := op.Execute(ctx, "UPDATE people SET name = ?", "bad\xff"); err == nil || !strings.Contains(err.Error(), "UTF-8") {
				t.Errorf("invalid UTF-8 offline: %v", err)
			}
		})
	}
}
