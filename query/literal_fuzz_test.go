package query_test

import (
	"context"
	"database/sql"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/query"
)

// literalTable stores one value of each kind the fuzz test renders: the
// time to the microsecond, with its time zone on PostgreSQL (timestamptz),
// as DATETIME(6) on MySQL (whose TIMESTAMP ends in 2038).
func literalTable(d dialect.Dialect) *model.Table {
	return &model.Table{
		Name: "literals",
		Columns: []*model.Column{
			{Name: "id", Type: model.Type{Kind: model.KindBigInt}},
			{Name: "s", Type: model.Type{Kind: model.KindText}, Nullable: true},
			{Name: "b", Type: model.Type{Kind: model.KindBinary}, Nullable: true},
			{Name: "i", Type: model.Type{Kind: model.KindBigInt}, Nullable: true},
			{Name: "f", Type: model.Type{Kind: model.KindDouble}, Nullable: true},
			{Name: "t", Type: model.Type{Kind: model.KindTimestamp, Precision: 6, WithTimezone: d.Name() == "postgres"}, Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
	}
}

// refused says whether a database refuses a value as a literal: invalid
// UTF-8 everywhere, NUL in a string on PostgreSQL and SQLite (MySQL
// writes \0), NaN and infinities on MySQL and SQLite.
func refused(d dialect.Dialect, v any) bool {
	switch x := v.(type) {
	case string:
		return !utf8.ValidString(x) || strings.IndexByte(x, 0) >= 0 && d.Name() != "mysql"
	case float64:
		return (math.IsNaN(x) || math.IsInf(x, 0)) && d.Name() != "postgres"
	}
	return false
}

// FuzzLiteralRoundTrip renders values as literals the way --sql output
// does, executes the INSERT text on each database, reads the row back and
// compares: strings (quotes, backslashes, NUL, unicode), bytes, integers,
// floats and times. Values a database cannot take as a literal must be
// refused with an error, never rendered wrongly.
func FuzzLiteralRoundTrip(f *testing.F) {
	ctx := context.Background()
	var dbs []*dialect.DB
	for _, name := range testdb.Dialects {
		db, _ := testdb.Open(f, name)
		stmts, err := db.Dialect.CreateTable(literalTable(db.Dialect))
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range stmts {
			if _, err := db.ExecContext(ctx, s); err != nil {
				f.Fatalf("%s: %v", s, err)
			}
		}
		dbs = append(dbs, db)
	}
	seeds := []struct {
		s    string
		b    []byte
		i    int64
		x    float64
		sec  int64
		nsec uint32
	}{
		{"plain", []byte("x"), 0, 0, 0, 0},
		{"it's a 'quote'", []byte{0, 1, 2, 255}, -1, 1.5, 1700000000, 123456789},
		{`back\slash \' \\' \n`, nil, math.MaxInt64, -0.1, 253402300799, 999999999},
		{"nul\x00byte", []byte{}, math.MinInt64, math.Inf(1), 86400, 1},
		{"bad \xff utf8", []byte("\\x00'"), 42, math.NaN(), 1, 0},
		{"unicode ✓ 日本 🎉 \u200b \r\n\t \x1a", []byte("🎉"), 7, 1e300, 951782400, 500000},
		{"$1 ? :x -- /* */ \"dq\" `bt` $$x$$", []byte("--"), -42, math.SmallestNonzeroFloat64, 0, 0},
		{"", nil, 1, math.MaxFloat64, 4102444800, 0},
	}
	for _, s := range seeds {
		f.Add(s.s, s.b, s.i, s.x, s.sec, s.nsec)
	}
	id := int64(0)
	f.Fuzz(func(t *testing.T, s string, b []byte, i int64, x float64, sec int64, nsec uint32) {
		// Times from 1970 to 9999 (MySQL DATETIME's range), to the
		// microsecond the databases keep.
		sec = int64(uint64(sec) % 253402300800)
		tm := time.Unix(sec, int64(nsec%1e9)).UTC().Truncate(time.Microsecond)
		id++
		for _, db := range dbs {
			roundTrip(ctx, t, db, id, s, b, i, x, tm)
		}
	})
}

// roundTrip inserts one row by its rendered text and compares it read back.
func roundTrip(ctx context.Context, t *testing.T, db *dialect.DB, id int64, s string, b []byte, i int64, x float64, tm time.Time) {
	t.Helper()
	d := db.Dialect
	vals := []any{id, s, b, i, x, tm}
	for k, v := range vals {
		_, err := query.Render(d, query.Select(query.Value(v)))
		switch {
		case refused(d, v) && err == nil:
			t.Fatalf("%s: %#v rendered, want a refusal", d.Name(), v)
		case !refused(d, v) && err != nil:
			t.Fatalf("%s: %#v refused: %v", d.Name(), v, err)
		case err != nil:
			vals[k] = nil
		}
	}
	lits := query.T("literals")
	text, err := query.Render(d, query.Insert(lits).Columns("id", "s", "b", "i", "f", "t").Values(vals...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, text); err != nil {
		t.Fatalf("%s: %v\n%s", d.Name(), err, text)
	}
	defer db.ExecContext(ctx, "DELETE FROM literals")
	var (
		gs    []byte
		gb    []byte
		gi    sql.NullInt64
		gf    sql.NullFloat64
		gt    any
		bnull bool
	)
	if err := db.QueryRowContext(ctx, "SELECT s, b, i, f, t, b IS NULL FROM literals").Scan(&gs, &gb, &gi, &gf, &gt, &bnull); err != nil {
		t.Fatalf("%s: read back: %v", d.Name(), err)
	}
	if vals[1] != nil && string(gs) != s {
		t.Errorf("%s: string %q read back as %q\n%s", d.Name(), s, gs, text)
	}
	if (b == nil) != bnull || string(gb) != string(b) {
		t.Errorf("%s: bytes %x read back as %x\n%s", d.Name(), b, gb, text)
	}
	if !gi.Valid || gi.Int64 != i {
		t.Errorf("%s: integer %d read back as %v", d.Name(), i, gi)
	}
	if vals[4] != nil && !(gf.Float64 == x || math.IsNaN(x) && math.IsNaN(gf.Float64)) {
		t.Errorf("%s: float %v read back as %v\n%s", d.Name(), x, gf, text)
	}
	if got, ok := readTime(gt); !ok || !got.Equal(tm) {
		t.Errorf("%s: time %v read back as %v (%T)\n%s", d.Name(), tm, gt, gt, text)
	}
}

// readTime reads a time as the drivers return it: a time.Time, or text.
func readTime(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return x, true
	case []byte:
		v = string(x)
	}
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999", time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
