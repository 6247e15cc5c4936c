package dialect_test

import (
	"context"
	"database/sql"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// execInTx runs statements in one transaction (PostgreSQL DDL is
// transactional), failing the test with the statement that failed.
func execInTx(ctx context.Context, t *testing.T, db *dialect.DB, stmts []string) {
	t.Helper()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			t.Fatalf("%v\nstatement:\n%s", err, s)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// queryOne scans a single-row query, failing the test on error.
func queryOne(ctx context.Context, t *testing.T, db *sql.DB, query string, dest any, args ...any) {
	t.Helper()
	if err := db.QueryRowContext(ctx, query, args...).Scan(dest); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// TestPostgresRichModel creates the rich model on the server, checks in the
// catalogs that every feature really exists as declared, and drops it
// without leaving anything behind.
func TestPostgresRichModel(t *testing.T) {
	ctx := context.Background()
	db, tg := testdb.Open(t, "postgres")
	d := db.Dialect
	if c := d.Capabilities(); !c.GeneratedStored || !c.IndexInclude {
		t.Fatalf("server capabilities %+v: want PostgreSQL 12+", c)
	}
	md := dialect.PostgresRichModel(tg.Scope)
	create, err := dialect.CreateAll(d, md)
	if err != nil {
		t.Fatalf("CreateAll: %v", err)
	}
	execInTx(ctx, t, db, create)

	str := func(query string, args ...any) string {
		t.Helper()
		var s sql.NullString
		queryOne(ctx, t, db.DB, query, &s, args...)
		return s.String
	}
	checks := []struct {
		what, query, want string
	}{
		{"table comment", "SELECT obj_description('accounts'::regclass, 'pg_class')", "Customers' accounts"},
		{"column comment", "SELECT col_description('accounts'::regclass, 2)", `Legal name; "as registered"`},
		{"reserved-word column comment", `SELECT col_description('products'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = 'products'::regclass AND attname = 'select'))`, "a reserved word"},
		{"collation", `SELECT collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation WHERE attrelid = 'accounts'::regclass AND attname = 'name'`, "C"},
		{"identity always", `SELECT attidentity FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'id'`, "a"},
		{"identity options", `SELECT seqstart || '/' || seqincrement FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('accounts', 'id')::regclass`, "100/10"},
		{"autoincrement identity", `SELECT attidentity FROM pg_attribute WHERE attrelid = 'products'::regclass AND attname = 'id'`, "d"},
		{"generated stored", `SELECT attgenerated::text || ' ' || pg_get_expr(adbin, adrelid) FROM pg_attribute a JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum WHERE attrelid = 'accounts'::regclass AND attname = 'balance_x2'`, "s (balance * (2)::numeric)"},
		{"enum labels", `SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'mood'::regtype`, "happy,sad,it's complicated"},
		{"enum column", `SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'mood'`, "mood"},
		{"enum default", `SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'orders'::regclass AND adnum = 3`, "'happy'::mood"},
		{"composite fk", `SELECT confdeltype::text || confupdtype::text || condeferrable::text || condeferred::text || array_length(conkey, 1) FROM pg_constraint WHERE conname = 'fk_lines_order'`, "cctruetrue2"},
		{"fk actions", `SELECT confdeltype::text || confupdtype::text || condeferrable::text FROM pg_constraint WHERE conname = 'fk_orders_account_id_accounts'`, "crfalse"},
		{"not valid fk", `SELECT convalidated::text || confdeltype::text FROM pg_constraint WHERE conname = 'fk_lines_product'`, "falsen"},
		{"check", `SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'ck_orders_no'`, "CHECK ((order_no > 0))"},
		{"unique", `SELECT contype FROM pg_constraint WHERE conname = 'uq_products_sku'`, "u"},
		{"sequence", `SELECT start_value || '/' || increment_by || '/' || min_value || '/' || max_value || '/' || cache_size || '/' || cycle FROM pg_sequences WHERE sequencename = 'invoice_numbers'`, "1000/5/1/1000000000/10/true"},
		{"sequence owner", `SELECT pg_get_serial_sequence('invoices', 'number')`, "invoice_numbers"},
		{"view", `SELECT count(*) FROM rich_accounts`, "0"},
	}
	for _, c := range checks {
		got := strings.ReplaceAll(str(c.query), tg.Scope+".", "") // the server may qualify names
		if got != c.want {
			t.Errorf("%s: got %q; want %q", c.what, got, c.want)
		}
	}

	// Index definitions as the server reports them.
	wantIndexes := map[string]string{
		"ix_accounts_search":     "USING gin (search)",
		"ix_accounts_lower_name": "CREATE UNIQUE INDEX ix_accounts_lower_name ON ",
		"ix_accounts_created":    "USING btree (created_at DESC, id) INCLUDE (name)",
		"ix_accounts_ip":         "USING hash (ip)",
		"ix_accounts_open":       "USING btree (email) WHERE (status = 'active'::",
	}
	for name, want := range wantIndexes {
		if got := str("SELECT pg_get_indexdef(to_regclass($1))", name); !strings.Contains(got, want) {
			t.Errorf("index %s: %q; want it to contain %q", name, got, want)
		}
	}
	if got := str("SELECT pg_get_indexdef('ix_accounts_lower_name'::regclass)"); !strings.HasSuffix(got, "USING btree (lower((name)::text))") {
		t.Errorf("expression index: %q", got)
	}

	// Every column's catalog type reads back as its model type (enums are
	// named types, and bytea keeps no length).
	for _, tb := range md.Tables {
		for _, col := range tb.Columns {
			if col.Type.Kind == model.KindEnum {
				continue
			}
			qt, _ := d.QuoteQualified(tb.Schema, tb.Name)
			spelled := str(`SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2`, qt, col.Name)
			if got := d.ParseType(spelled); !got.Equal(col.Type) {
				t.Errorf("%s.%s: catalog type %q parses as %v; want %v", tb.Name, col.Name, spelled, got, col.Type)
			}
		}
	}

	// The deferred composite foreign key is checked at commit only.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO order_lines (account_id, order_no, line) VALUES (1, 1, 1)`); err != nil {
		t.Errorf("insert before its parent in a deferred transaction: %v", err)
	}
	if err := tx.Commit(); err == nil {
		t.Error("commit with a dangling deferred foreign key succeeded")
	}

	drop, err := dialect.DropAll(d, md)
	if err != nil {
		t.Fatalf("DropAll: %v", err)
	}
	execInTx(ctx, t, db, drop)
	var left int
	queryOne(ctx, t, db.DB, `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1)
		+ (SELECT count(*) FROM pg_type y JOIN pg_namespace n ON n.oid = y.typnamespace WHERE n.nspname = $1)`, &left, tg.Scope)
	if left != 0 {
		t.Errorf("%d relations and types left in schema %s after DropAll", left, tg.Scope)
	}
}

// TestPostgresConcurrentIndex builds and drops an index CONCURRENTLY,
// which PostgreSQL allows only outside a transaction.
func TestPostgresConcurrentIndex(t *testing.T) {
	ctx := context.Background()
	db, tg := testdb.Open(t, "postgres")
	d := db.Dialect
	tb := &model.Table{
		Schema:     tg.Scope,
		Name:       "events",
		Columns:    []*model.Column{{Name: "id", Type: model.BigInt, AutoIncrement: true}, {Name: "kind", Type: model.Text}},
		PrimaryKey: &model.PrimaryKey{Name: "pk_events", Columns: []string{"id"}},
	}
	ix := &model.Index{Name: "ix_events_kind", Parts: model.Cols("kind"), Where: "kind <> ''"}
	stmts, err := d.CreateTable(tb)
	if err != nil {
		t.Fatal(err)
	}
	execInTx(ctx, t, db, append(stmts, "INSERT INTO events (kind) SELECT 'k' || g FROM generate_series(1, 1000) g"))

	opt := dialect.IndexOptions{Concurrently: true, IfNotExists: true, IfExists: true}
	for range 2 { // IF NOT EXISTS: the second run is a no-op
		create, err := d.CreateIndex(tb, ix, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range create {
			if _, err := db.ExecContext(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
	var valid bool
	queryOne(ctx, t, db.DB, `SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('ix_events_kind')`, &valid)
	if !valid {
		t.Error("the concurrently built index is not valid")
	}
	for range 2 { // IF EXISTS: the second run is a no-op
		drop, err := d.DropIndex(tb, ix, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range drop {
			if _, err := db.ExecContext(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
	var n int
	queryOne(ctx, t, db.DB, `SELECT count(*) FROM pg_class WHERE relname = 'ix_events_kind'`, &n)
	if n != 0 {
		t.Error("the index is still there after DROP INDEX CONCURRENTLY")
	}

	// Inside a transaction the server refuses CONCURRENTLY.
	create, _ := d.CreateIndex(tb, ix, dialect.IndexOptions{Concurrently: true})
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, create[0]); err == nil || !strings.Contains(err.Error(), "transaction block") {
		t.Errorf("CREATE INDEX CONCURRENTLY in a transaction: %v; want a transaction-block error", err)
	}
}

// TestPostgresServerVersion checks that Open sets the capabilities from
// the server's version.
func TestPostgresServerVersion(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "postgres")
	var version int
	queryOne(ctx, t, db.DB, "SELECT current_setting('server_version_num')::int", &version)
	c := db.Dialect.Capabilities()
	if c.Syntax.BeginEnd != (version >= 140000) || c.GeneratedVirtual != (version >= 180000) || !c.GeneratedStored {
		t.Errorf("server %d: capabilities %+v", version, c)
	}
}

// TestPostgresLiteralsOnServer reads every kind of literal back from the
// server, so that the escaping is proven, not just spelled.
func TestPostgresLiteralsOnServer(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "postgres")
	d := db.Dialect
	tests := []struct {
		v    any
		cast string
		want string
	}{
		{"it's \"q\" \\ ünï 🙂\n", "text", "it's \"q\" \\ ünï 🙂\n"},
		{[]byte{0, 1, 0xff}, "text", `\x0001ff`},
		{true, "text", "true"},
		{int64(-9223372036854775808), "text", "-9223372036854775808"},
		{uint64(18446744073709551615), "numeric::text", "18446744073709551615"},
		{0.1, "float8::text", "0.1"},
		{1e300, "float8::text", "1e+300"},
		{float32(0.1), "float4::text", "0.1"},
		{math.NaN(), "text", "NaN"},
		{math.Inf(1), "text", "Infinity"},
		{math.Inf(-1), "text", "-Infinity"},
		{nil, "text", ""},
	}
	for _, tt := range tests {
		lit, err := d.Literal(tt.v)
		if err != nil {
			t.Fatal(err)
		}
		var got sql.NullString
		queryOne(ctx, t, db.DB, "SELECT ("+lit+")::"+tt.cast, &got)
		if got.String != tt.want {
			t.Errorf("Literal(%#v) = %s reads back as %q; want %q", tt.v, lit, got.String, tt.want)
		}
	}
	// A time keeps its instant in a timestamptz, and its wall clock in a
	// timestamp without time zone.
	ts := time.Date(2024, 2, 29, 13, 4, 5, 123456000, time.FixedZone("", -5*3600))
	lit, err := d.Literal(ts)
	if err != nil {
		t.Fatal(err)
	}
	var instant, wall string
	queryOne(ctx, t, db.DB, "SELECT to_char(("+lit+"::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')", &instant)
	queryOne(ctx, t, db.DB, "SELECT to_char("+lit+"::timestamp, 'YYYY-MM-DD HH24:MI:SS.US')", &wall)
	if instant != "2024-02-29 18:04:05.123456" || wall != "2024-02-29 13:04:05.123456" {
		t.Errorf("Literal(%v) = %s reads back as %s (UTC) and %s (timestamp)", ts, lit, instant, wall)
	}
}

// TestPostgresBooleanIntegerDefault: a boolean default written as the
// integer 0 or 1 (as MySQL and SQLite keep booleans, and so as a revision
// autogenerated there says it) is created, added and altered on the server
// as false and true, which PostgreSQL reads back.
func TestPostgresBooleanIntegerDefault(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "postgres")
	d := db.Dialect
	tb := &model.Table{Name: "flags", Columns: []*model.Column{
		{Name: "id", Type: model.Integer},
		{Name: "a", Type: model.Boolean, Default: model.DefaultLiteral(int64(0))},
	}}
	stmts, err := d.CreateTable(tb)
	if err != nil {
		t.Fatal(err)
	}
	a := d.(dialect.Alterer)
	add, err := a.AddColumn(tb, &model.Column{Name: "b", Type: model.Type{Kind: model.KindRaw, Raw: "bool"}, Default: model.DefaultLiteral(1)})
	if err != nil {
		t.Fatal(err)
	}
	alter, err := a.AlterColumn(tb, dialect.ColumnChange{
		From: tb.Columns[1],
		To:   &model.Column{Name: "a", Type: model.Boolean, Default: model.DefaultLiteral(int64(1))},
	})
	if err != nil {
		t.Fatal(err)
	}
	execInTx(ctx, t, db, append(append(stmts, add...), alter...))
	for col, want := range map[string]string{"a": "true", "b": "true"} {
		var got string
		queryOne(ctx, t, db.DB, "SELECT column_default FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'flags' AND column_name = $1", &got, col)
		if got != want {
			t.Errorf("column %s: default %q, want %q", col, got, want)
		}
	}
}
