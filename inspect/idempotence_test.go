package inspect_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/scriptdir"
)

// idempotenceChecks are what each database adds to TestIdempotence.
var idempotenceChecks = map[string]struct {
	// options scopes the inspections (default: the connection's scope).
	options func(ctx context.Context, t *testing.T, db *dialect.DB) inspect.Options
	// inspected spot-checks the first inspection of a schema file, so
	// that the fixed point is not an empty one.
	inspected func(t *testing.T, file string, md *model.MetaData)
	// recreated compares what Normalize and modeltest.Diff leave out; src
	// and dst are the loaded and the recreated databases.
	recreated func(t *testing.T, md1, md2 *model.MetaData, src, dst *dialect.DB)
}{
	"postgres": {options: postgresAllSchemas, inspected: postgresCheckRealistic, recreated: postgresCompareExactly},
	"mysql":    {inspected: mysqlCheckRealistic, recreated: mysqlCompareOptions},
	"sqlite":   {inspected: sqliteCheckRealistic},
}

// TestIdempotence checks on realistic, hand-written schemas
// (testdata/schemas/<database>/*.sql) that inspection is a fixed point:
// load the file into a fresh database, inspect it, create the inspected
// model in a second fresh database with dialect.CreateAll, inspect again,
// and the two models must be equal, view definitions included. This is
// what autogenerate relies on to report nothing after an upgrade. On
// PostgreSQL each file gets a database of its own (extensions and schemas
// are database-wide), every user schema is inspected, the two JSON models
// must be identical and the objects counted in pg_catalog the same.
func TestIdempotence(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			files, err := filepath.Glob(filepath.Join("..", "testdata", "schemas", name, "*.sql"))
			if err != nil {
				t.Fatal(err)
			}
			if len(files) == 0 {
				t.Fatalf("no schema files in testdata/schemas/%s", name)
			}
			for _, file := range files {
				t.Run(strings.TrimSuffix(filepath.Base(file), ".sql"), func(t *testing.T) {
					t.Parallel()
					checkIdempotence(t, name, file)
				})
			}
		})
	}
}

// checkIdempotence loads file on the named database and checks that its
// inspection survives CreateAll and a second inspection.
func checkIdempotence(t *testing.T, name, file string) {
	ctx := context.Background()
	checks := idempotenceChecks[name]
	src := openFresh(t, name)
	d := src.Dialect
	execAll(ctx, t, src, loadSchemaFile(t, file, d.Capabilities().Syntax)...)
	opts := inspect.Options{}
	if checks.options != nil {
		opts = checks.options(ctx, t, src)
	}
	first := inspectDB(ctx, t, src, opts)
	if len(first.Tables) == 0 {
		t.Fatalf("inspect %s: no tables", file)
	}
	if checks.inspected != nil {
		checks.inspected(t, filepath.Base(file), first)
	}
	stmts, err := dialect.CreateAll(d, first)
	if err != nil {
		t.Fatalf("CreateAll of the inspected model: %v", err)
	}
	dst := openFresh(t, name)
	execAll(ctx, t, dst, stmts...)
	second := inspectDB(ctx, t, dst, opts)
	if diff := modeltest.Diff(dialect.Normalize(d, first), dialect.Normalize(dst.Dialect, second)); diff != "" {
		t.Fatalf("%s: the recreated schema inspects differently:\n%s\nstatements:\n%s", file, diff, strings.Join(stmts, ";\n"))
	}
	if checks.recreated != nil {
		checks.recreated(t, first, second, src, dst)
	}
	// What a downgrade to base does: DropAll of the model runs and leaves
	// no table behind.
	drops, err := dialect.DropAll(d, second)
	if err != nil {
		t.Fatalf("DropAll of the inspected model: %v", err)
	}
	execAll(ctx, t, dst, drops...)
	if left := inspectDB(ctx, t, dst, opts); len(left.Tables) != 0 {
		t.Errorf("%s: DropAll leaves %d tables", file, len(left.Tables))
	}
}

// openFresh opens a database of its own for the test (testdb.NewDatabase).
func openFresh(t *testing.T, name string) *dialect.DB {
	t.Helper()
	tg := testdb.NewDatabase(t, name)
	db, err := dialect.Open(context.Background(), tg.URL)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// loadSchemaFile splits a schema file into statements with the runner's
// lexer.
func loadSchemaFile(t *testing.T, file string, syn dialect.Syntax) []string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	stmts, err := scriptdir.SplitStatements(string(src), syn)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	out := make([]string, len(stmts))
	for i, s := range stmts {
		out[i] = s.Text
	}
	return out
}

// postgresCheckRealistic spot-checks the PostgreSQL schema files.
func postgresCheckRealistic(t *testing.T, file string, md *model.MetaData) {
	t.Helper()
	switch file {
	case "shop.sql":
		pv, p24 := md.Table("", "page_views"), md.Table("", "page_views_2024")
		if pv == nil || pv.PartitionBy == nil || p24 == nil || p24.PartitionOf == nil || p24.PartitionOf.Table != "page_views" ||
			len(p24.Columns) != 0 || len(p24.Indexes) != 0 {
			t.Errorf("partitioned table page_views: want it reported with its key, and its partitions as partitions of it without columns or cloned indexes")
		}
		if len(md.Sequences) != 1 || md.Sequences[0].OwnedBy != "invoices.number" {
			t.Errorf("sequences = %s; want invoice_number_seq owned by invoices.number", modeltest.Diff(&model.MetaData{}, &model.MetaData{Sequences: md.Sequences}))
		}
		if c := md.Table("", "customers").Column("id"); c.Identity == nil || !c.Identity.Always || c.Identity.Start != 1000 {
			t.Errorf("customers.id identity = %+v; want ALWAYS starting at 1000", c.Identity)
		}
		if len(md.Views) != 3 || len(md.Enums) != 2 {
			t.Errorf("%d views and %d enum types; want 3 and 2", len(md.Views), len(md.Enums))
		}
		var kinds []string
		for _, d := range md.Definitions {
			kinds = append(kinds, string(d.Kind)+" "+d.Name+" "+d.Comment)
		}
		if want := []string{"materialized_view customer_revenue refreshed nightly", "index ix_customer_revenue_revenue top customers",
			"index uq_customer_revenue "}; !slices.Equal(kinds, want) {
			t.Errorf("definitions %q; want %q", kinds, want)
		}
		if w := md.Table("", "wishlist_items"); w == nil || len(w.Uniques) != 2 || !w.Uniques[0].Deferrable || !w.Uniques[0].InitiallyDeferred ||
			!w.Uniques[1].Deferrable || w.Uniques[1].InitiallyDeferred {
			t.Errorf("wishlist_items: want a deferrable, initially deferred unique constraint and a deferrable one")
		}
		coupons := md.Table("", "coupons")
		if len(coupons.Uniques) != 1 || !coupons.Uniques[0].NullsNotDistinct || len(coupons.Indexes) != 1 ||
			!coupons.Indexes[0].NullsNotDistinct || coupons.Indexes[0].Comment != "codes are case-insensitive" {
			t.Errorf("coupons: want a NULLS NOT DISTINCT unique constraint and a commented NULLS NOT DISTINCT unique index; got\n%s", coupons.GoSource())
		}
	case "saas.sql":
		et := md.Definition(model.DefEventTrigger, "", "forbid_audit_drops", "")
		if et == nil || !strings.Contains(et.SQL, "WHEN TAG IN ('DROP TABLE', 'DROP SCHEMA')") || et.Comment == "" {
			t.Errorf("event trigger forbid_audit_drops = %+v; want it with its tags and comment", et)
		}
		ft := md.Definition(model.DefForeignTable, "reporting", "legacy_invoices", "")
		if ft == nil || !strings.Contains(ft.SQL, "amount_cents app.money_cents OPTIONS (column_name 'amount')") ||
			!strings.Contains(ft.SQL, "SERVER legacy_billing OPTIONS (schema_name 'public', table_name 'invoices', updatable 'false')") || ft.Comment == "" {
			t.Errorf("foreign table reporting.legacy_invoices = %+v; want its column and table options and comment", ft)
		}
		if srv := md.Definition(model.DefForeignServer, "", "legacy_billing", ""); srv == nil ||
			!strings.Contains(srv.SQL, "FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'billing.internal'") {
			t.Errorf("foreign server legacy_billing = %+v; want its wrapper and options", srv)
		}
		if et := md.Definition(model.DefEventTrigger, "", "log_ddl", ""); et == nil || et.Firing != model.FiringDisabled {
			t.Errorf("event trigger log_ddl = %+v; want it disabled", et)
		}
		if tg := md.Definition(model.DefTrigger, "app", "memberships_audit", "memberships"); tg == nil || tg.Firing != model.FiringDisabled {
			t.Errorf("trigger memberships_audit = %+v; want it disabled", tg)
		}
		if tg := md.Definition(model.DefTrigger, "app", "organisations_audit", "organisations"); tg == nil || tg.Firing != model.FiringAlways {
			t.Errorf("trigger organisations_audit = %+v; want it enabled always", tg)
		}
		for _, v := range md.Views {
			if v.Name == "active_projects" && (v.CheckOption != "local" || !v.SecurityInvoker || !v.SecurityBarrier) {
				t.Errorf("view reporting.active_projects = %+v; want a local check option, security_invoker and security_barrier", v)
			}
		}
		projects := md.Table("app", "projects")
		if projects == nil || !projects.RowSecurity || !projects.ForceRowSecurity {
			t.Errorf("app.projects: want row-level security enabled and forced")
		}
		p := md.Definition(model.DefPolicy, "app", "projects_no_archived_writes", "projects")
		if p == nil || !strings.Contains(p.SQL, "AS RESTRICTIVE") || !strings.Contains(p.SQL, `FOR UPDATE TO "`) ||
			!strings.Contains(p.SQL, "WITH CHECK ((NOT archived))") {
			t.Errorf("policy projects_no_archived_writes = %+v; want a restrictive UPDATE policy for the current user with USING and WITH CHECK", p)
		}
	case "music.sql":
		var colls []string
		for _, d := range md.Definitions {
			if d.Kind == model.DefCollation {
				colls = append(colls, d.SQL+" -- "+d.Comment)
			}
		}
		slices.Sort(colls)
		if want := []string{
			`CREATE COLLATION "c_sort_utf8_ctype" (provider = libc, lc_collate = 'C', lc_ctype = 'C.UTF-8') -- `,
			`CREATE COLLATION "case_insensitive" (provider = icu, locale = 'und-u-ks-level2', deterministic = false) -- emails and user names compare without case`,
			`CREATE COLLATION "labels"."musicbrainz" (provider = icu, locale = '@colCaseFirst=lower;colNumeric=yes') -- `,
			`CREATE COLLATION "natural_sort" (provider = icu, locale = 'und-u-kn-true') -- `,
		}; !slices.Equal(colls, want) {
			t.Errorf("collations\n%s\nwant\n%s", strings.Join(colls, "\n"), strings.Join(want, "\n"))
		}
		if c := md.Table("", "editor").Column("email"); c == nil || c.Collation != "case_insensitive" || c.CollationSchema != "" {
			t.Errorf("editor.email = %+v; want it in collation case_insensitive", c)
		}
		if c := md.Table("labels", "label").Column("sort_name"); c == nil || c.Collation != "musicbrainz" || c.CollationSchema != "labels" {
			t.Errorf("labels.label.sort_name = %+v; want it in collation labels.musicbrainz", c)
		}
		var keys []string
		for _, ix := range md.Table("labels", "label").Indexes {
			keys = append(keys, ix.Name+" "+ix.Parts[0].CollationSchema+"."+ix.Parts[0].Collation)
		}
		if want := []string{"label_idx_musicbrainz_collate labels.musicbrainz", "label_idx_name_c .C", "label_idx_txt ."}; !slices.Equal(keys, want) {
			t.Errorf("index keys of labels.label %q; want %q", keys, want)
		}
		var sortName *model.Domain
		for _, d := range md.Domains {
			if d.Schema == "" && d.Name == "sort_name" {
				sortName = d
			}
		}
		if sortName == nil || sortName.Collation != "musicbrainz" || sortName.CollationSchema != "labels" {
			t.Errorf("domain sort_name = %+v; want it in collation labels.musicbrainz", sortName)
		}
		dict := md.Definition(model.DefTextSearchDictionary, "labels", "english_nostop", "")
		if dict == nil || dict.SQL != `CREATE TEXT SEARCH DICTIONARY "labels"."english_nostop" (TEMPLATE = snowball, language = 'english')` ||
			dict.Comment != "English stems, no stop words" {
			t.Errorf("dictionary labels.english_nostop = %+v", dict)
		}
		cfg := md.Definition(model.DefTextSearchConfiguration, "labels", "mb_simple", "")
		if cfg == nil || !strings.HasPrefix(cfg.SQL, `CREATE TEXT SEARCH CONFIGURATION "labels"."mb_simple" (PARSER = "default");`+"\n") ||
			!strings.Contains(cfg.SQL, `ADD MAPPING FOR hword WITH labels.english_nostop, simple;`+"\n") ||
			!strings.Contains(cfg.SQL, `ADD MAPPING FOR asciiword WITH simple`) ||
			!slices.Equal(cfg.DependsOn, []model.ObjectName{{Schema: "labels", Name: "english_nostop"}}) {
			t.Errorf("configuration labels.mb_simple = %+v", cfg)
		}
	case "blog.sql":
		if c := md.Table("", "authors").Column("id"); c.AutoIncrement || c.Identity != nil || c.Default == nil || c.Default.Expr != "nextval('authors_id_seq'::regclass)" {
			t.Errorf("authors.id (serial): AutoIncrement %v, identity %+v, default %+v; want a serial: nextval of its own sequence", c.AutoIncrement, c.Identity, c.Default)
		}
		var seqs []string
		for _, s := range md.Sequences {
			seqs = append(seqs, s.Name+":"+s.OwnedBy+":"+s.As)
		}
		if want := []string{"authors_id_seq:authors.id:integer", "posts_id_seq:posts.id:", "shared_counter::", "ticket_seq::integer"}; !slices.Equal(seqs, want) {
			t.Errorf("sequences %q; want %q (serial sequences are owned by their column)", seqs, want)
		}
		fks := md.Table("", "comments").ForeignKeys
		if len(fks) != 2 || !(fks[0].NotValid || fks[1].NotValid) {
			t.Errorf("comments foreign keys = %d, want 2 with one NOT VALID", len(fks))
		}
	}
}

// mysqlCheckRealistic spot-checks that the features the MySQL schema files
// use were read at all.
func mysqlCheckRealistic(t *testing.T, file string, md *model.MetaData) {
	t.Helper()
	view := func(name string) model.View {
		for _, v := range md.Views {
			if v.Name == name {
				return *v
			}
		}
		return model.View{}
	}
	switch file {
	case "cms.sql":
		if v := view("published_pages"); v.Algorithm != "merge" || !v.SecurityInvoker {
			t.Errorf("view published_pages: algorithm %q, security invoker %v; want merge and true", v.Algorithm, v.SecurityInvoker)
		}
		if v := view("popular_published_pages"); v.Algorithm != "temptable" || v.SecurityInvoker {
			t.Errorf("view popular_published_pages: algorithm %q, security invoker %v; want temptable and false", v.Algorithm, v.SecurityInvoker)
		}
		const pipes = "PIPES_AS_CONCAT,STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION"
		if f := md.Definition(model.DefFunction, "", "page_byline", ""); f == nil || f.SQLMode != pipes {
			t.Errorf("function page_byline = %+v; want it with sql_mode %s", f, pipes)
		}
		if tg := md.Definition(model.DefTrigger, "", "page_revisions_bi", "page_revisions"); tg == nil || tg.SQLMode != pipes {
			t.Errorf("trigger page_revisions_bi = %+v; want it with sql_mode %s", tg, pipes)
		}
		if f := md.Definition(model.DefFunction, "", "slugify", ""); f == nil || f.SQLMode != "" {
			t.Errorf("function slugify = %+v; want it without a sql_mode (the session's)", f)
		}
	case "marketplace.sql":
		if v := view("eur_listings"); v.CheckOption != "local" || strings.Contains(strings.ToUpper(v.Definition), "CHECK OPTION") {
			t.Errorf("view eur_listings: check option %q in %q; want local, apart from the definition", v.CheckOption, v.Definition)
		}
	}
	if len(md.Tables) < 4 || len(md.Views) == 0 {
		t.Fatalf("inspected %d tables and %d views; the schema files have more", len(md.Tables), len(md.Views))
	}
	var enums, fks, composite, prefix, generated, comments int
	for _, tb := range md.Tables {
		if tb.Comment != "" {
			comments++
		}
		for _, c := range tb.Columns {
			if c.Type.Kind == model.KindEnum {
				enums++
			}
			if c.Generated != nil {
				generated++
			}
		}
		for _, fk := range tb.ForeignKeys {
			fks++
			if len(fk.Columns) > 1 {
				composite++
			}
		}
		for _, ix := range tb.Indexes {
			for _, p := range ix.Parts {
				if p.Length > 0 {
					prefix++
				}
			}
		}
	}
	if enums == 0 || fks == 0 || composite == 0 || prefix == 0 || generated == 0 || comments == 0 {
		t.Errorf("features missing from the inspection: %d enums, %d foreign keys (%d composite), %d prefix keys, %d generated columns, %d table comments",
			enums, fks, composite, prefix, generated, comments)
	}
}

// mysqlCompareOptions compares the table options (engine, collation…),
// which Normalize leaves alone and modeltest.Diff ignores.
func mysqlCompareOptions(t *testing.T, md1, md2 *model.MetaData, _, _ *dialect.DB) {
	t.Helper()
	for _, t1 := range md1.Tables {
		for _, t2 := range md2.Tables {
			if t1.Name == t2.Name && !maps.Equal(t1.Options, t2.Options) {
				t.Errorf("table %s: options %v, then %v", t1.Name, t1.Options, t2.Options)
			}
		}
	}
}

// sqliteCheckRealistic checks that the SQLite schema files' tables and
// views were read.
func sqliteCheckRealistic(t *testing.T, _ string, md *model.MetaData) {
	t.Helper()
	if len(md.Tables) == 0 || len(md.Views) == 0 {
		t.Fatalf("inspected %d tables and %d views; the file has both", len(md.Tables), len(md.Views))
	}
}
