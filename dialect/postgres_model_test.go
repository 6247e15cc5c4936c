package dialect

import "github.com/migratego/migrate/model"

// PostgresRichModel exports postgresRichModel to the integration tests of
// package dialect_test.
var PostgresRichModel = postgresRichModel

// postgresRichModel uses every model feature PostgreSQL supports. Some
// objects are qualified with schema (the golden test passes "app"; the
// integration test the test's own schema, which is also its search_path).
func postgresRichModel(schema string) *model.MetaData {
	minV, maxV := int64(1), int64(1_000_000_000)
	md := &model.MetaData{
		Enums: []*model.EnumType{
			{Name: "mood", Values: []string{"happy", "sad", "it's complicated"}},
			{Schema: schema, Name: "account_status", Values: []string{"active", "closed"}},
		},
		Sequences: []*model.Sequence{
			{Name: "invoice_numbers", Start: 1000, Increment: 5, MinValue: &minV, MaxValue: &maxV, Cache: 10, Cycle: true, OwnedBy: "invoices.number"},
			{Schema: schema, Name: "ticket_seq"},
		},
	}
	status := model.Type{Kind: model.KindEnum, EnumSchema: schema, EnumName: "account_status", Values: []string{"active", "closed"}}
	accounts := &model.Table{
		Schema:  schema,
		Name:    "accounts",
		Comment: "Customers' accounts",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, Identity: &model.Identity{Always: true, Start: 100, Increment: 10}},
			{Name: "name", Type: model.Varchar(100), Collation: "C", Comment: "Legal name; \"as registered\""},
			{Name: "email", Type: model.Text},
			{Name: "status", Type: status, Default: model.DefaultLiteral("active")},
			{Name: "balance", Type: model.Numeric(12, 2), Default: model.DefaultLiteral(int64(0))},
			{Name: "balance_x2", Type: model.Numeric(14, 2), Nullable: true, Generated: &model.Generated{Expr: "balance * 2", Stored: true}},
			{Name: "created_at", Type: model.Type{Kind: model.KindTimestamp, Precision: 3, WithTimezone: true}, Default: model.DefaultExpr("now()")},
			{Name: "search", Type: model.Raw("tsvector"), Nullable: true},
			{Name: "tags", Type: model.Raw("integer[]"), Nullable: true},
			{Name: "ip", Type: model.Raw("inet"), Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		Uniques:    []*model.Unique{{Columns: []string{"email"}}},
		Checks:     []*model.Check{{Expr: "balance >= 0"}},
		Indexes: []*model.Index{
			{Name: "ix_accounts_search", Method: "gin", Parts: model.Cols("search")},
			{Name: "ix_accounts_lower_name", Unique: true, Parts: []model.IndexPart{{Expr: "lower(name)"}}},
			{Name: "ix_accounts_created", Parts: []model.IndexPart{{Column: "created_at", Desc: true}, {Column: "id"}}, Include: []string{"name"}},
			{Name: "ix_accounts_open", Parts: model.Cols("email"), Where: "status = 'active'"},
			{Name: "ix_accounts_ip", Method: "HASH", Parts: model.Cols("ip")},
		},
	}
	products := &model.Table{
		Name: "products",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer, AutoIncrement: true},
			{Name: "sku", Type: model.Char(8)},
			{Name: "select", Type: model.Text, Nullable: true, Comment: "a reserved word"},
			{Name: `we"ird`, Type: model.Varchar(0), Nullable: true},
			{Name: "data", Type: model.JSONB, Default: model.DefaultExpr("'{}'::jsonb")},
			{Name: "meta", Type: model.JSON, Nullable: true},
			{Name: "ratio", Type: model.Real, Default: model.DefaultLiteral(0.5)},
			{Name: "score", Type: model.Double, Nullable: true},
			{Name: "small", Type: model.SmallInt, Default: model.DefaultLiteral(int64(-1))},
			{Name: "active", Type: model.Boolean, Default: model.DefaultLiteral(true)},
			{Name: "token", Type: model.UUID, Default: model.DefaultExpr("gen_random_uuid()")},
			{Name: "picture", Type: model.Blob, Nullable: true},
			{Name: "released", Type: model.Date, Nullable: true},
			{Name: "opens", Type: model.Time, Nullable: true},
			{Name: "opens_tz", Type: model.Type{Kind: model.KindTime, WithTimezone: true}, Nullable: true},
			{Name: "updated", Type: model.Timestamp, Nullable: true},
			{Name: "warranty", Type: model.Interval, Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		Uniques:    []*model.Unique{{Name: "uq_products_sku", Columns: []string{"sku"}}},
	}
	orders := &model.Table{
		Name: "orders",
		Columns: []*model.Column{
			{Name: "account_id", Type: model.BigInt},
			{Name: "order_no", Type: model.Integer},
			{Name: "mood", Type: model.Enum("mood", "happy", "sad", "it's complicated"), Default: model.DefaultLiteral("happy")},
			{Name: "placed_at", Type: model.TimestampTZ, Default: model.DefaultExpr("CURRENT_TIMESTAMP")},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"account_id", "order_no"}},
		ForeignKeys: []*model.ForeignKey{
			{Columns: []string{"account_id"}, RefSchema: schema, RefTable: "accounts", RefColumns: []string{"id"}, OnDelete: model.Cascade, OnUpdate: model.Restrict},
		},
		Checks: []*model.Check{{Name: "ck_orders_no", Expr: "order_no > 0"}},
	}
	lines := &model.Table{
		Name: "order_lines",
		Columns: []*model.Column{
			{Name: "account_id", Type: model.BigInt},
			{Name: "order_no", Type: model.Integer},
			{Name: "line", Type: model.SmallInt},
			{Name: "product_id", Type: model.Integer, Nullable: true},
			{Name: "qty", Type: model.Integer, Default: model.DefaultLiteral(int64(1))},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"account_id", "order_no", "line"}},
		ForeignKeys: []*model.ForeignKey{
			{Name: "fk_lines_order", Columns: []string{"account_id", "order_no"}, RefTable: "orders", RefColumns: []string{"account_id", "order_no"},
				OnDelete: model.Cascade, OnUpdate: model.Cascade, Deferrable: true, InitiallyDeferred: true},
			{Name: "fk_lines_product", Columns: []string{"product_id"}, RefTable: "products", RefColumns: []string{"id"}, OnDelete: model.SetNull, NotValid: true},
		},
	}
	invoices := &model.Table{
		Name: "invoices",
		Columns: []*model.Column{
			{Name: "number", Type: model.BigInt, Default: model.DefaultExpr("nextval('invoice_numbers')")},
			{Name: "issued", Type: model.Timestamp, Default: model.DefaultExpr("LOCALTIMESTAMP")},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"number"}},
	}
	md.AddTable(lines, orders, accounts, products, invoices) // CreateAll orders them
	md.Views = []*model.View{{Name: "rich_accounts", Definition: "SELECT id, name FROM accounts WHERE balance > 0;"}}
	return md
}
