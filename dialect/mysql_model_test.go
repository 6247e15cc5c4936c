package dialect

import "github.com/migratego/migrate/model"

// MySQLRichModel is mysqlRichModel for the external integration tests.
var MySQLRichModel = mysqlRichModel

// mysqlRichModel builds a model using every feature d supports: auto
// increment and identity start, stored and virtual generated columns,
// collations, comments, inline enums, raw types, composite primary and
// foreign keys with actions, a foreign-key cycle, unique and check
// constraints, prefix-length, DESC and multi-column indexes, sequences
// (MariaDB), a functional index (MySQL 8), hostile names and a view.
func mysqlRichModel(d Dialect) *model.MetaData {
	c := d.Capabilities()
	md := &model.MetaData{}
	if c.Sequences {
		minV, maxV := int64(1), int64(999999)
		md.Sequences = []*model.Sequence{
			{Name: "invoice_numbers", Start: 1000, Increment: 5, MinValue: &minV, MaxValue: &maxV, Cache: 10, Cycle: true},
			{Name: "plain seq"},
		}
	}
	accounts := &model.Table{
		Name:    "accounts",
		Comment: `User accounts; it's "quoted" \ here`,
		Options: map[string]string{"CHARSET": "utf8mb4", "COLLATE": "utf8mb4_unicode_ci", "ROW_FORMAT": "DYNAMIC"},
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, AutoIncrement: true},
			{Name: "email", Type: model.Varchar(255), Collation: "utf8mb4_bin", Comment: "login e-mail; it's unique"},
			{Name: "status", Type: model.Enum("account_status", "active", "it's blocked", `back\slash`), Default: model.DefaultLiteral("active")},
			{Name: "flags", Type: model.Raw("set('a','b')"), Nullable: true},
			{Name: "bio", Type: model.Raw("mediumtext"), Nullable: true},
			{Name: "age", Type: model.Raw("tinyint unsigned"), Nullable: true},
			{Name: "balance", Type: model.Numeric(12, 2), Default: model.DefaultLiteral(int64(0))},
			{Name: "is_admin", Type: model.Boolean, Default: model.DefaultLiteral(false)},
			{Name: "created_at", Type: model.Type{Kind: model.KindTimestamp, Precision: 3}, Default: model.DefaultExpr("CURRENT_TIMESTAMP(3)")},
			{Name: "updated_at", Type: model.TimestampTZ, Nullable: true, Default: model.DefaultExpr("CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP")},
			{Name: "email_lower", Type: model.Varchar(255), Nullable: true, Generated: &model.Generated{Expr: "lower(`email`)", Stored: true}},
			{Name: "email_len", Type: model.Integer, Nullable: true, Generated: &model.Generated{Expr: "char_length(`email`)"}},
			{Name: "profile", Type: model.JSON, Nullable: true},
			{Name: "token", Type: model.UUID, Nullable: true},
			{Name: "avatar", Type: model.Blob, Nullable: true},
			{Name: "note", Type: model.Text, Nullable: true, Default: model.DefaultLiteral("n/a")},
			{Name: "score", Type: model.Double, Default: model.DefaultExpr("pi() * 2")},
			{Name: "order", Type: model.Integer, Default: model.DefaultExpr("0")},
			{Name: "favorite_ticket_id", Type: model.BigInt, Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		Uniques:    []*model.Unique{{Columns: []string{"email"}}},
		Checks:     []*model.Check{{Name: "ck_accounts_age", Expr: "`age` IS NULL OR `age` >= 13"}},
		ForeignKeys: []*model.ForeignKey{
			{Columns: []string{"favorite_ticket_id"}, RefTable: "tickets", RefColumns: []string{"id"}, OnDelete: model.SetNull},
		},
		Indexes: []*model.Index{
			{Parts: []model.IndexPart{{Column: "bio", Length: 20}}},
			{Name: "ix_accounts_created_desc", Parts: []model.IndexPart{{Column: "created_at", Desc: c.DescIndexes}, {Column: "id"}}},
			{Name: "ix_accounts_email_prefix", Method: "BTREE", Parts: []model.IndexPart{{Column: "email", Length: 10}, {Column: "status"}}},
			{Unique: true, Parts: model.Cols("status", "email")},
		},
	}
	if c.ExpressionIndexes {
		accounts.Indexes = append(accounts.Indexes, &model.Index{Name: "ix_accounts_lower_email", Parts: []model.IndexPart{{Expr: "lower(`email`)"}}})
	}
	orgs := &model.Table{
		Name:    "org units",
		Options: map[string]string{"ENGINE": "InnoDB"},
		Columns: []*model.Column{
			{Name: "region", Type: model.Char(2)},
			{Name: "code", Type: model.Integer},
			{Name: "naïve name", Type: model.Varchar(100), Comment: "名前"},
			{Name: "select", Type: model.Varchar(10), Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"region", "code"}},
	}
	memberships := &model.Table{
		Name: "memberships",
		Columns: []*model.Column{
			{Name: "account_id", Type: model.BigInt},
			{Name: "region", Type: model.Char(2)},
			{Name: "org_code", Type: model.Integer},
			{Name: "role", Type: model.Enum("", "member", "admin"), Default: model.DefaultLiteral("member")},
			{Name: "invited_by", Type: model.BigInt, Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"account_id", "region", "org_code"}},
		ForeignKeys: []*model.ForeignKey{
			{Columns: []string{"account_id"}, RefTable: "accounts", RefColumns: []string{"id"}, OnDelete: model.Cascade},
			{Name: "fk_memberships_org", Columns: []string{"region", "org_code"}, RefTable: "org units", RefColumns: []string{"region", "code"},
				OnDelete: model.Restrict, OnUpdate: model.Cascade},
			{Columns: []string{"invited_by"}, RefTable: "accounts", RefColumns: []string{"id"}, OnDelete: model.SetNull, OnUpdate: model.NoAction},
		},
		Indexes: []*model.Index{{Parts: model.Cols("region", "org_code", "role")}},
	}
	tickets := &model.Table{
		Name: "tickets",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, Identity: &model.Identity{Start: 1000}},
			{Name: "account_id", Type: model.BigInt},
			{Name: "title", Type: model.Varchar(200)},
		},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"account_id"}, RefTable: "accounts", RefColumns: []string{"id"}, OnDelete: model.Cascade}},
	}
	md.AddTable(memberships, accounts, orgs, tickets)
	md.Views = []*model.View{{Name: "active accounts", Definition: "SELECT `id`, `email` FROM `accounts` WHERE `status` = 'active';"}}
	return md
}
