package inspect_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestPostgresScope checks what the PostgreSQL inspector reads: the
// default schema or the listed ones (objects of the default schema come
// back without a schema), include/exclude globs with LIKE metacharacters
// matched literally, and which catalog objects are not tables, indexes or
// sequences of the model (views, constraint indexes, identity sequences).
// Partitions are tables with PartitionOf; serial columns keep their
// nextval default and their owned sequence.
func TestPostgresScope(t *testing.T) {
	ctx := context.Background()
	db, tg := testdb.Open(t, "postgres")
	other := tg.Scope + "_other"
	exec := func(stmts ...string) {
		t.Helper()
		for _, s := range stmts {
			if _, err := db.ExecContext(ctx, s); err != nil {
				t.Fatalf("%v\nstatement: %s", err, s)
			}
		}
	}
	t.Cleanup(func() { _, _ = db.ExecContext(context.Background(), `DROP SCHEMA "`+other+`" CASCADE`) })
	exec(
		`CREATE SCHEMA "`+other+`"`,
		`CREATE TYPE "`+other+`".mood AS ENUM ('sad', 'happy')`,
		`CREATE TYPE local_mood AS ENUM ('meh')`,
		`CREATE TABLE a_1 (id serial PRIMARY KEY, m "`+other+`".mood, code int UNIQUE, n int)`,
		`CREATE UNIQUE INDEX ix_a_1_n ON a_1 (n)`,
		`CREATE TABLE ax1 (id int GENERATED ALWAYS AS IDENTITY (START WITH 7 INCREMENT BY 3) PRIMARY KEY)`,
		`CREATE TABLE "a%x" (id int PRIMARY KEY)`,
		`CREATE TABLE abcx (id int PRIMARY KEY)`,
		`CREATE TABLE skip_me (id int PRIMARY KEY)`,
		`CREATE TABLE "b'\q" (id serial PRIMARY KEY)`,
		`CREATE TABLE parted (k int, at date, PRIMARY KEY (k, at)) PARTITION BY RANGE (at)`,
		`CREATE TABLE parted_2024 PARTITION OF parted FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
		`CREATE TABLE parted_2025 PARTITION OF parted FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')`,
		`CREATE TABLE parted_ref (id int PRIMARY KEY, k int, at date, FOREIGN KEY (k, at) REFERENCES parted)`,
		`CREATE SEQUENCE a_counter OWNED BY a_1.n`,
		`CREATE SEQUENCE zz_free`,
		`CREATE VIEW a_view AS SELECT id FROM a_1`,
		`CREATE TABLE "`+other+`".o (id int PRIMARY KEY, a_id int REFERENCES a_1 (id), m "`+other+`".mood)`,
	)
	in := func(opts inspect.Options) *model.MetaData {
		t.Helper()
		md, err := inspect.Database(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		return md
	}
	names := func(md *model.MetaData) []string {
		var out []string
		for _, t := range md.Tables {
			out = append(out, t.QualifiedName())
		}
		return out
	}

	md := in(inspect.Options{})
	if got, want := names(md), []string{"a%x", "a_1", "abcx", "ax1", `b'\q`, "parted", "parted_2024", "parted_2025", "parted_ref", "skip_me"}; !reflect.DeepEqual(got, want) {
		t.Errorf("default scope: tables %q; want %q", got, want)
	}
	a1 := md.Table("", "a_1")
	for name, seq := range map[string]string{"a_1": "a_1_id_seq", `b'\q`: `"b'\q_id_seq"`} {
		want := "nextval('" + strings.ReplaceAll(seq, "'", "''") + "'::regclass)"
		if c := md.Table("", name).Column("id"); c.AutoIncrement || c.Identity != nil || c.Default == nil || c.Default.Expr != want {
			t.Errorf("%s.id (serial): %+v, default %+v; want the default %s", name, c, c.Default, want)
		}
	}
	if p := md.Table("", "parted_2024"); p.PartitionOf == nil || p.PartitionOf.Table != "parted" || len(p.Columns) != 0 || p.PrimaryKey != nil {
		t.Errorf("parted_2024: %+v; want a partition of parted without columns or a cloned primary key", p)
	}
	if c := a1.Column("m"); c.Type.Kind != model.KindEnum || c.Type.EnumSchema != other || c.Type.EnumName != "mood" || !slices.Equal(c.Type.Values, []string{"sad", "happy"}) {
		t.Errorf("a_1.m: type %+v; want enum %s.mood (sad, happy)", c.Type, other)
	}
	if len(a1.Uniques) != 1 || a1.Uniques[0].Columns[0] != "code" || len(a1.Indexes) != 1 || !a1.Indexes[0].Unique || a1.Indexes[0].Name != "ix_a_1_n" {
		t.Errorf("a_1: uniques %+v, indexes %+v; want the constraint on code and the unique index on n apart", a1.Uniques, a1.Indexes)
	}
	if id := md.Table("", "ax1").Column("id").Identity; id == nil || !id.Always || id.Start != 7 || id.Increment != 3 {
		t.Errorf("ax1.id identity = %+v; want ALWAYS, START 7, INCREMENT 3", id)
	}
	if fks := md.Table("", "parted_ref").ForeignKeys; len(fks) != 1 {
		t.Errorf("parted_ref: %d foreign keys; want 1 (not one per partition)", len(fks))
	}
	var seqs []string
	for _, s := range md.Sequences {
		seqs = append(seqs, s.Name+":"+s.OwnedBy)
	}
	if want := []string{"a_1_id_seq:a_1.id", "a_counter:a_1.n", `b'\q_id_seq:b'\q.id`, "zz_free:"}; !reflect.DeepEqual(seqs, want) {
		t.Errorf("sequences %q; want %q (identity sequences are not listed, serial ones are)", seqs, want)
	}
	if len(md.Views) != 1 || md.Views[0].Name != "a_view" || len(md.Enums) != 1 || md.Enums[0].Name != "local_mood" {
		t.Errorf("views %+v, enums %+v; want a_view and local_mood", md.Views, md.Enums)
	}

	md = in(inspect.Options{Schemas: []string{tg.Scope, other, "pg_catalog"}})
	o := md.Table(other, "o")
	if o == nil || md.Table("", "a_1") == nil || len(md.Tables) != 11 {
		t.Fatalf("two schemas: tables %q; want the default ones and %s.o", names(md), other)
	}
	if fk := o.ForeignKeys[0]; fk.RefSchema != tg.Scope || fk.RefTable != "a_1" {
		t.Errorf("%s.o foreign key references %q.%q; want %q.a_1", other, fk.RefSchema, fk.RefTable, tg.Scope)
	}
	if typ := o.Column("m").Type; typ.EnumSchema != other {
		t.Errorf("%s.o.m: EnumSchema %q; want %q", other, typ.EnumSchema, other)
	}
	if e := md.Enum(other, "mood"); e == nil {
		t.Errorf("enum %s.mood not listed", other)
	}
	if len(md.Schemas) != 1 || md.Schemas[0].Name != other {
		t.Errorf("schemas %+v; want %s only (the default schema is not listed)", md.Schemas, other)
	}

	for _, tc := range []struct {
		opts inspect.Options
		want []string
	}{
		{inspect.Options{Include: []string{"a_1"}}, []string{"a_1"}},
		{inspect.Options{Include: []string{"a%x"}}, []string{"a%x"}},
		{inspect.Options{Include: []string{"a?x"}}, []string{"a%x"}},
		{inspect.Options{Include: []string{"a*"}, Exclude: []string{"a_*"}}, []string{"a%x", "abcx", "ax1"}},
		{inspect.Options{Exclude: []string{"*"}}, nil},
		{inspect.Options{Exclude: []string{"parted*", "skip_?e", "a*", "b*"}}, nil},
	} {
		md := in(tc.opts)
		if got := names(md); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: tables %q; want %q", tc.opts, got, tc.want)
		}
		if slices.Equal(tc.opts.Exclude, []string{"*"}) && len(md.Views)+len(md.Enums)+len(md.Sequences) != 0 {
			t.Errorf("%+v: views, enums or sequences left: %+v %+v %+v", tc.opts, md.Views, md.Enums, md.Sequences)
		}
	}
	if md := in(inspect.Options{Include: []string{"a_1"}}); len(md.Views)+len(md.Enums)+len(md.Sequences) != 0 {
		t.Errorf("include a_1: views, enums or sequences of other names: %+v %+v %+v", md.Views, md.Enums, md.Sequences)
	}
}
