package dialect

import (
	"testing"

	"github.com/migratego/migrate/model"
)

// exprTable gives the expressions of the tests their column types.
var exprTable = &model.Table{Name: "t", Columns: []*model.Column{
	{Name: "a", Type: model.Integer}, {Name: "b", Type: model.Integer}, {Name: "c", Type: model.Integer},
	{Name: "big", Type: model.BigInt}, {Name: "f", Type: model.Double},
	{Name: "price", Type: model.Numeric(10, 2)}, {Name: "discount", Type: model.Numeric(10, 2)},
	{Name: "status", Type: model.Varchar(10)}, {Name: "st", Type: model.Text}, {Name: "email", Type: model.Varchar(50)},
	{Name: "ch", Type: model.Char(3)}, {Name: "ts", Type: model.Timestamp}, {Name: "d", Type: model.Date},
	{Name: "flag", Type: model.Boolean}, {Name: "x", Type: model.Integer}, {Name: "deleted_at", Type: model.TimestampTZ},
	{Name: "Col", Type: model.Integer}, {Name: "col", Type: model.Integer},
}}

// exprPair is two spellings of an expression.
type exprPair struct{ a, b string }

// exprMustDiffer holds, per dialect, pairs that mean different things and
// must never normalise equal.
var exprMustDiffer = map[string][]exprPair{
	"postgres": {
		{"(a OR b) AND c", "a OR (b AND c)"},
		{"(a > 0 OR b > 0) AND c > 0", "a > 0 OR (b > 0 AND c > 0)"},
		{"price * (1 - discount)", "price * 1 - discount"},
		{"price * (1 - discount) > 0", "price * 1 - discount > 0"},
		{"a - (b - c)", "a - b - c"},
		{"a / (b * c)", "a / b * c"},
		{"a + (b + c)", "a + b + c"}, // not folded: the server keeps the tree
		{"2 ^ (3 ^ 4)", "2 ^ 3 ^ 4"},
		{"-(a + b)", "-a + b"},
		{"NOT (a > 0 AND b > 0)", "NOT a > 0 AND b > 0"},
		{"(a = b) IS NULL", "a = (b IS NULL)"},
		{"'a'", "'A'"},
		{"st = 'a'", "st = 'A'"},
		{`"Col" > 0`, "col > 0"},
		{`"Col" > 0`, "Col > 0"},
		{"x = 'it''s'", "x = 'its'"},
		{"st = 'it''s'", `st = 'it\'s'`}, // a backslash is a character in a standard string
		{"st = E'a\\nb'", "st = 'a\\nb'"},
		{"'1'", "1"},
		{"st = '1'", "st = 1"},
		{"NULL", "'NULL'"},
		{"st = 'x' -- note", "st = 'x -- note'"},
		{"'--x'", "'-x'"},
		{"'a /* b */ c'", "'a  c'"},
		{"lower(st) = 'a'", "upper(st) = 'a'"},
		{"st LIKE 'a%'", "st ILIKE 'a%'"},
		{"a IN (1, 2)", "a NOT IN (1, 2)"},
		{"a BETWEEN 1 AND 2", "a NOT BETWEEN 1 AND 2"},
		{"a IS NULL", "a IS NOT NULL"},
		{"1::numeric / 2", "1 / 2"},
		{"1::numeric / 2::numeric", "1 / 2"},
		{"a::numeric / 2", "a / 2"},
		{"(x + 1::numeric) / 2", "(x + 1) / 2"},
		{"x::text < '9'", "x < '9'"},
		{"a::bigint", "a"},
		{"ts > '2020-01-01'", "ts > '2020-01-01 00:00:00'::timestamp without time zone"},
		{"current_timestamp", "current_date"},
		{"statement_timestamp()", "now()"},
		{"a = b = c", "a = (b = c)"},
		{"$$a$$", "$$b$$"},
		{"x'1f'", "'1f'"},
		{"st COLLATE \"C\" > 'a'", "st COLLATE c > 'a'"},
		{"CASE WHEN a > 0 THEN 1 ELSE 2 END", "CASE WHEN a > 0 THEN 2 ELSE 1 END"},
		{"1.5", "1.50"}, // numeric keeps its scale
		{"coalesce(a, b)", "coalesce(b, a)"},
		{"a = ANY (ARRAY[1, 2])", "a = ALL (ARRAY[1, 2])"},
		{"U&'\\0061'", "u & '\\0061'"},
		{"-a[1]", "(-a)[1]"},
		{"-st COLLATE \"C\"", "-(st COLLATE \"C\")"},
	},
	"mysql": {
		{"(a OR b) AND c", "a OR (b AND c)"},
		{"(a > 0 OR b > 0) AND c > 0", "a > 0 OR (b > 0 AND c > 0)"},
		{"price * (1 - discount)", "price * 1 - discount"},
		{"a - (b - c)", "a - b - c"},
		{"a = (1 = 1)", "a = 1 = 1"},
		{"(a XOR b) AND c", "a XOR (b AND c)"},
		{"a | b & c", "(a | b) & c"},
		{"'a'", "'A'"},
		{"x = 'it''s'", "x = 'its'"},
		{`x = 'a\\b'`, `x = 'a\b'`},
		{`x = 'a\%'`, `x = 'a%'`},
		{"'1'", "1"},
		{"NULL", "'NULL'"},
		{"x = 'a' -- c", "x = 'a -- c'"},
		{"x --1", "x"}, // -- without a space is two minus signs
		{"x = 'a' # c", "x = 'a # c'"},
		{"_latin1'a'", "'a'"},
		{"NOT (a > 0)", "a > 0"},
		{"NOT (a <=> b)", "a <> b"},
		{"lower(st)", "upper(st)"},
		{"a IN (1, 2)", "a NOT IN (1, 2)"},
		{"a IS TRUE", "a IS NOT TRUE"},
		{"a DIV 2", "a / 2"},
		{"st LIKE 'a'", "st REGEXP 'a'"},
		{"a - (b + c)", "a - b + c"},
		{"a * (b + c)", "a * b + c"},
		{"NOT (a AND b)", "NOT a AND b"},
		{"NOT a = b", "!a = b"},
		{"-(a * b)", "-a * b"},
		{"a IS NULL", "a IS NOT NULL"},
		{`'a\nb'`, "'anb'"},
		{`"a"`, "`a`"}, // a string and a column
		{"st COLLATE utf8mb4_bin = 'a'", "st = 'a'"},
		{"x'41'", "'41'"},
		{"b'1'", "'1'"},
		{"NOT NOT a", "a"}, // NOT NOT 5 is 1
	},
	"sqlite": {
		{"(a OR b) AND c", "a OR (b AND c)"},
		{"price * (1 - discount)", "price * 1 - discount"},
		{"a - (b - c)", "a - b - c"},
		{"(a = b) < c", "a = (b < c)"},
		{"'a'", "'A'"},
		{"x = 'it''s'", "x = 'its'"},
		{"'1'", "1"},
		{"NULL", "'NULL'"},
		{"x = 'a' -- c", "x = 'a -- c'"},
		{"a || (b || c)", "a || b || c"},
		{"a IS b", "a IS NOT b"},
		{"x GLOB 'a'", "x LIKE 'a'"},
		{"-a COLLATE nocase", "-(a COLLATE nocase)"},
		{"a - b + c", "a - (b + c)"},
		{"a * (b + c)", "a * b + c"},
		{`"a"`, "'a'"},
		{"NOT a = b", "(NOT a) = b"},
		{"a IS NULL", "a IS NOT NULL"},
		{"x'41'", "'41'"},
		{"a COLLATE nocase = b", "a = b COLLATE nocase"},
		{"a BETWEEN 1 AND 2", "a NOT BETWEEN 1 AND 2"},
		{"a IN (1, 2)", "a IN (2, 1)"},
		{"'a' || 'b'", "'ab'"},
		{"[x y] = 1", "x = 1"},
	},
}

// exprMustEqual holds, per dialect, a declared spelling and what the
// server prints back for it (taken from the catalogs of PostgreSQL 15
// and MariaDB 10.11, and SQLite's stored text), and other spellings
// that are the same expression.
var exprMustEqual = map[string][]exprPair{
	"postgres": {
		{"(a > 0 OR b > 0) AND c > 0", "(((a > 0) OR (b > 0)) AND (c > 0))"},
		{"a > 0 OR (b > 0 AND c > 0)", "((a > 0) OR ((b > 0) AND (c > 0)))"},
		{"a > 0 AND b > 0", "((a > 0) AND (b > 0))"},
		{"price * (1 - discount) > 0", "((price * ((1)::numeric - discount)) > (0)::numeric)"},
		{"price > 0", "CHECK ((price > (0)::numeric))"[7 : len("CHECK ((price > (0)::numeric))")-1]},
		{"a - (b - c) > 0", "((a - (b - c)) > 0)"},
		{"a - b - c > 0", "(((a - b) - c) > 0)"},
		{"status = 'it''s'", "((status)::text = 'it''s'::text)"},
		{"status IN ('a', 'b')", "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"},
		{"st IN ('a','b')", "(st = ANY (ARRAY['a'::text, 'b'::text]))"},
		{"a IN (1, 2)", "(a = ANY (ARRAY[1, 2]))"},
		{"a BETWEEN 1 AND 10", "((a >= 1) AND (a <= 10))"},
		{"a NOT BETWEEN 1 AND 2", "((a < 1) OR (a > 2))"},
		{"st NOT IN ('x')", "(st <> 'x'::text)"},
		{"lower(email) <> ''", "(lower((email)::text) <> ''::text)"},
		{"lower(email)", "lower(email::text)"},
		{"NOT (a > 0)", "(NOT (a > 0))"},
		{"a IS NOT NULL AND b IS NULL", "((a IS NOT NULL) AND (b IS NULL))"},
		{"-a < 5 AND a > -1 AND a > - 1", "(((- a) < 5) AND (a > '-1'::integer) AND (a > '-1'::integer))"},
		{"ch = 'x'", "(ch = 'x'::bpchar)"},
		{"st LIKE 'a%' AND st ~ '^x' AND st ILIKE 'q'", "((st ~~ 'a%'::text) AND (st ~ '^x'::text) AND (st ~~* 'q'::text))"},
		{"st NOT LIKE 'z'", "(st !~~ 'z'::text)"},
		{"CASE WHEN a > 0 THEN b ELSE c END > 0", "(\nCASE\n    WHEN (a > 0) THEN b\n    ELSE c\nEND > 0)"},
		{"d < now()", "(d < now())"},
		{"COALESCE(a, 0) >= 0 AND length(st) < 10 AND price > 1.50", "((COALESCE(a, 0) >= 0) AND (length(st) < 10) AND (price > 1.50))"},
		{"big > 3000000000 AND CAST(a AS bigint) > 1", "((big > '3000000000'::bigint) AND ((a)::bigint > 1))"},
		{`"Col" > 0 AND flag AND NOT flag IS NULL AND st || 'x' <> 'y'`, `(("Col" > 0) AND flag AND (NOT (flag IS NULL)) AND ((st || 'x'::text) <> 'y'::text))`},
		{"a % 2 = 0 AND a * b / c > 0 AND (a + b) * c > 0", "(((a % 2) = 0) AND (((a * b) / c) > 0) AND (((a + b) * c) > 0))"},
		{`st = E'a\'b' AND st <> $$x$$ AND a IS DISTINCT FROM b`, "((st = 'a''b'::text) AND (st <> 'x'::text) AND (a IS DISTINCT FROM b))"},
		{`a = ANY (ARRAY[1,2]) AND st COLLATE "C" > 'a' AND ts < now() - interval '1 day'`, `((a = ANY (ARRAY[1, 2])) AND ((st COLLATE "C") > 'a'::text) AND (ts < (now() - '1 day'::interval)))`},
		{"deleted_at IS NULL", "(deleted_at IS NULL)"},
		{"a > 0 AND (b > 0 OR c > 0)", "((a > 0) AND ((b > 0) OR (c > 0)))"},
		{"(a + b)", "a + b"},
		{"price * 2", "(price * 2::numeric)"},
		{"price + 1 * 2 > discount", "((price + ((1 * 2))::numeric) > discount)"},
		{"a + price", "((a)::numeric + price)"},
		{"a * (b + 1)", "(a * (b + 1))"},
		{"nextval('s')", "nextval('s'::regclass)"},
		{"now()", "CURRENT_TIMESTAMP"},
		{"transaction_timestamp()", "CURRENT_TIMESTAMP"},
		{"-5", "'-5'::integer"},
		{"3000000000", "'3000000000'::bigint"},
		{"-1.5", "'-1.5'::numeric"},
		{"'active'", "'active'::character varying"},
		{"'a'", "'a'::text"},
		{"A > 0", "a > 0"},
		{`"a" > 0`, "a > 0"},
		{"a != b", "a <> b"},
		{"x = 'it''s' -- a comment", "x /* another */ = 'it''s'"},
		{"NOT NOT a", "NOT (NOT a)"},
		{"CASE WHEN a > 0 THEN 'x' ELSE NULL END", "CASE WHEN (a > 0) THEN 'x'::text ELSE NULL::text END"},
	},
	"mysql": {
		{"(a > 0 OR b > 0) AND c > 0", "(`a` > 0 or `b` > 0) and `c` > 0"},
		{"a > 0 OR (b > 0 AND c > 0)", "`a` > 0 or `b` > 0 and `c` > 0"},
		{"price * (1 - discount) > 0", "`price` * (1 - `discount`) > 0"},
		{"a - (b - c) > 0", "`a` - (`b` - `c`) > 0"},
		{"a - b - c > 0", "`a` - `b` - `c` > 0"},
		{`status = 'it''s' AND st <> 'a\'b' AND st <> "dq" AND st <> _utf8mb4'x'`, "`status` = 'it\\'s' and `st` <> 'a\\'b' and `st` <> 'dq' and `st` <> _utf8mb4'x'"},
		{"status IN ('a','b')", "`status` in ('a','b')"},
		{"a BETWEEN 1 AND 10", "`a` between 1 and 10"},
		{"lower(status) <> ''", "lcase(`status`) <> ''"},
		{"NOT (a > 0) AND !(b > 0)", "`a` <= 0 and `b` <= 0"},
		{"a IS NOT NULL AND b IS NULL", "`a` is not null and `b` is null"},
		{"-a < 5 AND a > -1 AND a > - 1", "-`a` < 5 and `a` > -1 and `a` > -1"},
		{"st LIKE 'a%' AND st REGEXP '^x'", "`st` like 'a%' and `st` regexp '^x'"},
		{"CASE WHEN a > 0 THEN b ELSE c END > 0", "case when `a` > 0 then `b` else `c` end > 0"},
		{"COALESCE(a, 0) >= 0 AND length(st) < 10 AND price > 1.50 AND flag = TRUE AND flag <> false", "coalesce(`a`,0) >= 0 and octet_length(`st`) < 10 and `price` > 1.50 and `flag` = 1 and `flag` <> 0"},
		{"a DIV 2 > 0 AND a MOD 2 = 0 AND a % 2 = 0 AND (a XOR b) AND (a || b) AND (a && b) AND a <=> b AND a != b", "`a` DIV 2 > 0 and `a` MOD 2 = 0 and `a` MOD 2 = 0 and (`a` xor `b`) and (`a` <> 0 or `b` <> 0) and `a` <> 0 and `b` <> 0 and `a` <=> `b` and `a` <> `b`"},
		{"`Col` > 0 AND a << 1 > 0 AND a & 1 = 0 AND a | 1 > 0 AND ~a < 0 AND a ^ 1 > 0", "`Col` > 0 and `a` << 1 > 0 and `a` & 1 = 0 and `a` | 1 > 0 and ~`a` < 0 and `a` ^ 1 > 0"},
		{"st NOT IN ('x') AND a NOT BETWEEN 1 AND 2 AND st NOT LIKE 'z' AND st COLLATE utf8mb4_bin > 'a' AND (a, b) > (1, 2)", "`st` <> 'x' and `a` not between 1 and 2 and `st`  not like 'z' and `st` collate utf8mb4_bin > 'a' and (`a`,`b`) > (1,2)"},
		{`a - -1 > 0 AND 1e3 > a AND st <> 'back\\slash' AND st <> 'nl\n' AND st <> 'pct\%' AND st <> 'tab\t'`, "`a` - -1 > 0 and 1e3 > `a` and `st` <> 'back\\\\slash' and `st` <> 'nl\\n' and `st` <> 'pct\\\\%' and `st` <> 'tab\t'"},
		{"a IN (1) AND a NOT IN (1,2) AND (a = 1) = 1 AND a + b * c > 0 AND (a + b) * c > 0 AND a IS TRUE", "`a` = 1 and `a` not in (1,2) and `a` = 1 = 1 and `a` + `b` * `c` > 0 and (`a` + `b`) * `c` > 0 and `a` is true"},
		{"NOT a > 0 AND NOT (a > 0 AND b > 0) AND - (a + b) < 0 AND -(-a) > 0 AND a > 1 IS TRUE", "`a` <= 0 and (`a` <= 0 or `b` <= 0) and -(`a` + `b`) < 0 and --`a` > 0 and `a` > 1 is true"},
		{"json_valid(j)", "json_valid(`j`)"},
		{"a * (b + 1)", "`a` * (`b` + 1)"},
		{"(a + b) * c", "(`a` + `b`) * `c`"},
		{"now()", "current_timestamp()"},
		{"CURRENT_TIMESTAMP", "current_timestamp()"},
		{"CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP", "current_timestamp() ON UPDATE current_timestamp()"},
		{"a + 1", "(`a` + 1)"},
		{"concat('a', 'b')", "concat('a','b')"},
		{`'a\\b'`, `'a\\b'`},
		{`'it\'s'`, `'it''s'`},
		{`"it's"`, `'it''s'`},
		{"a + 1 -- c\n", "a+1"},
		{"a # c", "a"},
		{"LOCALTIMESTAMP", "now()"},
		{"CURDATE()", "CURRENT_DATE"},
		{"ucase(st)", "upper(st)"},
		{"st RLIKE 'a'", "st REGEXP 'a'"},
		{"NOT (a IS NULL)", "a IS NOT NULL"},
		{"NOT (a IN (1, 2))", "a NOT IN (1, 2)"},
		{"NOT NOT (a > 0)", "a > 0"},
		{"NOT (a = 1 OR b <> 2)", "a <> 1 AND b = 2"},
	},
	"sqlite": {
		{"(a > 0 OR b > 0) AND c > 0", `(("a" > 0) OR ([b] > 0)) AND ` + "`c`" + ` > 0`},
		{"CURRENT_TIMESTAMP", "(CURRENT_TIMESTAMP)"},
		{"a = 1 AND b <> 2", "a == 1 AND b != 2"},
		{"x IS NOT NULL", `"X" NOTNULL`},
		{"x IS NULL", "x ISNULL"},
		{"a * (b + 1)", "(a * (b + 1))"},
		{"x > -100000", `"x" > - 100000`},
		{"`a` = 1", "[a] = 1"},
		{"x COLLATE NOCASE = 'a'", "x collate nocase = 'a'"},
		{"CASE a WHEN 1 THEN 'x' END", "case a when 1 then 'x' end"},
		{"a /* c */ + 1", "a + 1 -- c"},
		{"((a))", "a"},
		{"lower(x) = 'x'", "LOWER ( x ) = 'x'"},
		{"x <> 'it''s'", "x != 'it''s'"},
		{"a - (b - c)", "(a) - ((b) - (c))"},
	},
}

// exprDialects are the dialects the tables above are for.
var exprDialects = map[string]Dialect{"postgres": Postgres(), "mysql": MariaDB(), "sqlite": SQLite()}

func TestCanonicalExprMustDiffer(t *testing.T) {
	for name, pairs := range exprMustDiffer {
		d := exprDialects[name]
		for _, p := range pairs {
			a, b := CanonicalExpr(d, exprTable, p.a), CanonicalExpr(d, exprTable, p.b)
			if a == b {
				t.Errorf("%s: %q and %q both normalise to %q; they differ in meaning", name, p.a, p.b, a)
			}
		}
	}
}

func TestCanonicalExprMustEqual(t *testing.T) {
	for name, pairs := range exprMustEqual {
		d := exprDialects[name]
		for _, p := range pairs {
			a, b := CanonicalExpr(d, exprTable, p.a), CanonicalExpr(d, exprTable, p.b)
			if a != b {
				t.Errorf("%s: %q and %q are the same expression, normalised\n%q\n%q", name, p.a, p.b, a, b)
			}
		}
	}
}

// TestCanonicalExprIdempotent: the canonical text is its own canonical
// text, for every expression of the tables above.
func TestCanonicalExprIdempotent(t *testing.T) {
	for _, tables := range []map[string][]exprPair{exprMustDiffer, exprMustEqual} {
		for name, pairs := range tables {
			d := exprDialects[name]
			for _, p := range pairs {
				for _, s := range []string{p.a, p.b} {
					once := CanonicalExpr(d, exprTable, s)
					if twice := CanonicalExpr(d, exprTable, once); twice != once {
						t.Errorf("%s: %q normalises to %q, and that to %q", name, s, once, twice)
					}
				}
			}
		}
	}
}

// TestCanonicalExprText pins the canonical text of a few expressions, so
// that a change of spelling is seen.
func TestCanonicalExprText(t *testing.T) {
	cases := []struct {
		dialect, in, want string
	}{
		{"postgres", "((price * ((1)::numeric - discount)) > (0)::numeric)", "price * (1 - discount) > 0"},
		{"postgres", "(((a > 0) OR (b > 0)) AND (c > 0))", "(a > 0 or b > 0) and c > 0"},
		{"postgres", `"Col" > 0 AND "col" > 0`, `"Col" > 0 and col > 0`},
		{"postgres", "st IN ('a', 'b')", "st = any(array['a', 'b'])"},
		{"postgres", "- - a", "-(-a)"},
		{"postgres", "(SELECT max(a) FROM t)", "select max ( a ) from t"},
		{"postgres", "'unterminated", "'unterminated"},
		{"mysql", "`a` - -1 > 0", "a - -1 > 0"},
		{"mysql", "x = 'it\\'s'", "x = 'it''s'"},
		{"mysql", "`select` = 1", "`select` = 1"},
		{"sqlite", "[My Col] = 1", `"my col" = 1`},
	}
	for _, c := range cases {
		if got := CanonicalExpr(exprDialects[c.dialect], exprTable, c.in); got != c.want {
			t.Errorf("%s: CanonicalExpr(%q) = %q; want %q", c.dialect, c.in, got, c.want)
		}
	}
}
