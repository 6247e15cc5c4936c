package autogen

import (
	"context"
	"testing"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestRoutineCharsetLive creates, on MariaDB, routines whose string
// parameters and result name a character set and collation in several
// ways, in a database whose default is utf8mb4_unicode_ci, and compares
// them with a model that writes them as it does (no change) or otherwise
// (a change). The inspector leaves the database's defaults out; Compare
// must leave them out of the model as well, and nothing else.
func TestRoutineCharsetLive(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test")
	}
	db, _ := testdb.Open(t, "mysql")
	ctx := context.Background()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, "ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatal(err)
	}
	proc := func(param string) string {
		return "CREATE PROCEDURE p(IN a " + param + ", OUT b int)\nBEGIN\n\tSET b = CHAR_LENGTH(a);\nEND"
	}
	fn := func(result string) string {
		return "CREATE FUNCTION f(a varchar(20)) RETURNS " + result + " DETERMINISTIC RETURN CONCAT(a, 'x')"
	}
	cases := []struct {
		name      string
		kind      model.DefinitionKind
		db, model string
		same      bool
	}{
		{"default spelled", model.DefProcedure, proc("varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci"), "", true},
		{"default spelled CHARACTER SET", model.DefProcedure, proc("varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"), "", true},
		{"default collation alone", model.DefProcedure, proc("varchar(20) COLLATE utf8mb4_unicode_ci"), "", true},
		{"default left out", model.DefProcedure, proc("varchar(20)"), "", true},
		{"default against left out", model.DefProcedure, proc("varchar(20)"), proc("varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci"), true},
		{"result default spelled", model.DefFunction, fn("varchar(40) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci"), "", true},
		{"charset alone (its own default collation)", model.DefProcedure, proc("varchar(20) CHARSET utf8mb4"), "", true},
		{"another charset", model.DefProcedure, proc("varchar(20) CHARSET latin1"), "", true},
		// must differ
		{"default to latin1", model.DefProcedure, proc("varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci"), proc("varchar(20) CHARSET latin1"), false},
		{"latin1 to default", model.DefProcedure, proc("varchar(20) CHARSET latin1"), proc("varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci"), false},
		{"default to another collation", model.DefProcedure, proc("varchar(20)"), proc("varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_bin"), false},
		{"default to charset alone", model.DefProcedure, proc("varchar(20)"), proc("varchar(20) CHARSET utf8mb4"), false},
		{"result default to latin1", model.DefFunction, fn("varchar(40) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci"), fn("varchar(40) CHARSET latin1"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name := "p"
			if tc.kind == model.DefFunction {
				name = "f"
			}
			if _, err := db.ExecContext(ctx, tc.db); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if _, err := db.ExecContext(ctx, "DROP "+string(tc.kind)+" "+name); err != nil {
					t.Error(err)
				}
			})
			live, err := inspect.Database(ctx, db, inspect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			text := tc.model
			if text == "" {
				text = tc.db
			}
			tgt := &model.MetaData{Definitions: []*model.Definition{{Kind: tc.kind, Name: name, SQL: text}}}
			res, err := Compare(live, tgt, Options{Dialect: db.Dialect})
			if err != nil {
				t.Fatal(err)
			}
			if res.Empty() != tc.same {
				t.Errorf("no change = %v, want %v: %s\ndatabase: %s", res.Empty(), tc.same, opNames(res.Ops), live.Definitions[0].SQL)
			}
		})
	}
}
