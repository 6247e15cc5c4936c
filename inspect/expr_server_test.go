package inspect_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// exprServerPair is an expression and, when not empty, another that
// differs from it in meaning.
type exprServerPair struct{ a, b string }

// exprServerCases are, per database, the expressions TestExprServer
// stores: checks, partial-index predicates, index keys, generated columns
// (with their type) and defaults (with their column's type).
type exprServerCases struct {
	checks, where, keys []exprServerPair
	generated           []exprServerPair
	generatedType       model.Type
	defaults            []exprServerDefault
}

type exprServerDefault struct {
	typ  model.Type
	expr string
}

var exprServer = map[string]exprServerCases{
	"postgres": {
		checks: []exprServerPair{
			{"(a > 0 OR b > 0) AND c > 0", "a > 0 OR (b > 0 AND c > 0)"},
			{"price * (1 - discount) > 0", "price * 1 - discount > 0"},
			{"(price + 1) * 2 > discount", "price + 1 * 2 > discount"},
			{"a - (b - c) > 0", "a - b - c > 0"},
			{"status = 'it''s'", "status = 'its'"},
			{"st = 'a'", "st = 'A'"},
			{`"Col" > 0`, "col > 0"},
			{"st IS NULL", "st = 'NULL'"},
			{"st <> '--x'", "st <> '-x'"},
			{"status IN ('a', 'b')", "status NOT IN ('a', 'b')"},
			{"st IN ('a', 'b')", "st NOT IN ('a', 'b')"},
			{"a BETWEEN 1 AND 10", "a NOT BETWEEN 1 AND 10"},
			{"st LIKE 'a%'", "st ILIKE 'a%'"},
			{"NOT (a > 0 AND b > 0)", "NOT a > 0 AND b > 0"},
			{"a IN (1, 2)", "a IN (1)"},
			{"lower(email) <> ''", ""},
			{"-a < 5 AND a > - 1", ""},
			{"CASE WHEN a > 0 THEN b ELSE c END > 0", ""},
			{"COALESCE(a, 0) >= 0 AND price > 1.50", ""},
			{"a % 2 = 0 AND a * b / c > 0", ""},
			{`st = E'a\'b' AND st <> $$x$$ AND a IS DISTINCT FROM b`, ""},
			{"ch = 'x'", ""},
			{"big > 3000000000", ""},
			{"st NOT LIKE 'z' AND email LIKE '%@%'", ""},
			{"NOT flag IS NULL AND st || 'x' <> 'y'", ""},
		},
		where: []exprServerPair{
			{"deleted_at IS NULL", "deleted_at IS NOT NULL"},
			{"a > 0 AND (b > 0 OR c > 0)", "a > 0 AND b > 0 OR c > 0"},
			{"status IN ('a', 'b')", ""},
		},
		keys: []exprServerPair{
			{"lower(email)", "upper(email)"},
			{"(a + b) * c", "a + b * c"},
			{"price * 2", ""},
		},
		generated:     []exprServerPair{{"a * (b + 1)", "a * b + 1"}, {"(a - b) - c", "a - (b - c)"}},
		generatedType: model.Integer,
		defaults: []exprServerDefault{
			{model.TimestampTZ, "now()"},
			{model.TimestampTZ, "CURRENT_TIMESTAMP"},
			{model.Integer, "(1 + 2) * 3"},
			{model.Text, "lower('AB')"},
			{model.Text, "'a' || 'b'"},
			{model.BigInt, "nextval('s')"},
		},
	},
	"mysql": {
		checks: []exprServerPair{
			{"(a > 0 OR b > 0) AND c > 0", "a > 0 OR (b > 0 AND c > 0)"},
			{"price * (1 - discount) > 0", "price * 1 - discount > 0"},
			{"a - (b - c) > 0", "a - b - c > 0"},
			{"status = 'it''s'", "status = 'its'"},
			{`st <> 'a\\b'`, `st <> 'a\b'`},
			{`st <> 'a\%'`, "st <> 'a%'"},
			{"st = 'a'", "st = 'A'"},
			{"st IS NULL", "st = 'NULL'"},
			{"st <> '--x'", "st <> '-x'"},
			{"status IN ('a', 'b')", "status NOT IN ('a', 'b')"},
			{"a BETWEEN 1 AND 10", "a NOT BETWEEN 1 AND 10"},
			{"NOT (a > 0 AND b > 0)", "NOT a > 0 AND b > 0"},
			{"a = (1 = 1)", "a = 1 = 1"},
			{"(a XOR b) AND c", "a XOR (b AND c)"},
			{"a | b & c > 0", "(a | b) & c > 0"},
			{"lower(status) <> '' AND length(st) < 10", ""},
			{"flag = TRUE AND a IN (1) AND a != b AND (a || b) AND (a && b)", ""},
			{`st <> "dq" AND st <> _utf8mb4'x'`, ""},
			{"CASE WHEN a > 0 THEN b ELSE c END > 0", ""},
			{"-(-a) > 0 AND - (a + b) < 0 AND a - -1 > 0", ""},
			{"a DIV 2 > 0 AND a MOD 2 = 0 AND a % 3 = 0", ""},
			{"NOT (a > 0) AND !(b > 0) AND NOT c IS NULL", ""},
			{"st LIKE 'a%' AND st REGEXP '^a' AND st NOT LIKE 'b%'", ""},
		},
		generated:     []exprServerPair{{"a * (b + 1)", "a * b + 1"}, {"(a - b) - c", "a - (b - c)"}},
		generatedType: model.Integer,
		defaults: []exprServerDefault{
			{model.Timestamp, "CURRENT_TIMESTAMP"},
			{model.Timestamp, "now()"},
			{model.Timestamp, "CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"},
			{model.Integer, "(1 + 2) * 3"},
			{model.Varchar(10), "concat('a', 'b')"},
		},
	},
	"sqlite": {
		checks: []exprServerPair{
			{"(a > 0 OR b > 0) AND c > 0", "a > 0 OR (b > 0 AND c > 0)"},
			{"price * (1 - discount) > 0", "price * 1 - discount > 0"},
			{"a - (b - c) > 0", "a - b - c > 0"},
			{"status = 'it''s'", "status = 'its'"},
			{"st = 'a'", "st = 'A'"},
			{"st IS NULL", "st = 'NULL'"},
			{"st <> '--x'", "st <> '-x'"},
			{"status IN ('a', 'b')", "status NOT IN ('a', 'b')"},
			{"a || (b || c) <> ''", "a || b || c <> ''"},
			{"a == 1 AND b != 2 AND c NOTNULL", ""},
		},
		where: []exprServerPair{
			{"deleted_at IS NULL", "deleted_at IS NOT NULL"},
			{"a > 0 AND (b > 0 OR c > 0)", "a > 0 AND b > 0 OR c > 0"},
		},
		keys: []exprServerPair{
			{"lower(email)", "upper(email)"},
			{"(a + b) * c", "a + b * c"},
		},
		generated:     []exprServerPair{{"a * (b + 1)", "a * b + 1"}, {"(a - b) - c", "a - (b - c)"}},
		generatedType: model.Integer,
		defaults: []exprServerDefault{
			{model.Timestamp, "CURRENT_TIMESTAMP"},
			{model.Integer, "(1 + 2) * 3"},
		},
	},
}

// TestExprServer stores expressions on each database (checks, partial
// index predicates, index keys, generated columns, defaults), reads them
// back with inspect, and requires that the server's spelling normalises
// equal to the declared one, and that the expressions of each pair, which
// differ in meaning, still differ once the server has rewritten them.
func TestExprServer(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			d := db.Dialect
			cs := exprServer[name]
			md := exprServerModel(d, cs)
			create, err := dialect.CreateAll(d, md)
			if err != nil {
				t.Fatalf("CreateAll: %v", err)
			}
			execAll(ctx, t, db, create...)
			got := inspectDB(ctx, t, db, inspect.Options{})
			want, have := dialect.Normalize(d, md), dialect.Normalize(d, got)
			if diff := modeltest.Diff(want, have); diff != "" {
				t.Errorf("the server's spelling normalises differently from the declared one:\n%s", diff)
			}
			tb := have.Table("", "exprs")
			if tb == nil {
				t.Fatalf("table exprs not inspected")
			}
			differ := func(kind, a, b, ka, kb string) {
				t.Helper()
				if ka == kb {
					t.Errorf("%s %q and %q differ in meaning, yet read back both normalise to %q", kind, a, b, ka)
				}
			}
			checks := map[string]string{}
			for _, c := range tb.Checks {
				checks[c.Name] = c.Expr
			}
			for i, p := range cs.checks {
				if p.b != "" {
					differ("checks", p.a, p.b, checks[fmt.Sprintf("ck_%d_a", i)], checks[fmt.Sprintf("ck_%d_b", i)])
				}
			}
			indexes := map[string]*model.Index{}
			for _, ix := range tb.Indexes {
				indexes[ix.Name] = ix
			}
			for i, p := range cs.where {
				if a, b := indexes[fmt.Sprintf("ix_w%d_a", i)], indexes[fmt.Sprintf("ix_w%d_b", i)]; a != nil && b != nil {
					differ("predicates", p.a, p.b, a.Where, b.Where)
				}
			}
			for i, p := range cs.keys {
				if a, b := indexes[fmt.Sprintf("ix_k%d_a", i)], indexes[fmt.Sprintf("ix_k%d_b", i)]; a != nil && b != nil {
					differ("index keys", p.a, p.b, a.Parts[0].Expr, b.Parts[0].Expr)
				}
			}
			for i, p := range cs.generated {
				a, b := tb.Column(fmt.Sprintf("g%d_a", i)), tb.Column(fmt.Sprintf("g%d_b", i))
				if a != nil && b != nil && a.Generated != nil && b.Generated != nil {
					differ("generated columns", p.a, p.b, a.Generated.Expr, b.Generated.Expr)
				}
			}
		})
	}
}

// exprServerModel is the table (and sequence) holding the expressions of cs.
func exprServerModel(d dialect.Dialect, cs exprServerCases) *model.MetaData {
	caps := d.Capabilities()
	col := func(name string, typ model.Type) *model.Column {
		return &model.Column{Name: name, Type: typ, Nullable: true}
	}
	t := &model.Table{Name: "exprs", Columns: []*model.Column{
		{Name: "id", Type: model.Integer},
		col("a", model.Integer), col("b", model.Integer), col("c", model.Integer), col("big", model.BigInt),
		col("price", model.Numeric(10, 2)), col("discount", model.Numeric(10, 2)),
		col("status", model.Varchar(10)), col("st", model.Varchar(50)), col("email", model.Varchar(50)),
		col("ch", model.Char(3)), col("flag", model.Boolean), col("deleted_at", model.Timestamp),
	}, PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	if d.Name() == "postgres" {
		t.Columns = append(t.Columns, col("Col", model.Integer), col("col", model.Integer))
	}
	md := &model.MetaData{Tables: []*model.Table{t}}
	if caps.Sequences {
		md.Sequences = append(md.Sequences, &model.Sequence{Name: "s"})
	}
	both := func(i int, p exprServerPair, f func(suffix, expr string)) {
		f(fmt.Sprintf("%d_a", i), p.a)
		if p.b != "" {
			f(fmt.Sprintf("%d_b", i), p.b)
		}
	}
	for i, p := range cs.checks {
		both(i, p, func(s, e string) { t.Checks = append(t.Checks, &model.Check{Name: "ck_" + s, Expr: e}) })
	}
	for i, p := range cs.where {
		both(i, p, func(s, e string) {
			t.Indexes = append(t.Indexes, &model.Index{Name: "ix_w" + s, Parts: model.Cols("a"), Where: e})
		})
	}
	for i, p := range cs.keys {
		both(i, p, func(s, e string) {
			t.Indexes = append(t.Indexes, &model.Index{Name: "ix_k" + s, Parts: []model.IndexPart{{Expr: e}}})
		})
	}
	for i, p := range cs.generated {
		both(i, p, func(s, e string) {
			t.Columns = append(t.Columns, &model.Column{Name: "g" + s, Type: cs.generatedType, Nullable: true,
				Generated: &model.Generated{Expr: e, Stored: caps.GeneratedStored}})
		})
	}
	for i, df := range cs.defaults {
		c := col(fmt.Sprintf("d%d", i), df.typ)
		c.Default = model.DefaultExpr(df.expr)
		t.Columns = append(t.Columns, c)
	}
	return md
}
