package dialect_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// perDialect holds the spellings that cannot be portable: collations and
// raw types belong to one database by definition.
var perDialect = map[string]struct {
	collation string
	raw       []string
}{
	"postgres": {collation: "C", raw: []string{"tsvector", "integer[]", "inet"}},
	"mysql":    {collation: "utf8mb4_bin", raw: []string{"mediumtext", "tinyint unsigned", "set('a','b')"}},
	"sqlite":   {collation: "NOCASE", raw: []string{"ANY"}},
}

// kitchenSink builds a model that uses every model feature the dialect
// supports, and reports which features it left out for the dialect.
func kitchenSink(t *testing.T, d dialect.Dialect) *model.MetaData {
	t.Helper()
	c := d.Capabilities()
	pd := perDialect[d.Name()]
	md := &model.MetaData{}

	mood := model.Enum("mood", "happy", "sad", "it's complicated")
	md.Enums = append(md.Enums, &model.EnumType{Name: "mood", Values: mood.Values})
	if c.Sequences {
		minV := int64(1)
		md.Sequences = append(md.Sequences, &model.Sequence{Name: "order_numbers", Start: 1000, Increment: 5, MinValue: &minV, Cache: 1})
	}

	orgs := &model.Table{
		Name: "organisations",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, AutoIncrement: true},
			{Name: "name", Type: model.Varchar(100)},
			{Name: "created_at", Type: model.TimestampTZ, Default: model.DefaultExpr("CURRENT_TIMESTAMP")},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		Uniques:    []*model.Unique{{Columns: []string{"name"}}},
	}
	if c.Comments {
		orgs.Comment = "Customers' organisations"
		orgs.Columns[1].Comment = "Legal name, as registered"
	}
	md.AddTable(orgs)

	users := &model.Table{
		Name: "users",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer, AutoIncrement: true},
			{Name: "org_id", Type: model.BigInt},
			{Name: "manager_id", Type: model.Integer, Nullable: true},
			{Name: "email", Type: model.Varchar(255)},
			{Name: "small", Type: model.SmallInt, Default: model.DefaultLiteral(int64(7))},
			{Name: "active", Type: model.Boolean, Default: model.DefaultLiteral(true)},
			{Name: "country", Type: model.Char(2), Nullable: true},
			{Name: "bio", Type: model.Text, Nullable: true},
			{Name: "balance", Type: model.Numeric(12, 2), Default: model.DefaultLiteral(int64(0))},
			{Name: "ratio", Type: model.Real, Nullable: true},
			{Name: "score", Type: model.Double, Nullable: true},
			{Name: "born", Type: model.Date, Nullable: true},
			{Name: "wakes", Type: model.Time, Nullable: true},
			{Name: "seen_local", Type: model.Timestamp, Nullable: true},
			{Name: "seen_at", Type: model.TimestampTZ, Nullable: true},
			{Name: "prefs", Type: model.JSON, Nullable: true},
			{Name: "prefs_b", Type: model.JSONB, Nullable: true},
			{Name: "token", Type: model.UUID, Nullable: true},
			{Name: "avatar", Type: model.Blob, Nullable: true},
			{Name: "digest", Type: model.Binary(16), Nullable: true},
			{Name: "mood", Type: mood, Default: model.DefaultLiteral("happy")},
			{Name: "nick", Type: model.Varchar(50), Nullable: true, Collation: pd.collation},
			{Name: "quote", Type: model.Varchar(50), Default: model.DefaultLiteral("it's \"quoted\" \\ ok")},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{
			{Columns: []string{"org_id"}, RefTable: "organisations", RefColumns: []string{"id"}, OnDelete: model.Cascade, OnUpdate: model.Restrict},
			{Name: "fk_users_manager", Columns: []string{"manager_id"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: model.SetNull},
		},
		Checks: []*model.Check{{Name: "ck_users_balance", Expr: "balance >= 0"}},
		Indexes: []*model.Index{
			{Unique: true, Parts: model.Cols("org_id", "email")},
			{Name: "ix_users_seen_desc", Parts: []model.IndexPart{{Column: "seen_at", Desc: c.DescIndexes}, {Column: "id"}}},
		},
	}
	for i, raw := range pd.raw {
		users.Columns = append(users.Columns, &model.Column{Name: fmt.Sprintf("raw_%d", i), Type: model.Raw(raw), Nullable: true})
	}
	if c.GeneratedStored {
		users.Columns = append(users.Columns, &model.Column{Name: "balance_x2", Type: model.Numeric(14, 2), Nullable: true, Generated: &model.Generated{Expr: "balance * 2", Stored: true}})
	}
	if c.GeneratedVirtual {
		users.Columns = append(users.Columns, &model.Column{Name: "email_len", Type: model.Integer, Nullable: true, Generated: &model.Generated{Expr: "length(email)"}})
	}
	if c.Comments {
		users.Columns[3].Comment = "Login; unique per organisation"
	}
	if c.PartialIndexes {
		users.Indexes = append(users.Indexes, &model.Index{Name: "ix_users_active_email", Parts: model.Cols("email"), Where: "active"})
	}
	if c.ExpressionIndexes {
		users.Indexes = append(users.Indexes, &model.Index{Name: "ix_users_lower_email", Parts: []model.IndexPart{{Expr: "lower(email)"}}})
	}
	if c.IndexInclude {
		users.Indexes = append(users.Indexes, &model.Index{Name: "ix_users_org_incl", Parts: model.Cols("org_id"), Include: []string{"email"}})
	}
	if c.IndexPrefixLengths {
		users.Indexes = append(users.Indexes, &model.Index{Name: "ix_users_bio_prefix", Parts: []model.IndexPart{{Column: "bio", Length: 20}}})
	}
	for _, m := range c.IndexMethods {
		if m == "gin" {
			users.Indexes = append(users.Indexes, &model.Index{Name: "ix_users_prefs_gin", Method: "gin", Parts: model.Cols("prefs_b")})
		}
	}
	md.AddTable(users)

	memberships := &model.Table{
		Name: "memberships",
		Columns: []*model.Column{
			{Name: "org_id", Type: model.BigInt},
			{Name: "user_id", Type: model.Integer},
			{Name: "since", Type: model.Date, Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Name: "pk_memberships", Columns: []string{"org_id", "user_id"}},
		ForeignKeys: []*model.ForeignKey{
			{Columns: []string{"org_id"}, RefTable: "organisations", RefColumns: []string{"id"}},
			{Columns: []string{"user_id"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: model.Cascade},
		},
	}
	roles := &model.Table{
		Name: "membership_roles",
		Columns: []*model.Column{
			{Name: "org_id", Type: model.BigInt},
			{Name: "user_id", Type: model.Integer},
			{Name: "role", Type: model.Varchar(30)},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"org_id", "user_id", "role"}},
		ForeignKeys: []*model.ForeignKey{{
			Columns: []string{"org_id", "user_id"}, RefTable: "memberships", RefColumns: []string{"org_id", "user_id"},
			OnDelete: model.Cascade, OnUpdate: model.Cascade,
			Deferrable: c.DeferrableForeignKeys, InitiallyDeferred: c.DeferrableForeignKeys,
		}},
	}
	md.AddTable(roles, memberships) // declared before its parent: CreateAll orders them

	// A foreign-key cycle: departments have a head, employees a department.
	depts := &model.Table{
		Name:       "departments",
		Columns:    []*model.Column{{Name: "id", Type: model.Integer}, {Name: "head_id", Type: model.Integer, Nullable: true}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"head_id"}, RefTable: "employees", RefColumns: []string{"id"},
			NotValid: c.NotValidForeignKeys}},
	}
	emps := &model.Table{
		Name:        "employees",
		Columns:     []*model.Column{{Name: "id", Type: model.Integer}, {Name: "dept_id", Type: model.Integer, Nullable: true}},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"dept_id"}, RefTable: "departments", RefColumns: []string{"id"}}},
	}
	md.AddTable(depts, emps)

	if c.WithoutRowID {
		md.AddTable(&model.Table{
			Name:         "kv",
			Columns:      []*model.Column{{Name: "k", Type: model.Text}, {Name: "v", Type: model.Blob, Nullable: true}},
			PrimaryKey:   &model.PrimaryKey{Columns: []string{"k"}},
			WithoutRowID: true,
		})
	}
	if c.IdentityColumns {
		md.AddTable(&model.Table{
			Name:       "tickets",
			Columns:    []*model.Column{{Name: "id", Type: model.BigInt, Identity: &model.Identity{Always: true, Start: 100, Increment: 10}}, {Name: "title", Type: model.Text}},
			PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		})
	}
	md.Views = append(md.Views, &model.View{Name: "active_users", Definition: "SELECT id, email FROM users WHERE active = " + mustLiteral(t, d, true)})
	return md
}

func mustLiteral(t *testing.T, d dialect.Dialect, v any) string {
	t.Helper()
	s, err := d.Literal(v)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func execAll(ctx context.Context, t *testing.T, db *dialect.DB, stmts []string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v\nstatement:\n%s", db.Dialect.Name(), err, s)
		}
	}
}

// TestKitchenSink creates a model using every feature each database
// supports, writes and reads rows through it, and drops it cleanly.
func TestKitchenSink(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			md := kitchenSink(t, db.Dialect)
			create, err := dialect.CreateAll(db.Dialect, md)
			if err != nil {
				t.Fatalf("CreateAll: %v", err)
			}
			execAll(ctx, t, db, create)

			q := func(n string) string {
				s, err := db.Dialect.QuoteIdent(n)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			// Defaults, autoincrement, the enum and the FK cascade work.
			execAll(ctx, t, db, []string{
				"INSERT INTO " + q("organisations") + " (" + q("name") + ") VALUES ('Acme')",
				"INSERT INTO " + q("users") + " (" + q("org_id") + ", " + q("email") + ") VALUES (1, 'a@example.com')",
			})
			var mood, quote string
			var small int
			row := db.QueryRowContext(ctx, "SELECT "+q("mood")+", "+q("quote")+", "+q("small")+" FROM "+q("users")+" WHERE "+q("email")+" = 'a@example.com'")
			if err := row.Scan(&mood, &quote, &small); err != nil {
				t.Fatalf("read defaults: %v", err)
			}
			if mood != "happy" || quote != `it's "quoted" \ ok` || small != 7 {
				t.Errorf("defaults = %q, %q, %d; want happy, %q, 7", mood, quote, small, `it's "quoted" \ ok`)
			}
			var viewCount int
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+q("active_users")).Scan(&viewCount); err != nil || viewCount != 1 {
				t.Errorf("view active_users: count %d, err %v; want 1", viewCount, err)
			}
			execAll(ctx, t, db, []string{"DELETE FROM " + q("organisations")})
			var left int
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+q("users")).Scan(&left); err != nil || left != 0 {
				t.Errorf("ON DELETE CASCADE: %d users left (err %v), want 0", left, err)
			}
			if _, err := db.ExecContext(ctx, "INSERT INTO "+q("users")+" ("+q("org_id")+", "+q("email")+") VALUES (999, 'b@example.com')"); err == nil {
				t.Errorf("insert with a dangling org_id succeeded; the foreign key is not enforced")
			}

			drop, err := dialect.DropAll(db.Dialect, md)
			if err != nil {
				t.Fatalf("DropAll: %v", err)
			}
			execAll(ctx, t, db, drop)
			for _, tb := range md.Tables {
				if _, err := db.ExecContext(ctx, "SELECT 1 FROM "+q(tb.Name)); err == nil {
					t.Errorf("table %s still exists after DropAll", tb.Name)
				}
			}
		})
	}
}

// TestUnsupportedFeatures checks that every feature a database cannot
// express is refused with an *UnsupportedError that names the object and
// the feature, instead of being dropped silently or failing on the server.
func TestUnsupportedFeatures(t *testing.T) {
	base := func() *model.Table {
		return &model.Table{
			Name:       "t",
			Columns:    []*model.Column{{Name: "id", Type: model.Integer}, {Name: "name", Type: model.Varchar(20)}},
			PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		}
	}
	cases := []struct {
		feature string
		has     func(dialect.Capabilities) bool
		build   func() *model.MetaData
		want    string
	}{
		{"partial index", func(c dialect.Capabilities) bool { return c.PartialIndexes }, func() *model.MetaData {
			t := base()
			t.Indexes = []*model.Index{{Name: "ix_p", Parts: model.Cols("name"), Where: "id > 0"}}
			return (&model.MetaData{}).AddTable(t)
		}, `index "ix_p" on table "t": a partial index (WHERE) is not supported`},
		{"expression index", func(c dialect.Capabilities) bool { return c.ExpressionIndexes }, func() *model.MetaData {
			t := base()
			t.Indexes = []*model.Index{{Name: "ix_e", Parts: []model.IndexPart{{Expr: "lower(name)"}}}}
			return (&model.MetaData{}).AddTable(t)
		}, `index "ix_e" on table "t": an expression index is not supported`},
		{"include columns", func(c dialect.Capabilities) bool { return c.IndexInclude }, func() *model.MetaData {
			t := base()
			t.Indexes = []*model.Index{{Name: "ix_i", Parts: model.Cols("id"), Include: []string{"name"}}}
			return (&model.MetaData{}).AddTable(t)
		}, `index "ix_i" on table "t": INCLUDE columns is not supported`},
		{"prefix length", func(c dialect.Capabilities) bool { return c.IndexPrefixLengths }, func() *model.MetaData {
			t := base()
			t.Indexes = []*model.Index{{Name: "ix_l", Parts: []model.IndexPart{{Column: "name", Length: 4}}}}
			return (&model.MetaData{}).AddTable(t)
		}, `index "ix_l" on table "t": a prefix length is not supported`},
		{"gin method", func(c dialect.Capabilities) bool { return contains(c.IndexMethods, "gin") }, func() *model.MetaData {
			t := base()
			t.Indexes = []*model.Index{{Name: "ix_g", Method: "gin", Parts: model.Cols("name")}}
			return (&model.MetaData{}).AddTable(t)
		}, `index "ix_g" on table "t": index method "gin" is not supported`},
		{"deferrable foreign key", func(c dialect.Capabilities) bool { return c.DeferrableForeignKeys }, func() *model.MetaData {
			t := base()
			t.Columns = append(t.Columns, &model.Column{Name: "parent", Type: model.Integer, Nullable: true})
			t.ForeignKeys = []*model.ForeignKey{{Name: "fk_d", Columns: []string{"parent"}, RefTable: "t", RefColumns: []string{"id"}, Deferrable: true}}
			return (&model.MetaData{}).AddTable(t)
		}, `foreign key "fk_d" on table "t": DEFERRABLE is not supported`},
		{"not valid foreign key", func(c dialect.Capabilities) bool { return c.NotValidForeignKeys }, func() *model.MetaData {
			t := base()
			t.Columns = append(t.Columns, &model.Column{Name: "parent", Type: model.Integer, Nullable: true})
			t.ForeignKeys = []*model.ForeignKey{{Name: "fk_n", Columns: []string{"parent"}, RefTable: "t", RefColumns: []string{"id"}, NotValid: true}}
			return (&model.MetaData{}).AddTable(t)
		}, `foreign key "fk_n" on table "t": NOT VALID is not supported`},
		{"table comment", func(c dialect.Capabilities) bool { return c.Comments }, func() *model.MetaData {
			t := base()
			t.Comment = "hello"
			return (&model.MetaData{}).AddTable(t)
		}, `table "t": a table comment is not supported`},
		{"without rowid", func(c dialect.Capabilities) bool { return c.WithoutRowID }, func() *model.MetaData {
			t := base()
			t.WithoutRowID = true
			return (&model.MetaData{}).AddTable(t)
		}, `table "t": WITHOUT ROWID is not supported`},
		{"virtual generated column", func(c dialect.Capabilities) bool { return c.GeneratedVirtual }, func() *model.MetaData {
			t := base()
			t.Columns = append(t.Columns, &model.Column{Name: "g", Type: model.Integer, Nullable: true, Generated: &model.Generated{Expr: "id + 1"}})
			return (&model.MetaData{}).AddTable(t)
		}, `column "g" of table "t": a VIRTUAL generated column is not supported`},
		{"sequence", func(c dialect.Capabilities) bool { return c.Sequences }, func() *model.MetaData {
			return &model.MetaData{Sequences: []*model.Sequence{{Name: "s"}}}
		}, `sequence`},
	}
	// The dialects as detected on the live servers (MariaDB differs from
	// MySQL 8), then the defaults ForName returns without a server.
	var ds []dialect.Dialect
	for _, name := range testdb.Dialects {
		db, _ := testdb.Open(t, name)
		ds = append(ds, db.Dialect)
		d, err := dialect.ForName(name)
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	for i, d := range ds {
		name := d.Name()
		if i%2 == 1 {
			name += "-default"
		}
		for _, tc := range cases {
			if tc.has(d.Capabilities()) {
				continue
			}
			t.Run(name+"/"+tc.feature, func(t *testing.T) {
				_, err := dialect.CreateAll(d, tc.build())
				var ue *dialect.UnsupportedError
				if !errors.As(err, &ue) {
					t.Fatalf("CreateAll = %v; want an *UnsupportedError", err)
				}
				if !strings.Contains(err.Error(), tc.want) {
					t.Errorf("error = %q; want it to contain %q", err, tc.want)
				}
			})
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
