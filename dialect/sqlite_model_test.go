package dialect

import "github.com/migratego/migrate/model"

// SQLiteRichModel is sqliteRichModel for the integration tests of package
// dialect_test (which cannot import internal/testdb from package dialect).
var SQLiteRichModel = sqliteRichModel

// sqliteRichModel uses every model feature SQLite supports: autoincrement
// (Integer, and BigInt rendered as INTEGER), generated stored and virtual
// columns, a NOCASE collation, an inline enum with its check, composite
// primary and foreign keys with actions and DEFERRABLE, a foreign-key cycle
// between two tables, unique and check constraints, partial, expression and
// descending indexes, a WITHOUT ROWID table in an explicit schema, awkward
// names, literal and expression defaults, and a view.
func sqliteRichModel() *model.MetaData {
	md := &model.MetaData{}
	md.Enums = append(md.Enums, &model.EnumType{Name: "mood", Values: []string{"happy", "sad", "it's complicated"}})

	orgs := &model.Table{
		Name: "orgs",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, AutoIncrement: true},
			{Name: "name", Type: model.Varchar(100), Collation: "NOCASE"},
			{Name: "created_at", Type: model.TimestampTZ, Default: model.DefaultExpr("CURRENT_TIMESTAMP")},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		Uniques:    []*model.Unique{{Columns: []string{"name"}}},
	}
	users := &model.Table{
		Name: "users",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer, Identity: &model.Identity{Start: 1, Increment: 1}},
			{Name: "org_id", Type: model.BigInt},
			{Name: "email", Type: model.Varchar(255)},
			{Name: "active", Type: model.Boolean, Default: model.DefaultLiteral(true)},
			{Name: "balance", Type: model.Numeric(12, 2), Default: model.DefaultLiteral(int64(0))},
			{Name: "score", Type: model.Double, Nullable: true, Default: model.DefaultLiteral(0.5)},
			{Name: "mood", Type: model.Enum("mood", "happy", "sad", "it's complicated"), Default: model.DefaultLiteral("happy")},
			{Name: `say "hi"`, Type: model.Text, Nullable: true, Default: model.DefaultLiteral("it's")},
			{Name: "token", Type: model.UUID, Nullable: true},
			{Name: "avatar", Type: model.Blob, Nullable: true},
			{Name: "seen_at", Type: model.Timestamp, Nullable: true},
			{Name: "balance_x2", Type: model.Numeric(14, 2), Nullable: true, Generated: &model.Generated{Expr: "balance * 2", Stored: true}},
			{Name: "email_len", Type: model.Integer, Nullable: true, Generated: &model.Generated{Expr: "length(email)"}},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{
			{Columns: []string{"org_id"}, RefTable: "orgs", RefColumns: []string{"id"}, OnDelete: model.Cascade, OnUpdate: model.Restrict},
		},
		Checks: []*model.Check{{Expr: "balance >= 0"}},
		Indexes: []*model.Index{
			{Unique: true, Parts: model.Cols("org_id", "email")},
			{Name: "ix_users_seen_desc", Parts: []model.IndexPart{{Column: "seen_at", Desc: true}, {Column: "id"}}},
			{Name: "ix_users_active_email", Parts: model.Cols("email"), Where: "active = 1"},
			{Name: "ix_users_lower_email", Parts: []model.IndexPart{{Expr: "lower(email)"}}},
		},
	}
	memberships := &model.Table{
		Name: "memberships",
		Columns: []*model.Column{
			{Name: "org_id", Type: model.BigInt},
			{Name: "user_id", Type: model.Integer},
			{Name: "since", Type: model.Date, Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Name: "pk_memberships", Columns: []string{"org_id", "user_id"}},
		ForeignKeys: []*model.ForeignKey{
			{Columns: []string{"org_id"}, RefTable: "orgs", RefColumns: []string{"id"}},
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
			Name:    "fk_roles_membership",
			Columns: []string{"org_id", "user_id"}, RefTable: "memberships", RefColumns: []string{"org_id", "user_id"},
			OnDelete: model.Cascade, OnUpdate: model.Cascade, Deferrable: true, InitiallyDeferred: true,
		}},
	}
	// A cycle: a department has a head employee, an employee a department.
	depts := &model.Table{
		Name:       "departments",
		Columns:    []*model.Column{{Name: "id", Type: model.Integer}, {Name: "head_id", Type: model.Integer, Nullable: true}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"head_id"}, RefTable: "employees", RefColumns: []string{"id"},
			OnDelete: model.SetNull}},
	}
	emps := &model.Table{
		Name:        "employees",
		Columns:     []*model.Column{{Name: "id", Type: model.Integer}, {Name: "dept_id", Type: model.Integer, Nullable: true}},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"dept_id"}, RefTable: "departments", RefColumns: []string{"id"}}},
	}
	// WITHOUT ROWID, qualified by the main database, with a self-reference.
	kv := &model.Table{
		Schema: "main",
		Name:   "kv",
		Columns: []*model.Column{
			{Name: "k", Type: model.Text, Collation: "BINARY"},
			{Name: "parent", Type: model.Text, Nullable: true},
			{Name: "v", Type: model.Blob, Nullable: true, Default: model.DefaultLiteral([]byte{0xCA, 0xFE})},
		},
		PrimaryKey:   &model.PrimaryKey{Columns: []string{"k"}},
		ForeignKeys:  []*model.ForeignKey{{Columns: []string{"parent"}, RefTable: "kv", RefColumns: []string{"k"}, OnDelete: model.SetNull}},
		Indexes:      []*model.Index{{Parts: model.Cols("parent")}},
		WithoutRowID: true,
	}
	md.AddTable(orgs, users, roles, memberships, depts, emps, kv)
	md.Views = append(md.Views, &model.View{Name: "active_users", Definition: "SELECT id, email FROM users WHERE active = 1"})
	return md
}
