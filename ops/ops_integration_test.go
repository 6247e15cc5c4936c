package ops_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// baseModel is the seeded schema every round trip starts from. Every
// constraint and index is named, so that drops have a name to use.
func baseModel(d dialect.Dialect) *model.MetaData {
	caps := d.Capabilities()
	users := &model.Table{
		Name: "users",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, AutoIncrement: true},
			{Name: "team_id", Type: model.BigInt, Nullable: true},
			{Name: "email", Type: model.Varchar(10)},
			{Name: "age", Type: model.Integer, Nullable: true},
			{Name: "note", Type: model.Text, Nullable: true},
			{Name: "code", Type: model.Varchar(10), Nullable: true},
			{Name: "status", Type: model.Varchar(20), Default: model.DefaultLiteral("new")},
		},
		PrimaryKey:  &model.PrimaryKey{Name: "pk_users", Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Name: "fk_users_team", Columns: []string{"team_id"}, RefTable: "teams", RefColumns: []string{"id"}}},
		Uniques:     []*model.Unique{{Name: "uq_users_email", Columns: []string{"email"}}},
		Indexes: []*model.Index{
			{Name: "ix_users_age", Parts: model.Cols("age")},
			{Name: "ix_users_team", Parts: model.Cols("team_id")},
		},
	}
	if caps.CheckConstraints {
		users.Checks = []*model.Check{{Name: "ck_users_age", Expr: "age >= 0"}}
	}
	// Indexes of every shape, for drop_index: unique, partial and on an
	// expression where the database has them.
	users.Indexes = append(users.Indexes, &model.Index{Name: "ux_users_code", Unique: true, Parts: model.Cols("code")})
	if caps.PartialIndexes {
		users.Indexes = append(users.Indexes, &model.Index{Name: "ix_users_team_adults", Parts: model.Cols("team_id"), Where: "age >= 18"})
	}
	if caps.ExpressionIndexes {
		users.Indexes = append(users.Indexes, &model.Index{Name: "ix_users_note_lower", Parts: []model.IndexPart{{Expr: "lower(note)"}}})
	}
	audit := &model.Table{
		Name: "audit",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt},
			{Name: "msg", Type: model.Text, Nullable: true},
			{Name: "level", Type: model.SmallInt, Default: model.DefaultLiteral(int64(1))},
		},
		PrimaryKey: &model.PrimaryKey{Name: "pk_audit", Columns: []string{"id"}},
		Indexes:    []*model.Index{{Name: "ix_audit_level", Parts: []model.IndexPart{{Column: "level", Desc: caps.DescIndexes}}}},
	}
	if caps.Comments {
		audit.Comment = "audit log"
		users.Columns[4].Comment = "free text"
	}
	return &model.MetaData{Tables: []*model.Table{
		{
			Name: "teams",
			Columns: []*model.Column{
				{Name: "id", Type: model.BigInt},
				{Name: "org", Type: model.Integer},
				{Name: "name", Type: model.Varchar(50)},
			},
			PrimaryKey: &model.PrimaryKey{Name: "pk_teams", Columns: []string{"id"}},
			Uniques:    []*model.Unique{{Name: "uq_teams_id_org", Columns: []string{"id", "org"}}},
		},
		users,
		audit,
		{
			Name: "members",
			Columns: []*model.Column{
				{Name: "team_id", Type: model.BigInt},
				{Name: "org", Type: model.Integer},
				{Name: "who", Type: model.Varchar(40)},
			},
			Indexes: []*model.Index{{Name: "ix_members_team_org", Parts: model.Cols("team_id", "org")}},
		},
	}}
}

// baseTable returns a table of the base model, for operations that carry
// existing definitions.
func baseTable(d dialect.Dialect, name string) *model.Table {
	return baseModel(d).Table("", name).Clone()
}

// seed rows, inserted before each round trip.
var seedRows = []string{
	"teams (id, org, name) VALUES (1, 10, 'red'), (2, 20, 'blue')",
	"users (id, team_id, email, age, code) VALUES (1, 1, 'a@x.io', 30, '7'), (2, 2, 'b@x.io', 40, '8')",
	"members (team_id, org, who) VALUES (1, 10, 'ann')",
}

// dataProbe reads one column ordered by another after the operation and
// after its inverse, checking that the rows survived.
type dataProbe struct {
	// after: table and column holding the data once the operation ran.
	afterTable, afterColumn string
	// before: where the data is before the operation and after the inverse.
	table, column string
	orderBy       string
	want          []string
}

// roundTripCase is one operation applied to the base schema and reversed.
type roundTripCase struct {
	name string
	op   func(d dialect.Dialect) ops.Operation
	// skip returns why the database cannot run the case, or "".
	skip  func(c dialect.Capabilities) string
	probe *dataProbe
	// reverseLoses says why the inverse cannot restore the schema exactly
	// (what went with a dropped column); the inverse still runs and is
	// checked against the model.
	reverseLoses string
	// sqliteRebuild, when set, says whether the operation must rebuild
	// its table on a database that rebuilds tables (SQLite).
	sqliteRebuild *bool
	// mayBeUnsupported: a server may refuse the operation with an
	// *UnsupportedError (MySQL has no CREATE INDEX IF NOT EXISTS, MariaDB
	// has), which skips the case.
	mayBeUnsupported bool
}

func roundTripCases() []roundTripCase {
	col := func(d dialect.Dialect, table, name string) *model.Column {
		return baseTable(d, table).Column(name).Clone()
	}
	yes, no := true, false
	rebuilds := func(c dialect.Capabilities) string {
		if c.AlterColumnType {
			return "RecreateAlways needs a database that rebuilds tables (SQLite); the others refuse it, see TestRebuildRefusedWithoutRebuilder"
		}
		return ""
	}
	needs := func(ok func(c dialect.Capabilities) bool, why string) func(c dialect.Capabilities) string {
		return func(c dialect.Capabilities) string {
			if !ok(c) {
				return why
			}
			return ""
		}
	}
	return []roundTripCase{
		{name: "create_table", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreateTable{Table: &model.Table{
				Name: "tags",
				Columns: []*model.Column{
					{Name: "id", Type: model.Integer},
					{Name: "user_id", Type: model.BigInt, Nullable: true},
					{Name: "label", Type: model.Varchar(30), Default: model.DefaultLiteral("x")},
				},
				PrimaryKey:  &model.PrimaryKey{Name: "pk_tags", Columns: []string{"id"}},
				ForeignKeys: []*model.ForeignKey{{Name: "fk_tags_user", Columns: []string{"user_id"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: model.Cascade}},
				Indexes:     []*model.Index{{Name: "ix_tags_label", Unique: true, Parts: model.Cols("label", "user_id")}, {Name: "ix_tags_user", Parts: model.Cols("user_id")}},
			}}
		}},
		{name: "drop_table", op: func(d dialect.Dialect) ops.Operation {
			return ops.DropTable{Table: "audit", Existing: baseTable(d, "audit")}
		}},
		{name: "rename_table", op: func(d dialect.Dialect) ops.Operation {
			return ops.RenameTable{Table: "teams", NewName: "squads"}
		}, probe: &dataProbe{table: "teams", column: "name", afterTable: "squads", afterColumn: "name", orderBy: "id", want: []string{"red", "blue"}}},
		{name: "add_column", op: func(d dialect.Dialect) ops.Operation {
			c := &model.Column{Name: "nickname", Type: model.Varchar(30), Nullable: true, Default: model.DefaultLiteral("it's")}
			if d.Capabilities().Comments {
				c.Comment = "shown to others"
			}
			return ops.AddColumn{Table: "users", Column: c}
		}},
		{name: "add_column_not_null_default", op: func(d dialect.Dialect) ops.Operation {
			return ops.AddColumn{Table: "users", Column: &model.Column{Name: "score", Type: model.Integer, Default: model.DefaultLiteral(int64(0))}}
		}},
		{name: "drop_column", op: func(d dialect.Dialect) ops.Operation {
			// The last column: a column added back goes to the end.
			return ops.DropColumn{Table: "users", Column: "status", Existing: col(d, "users", "status")}
		}},
		{name: "alter_column_widen_varchar", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "users", "email")
			to := from.Clone()
			to.Type = model.Varchar(50)
			return ops.AlterColumn{Table: "users", Column: "email", Existing: from, New: to}
		}, probe: &dataProbe{table: "users", column: "email", afterTable: "users", afterColumn: "email", orderBy: "id", want: []string{"a@x.io", "b@x.io"}}},
		{name: "alter_column_int_to_bigint", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "users", "age")
			to := from.Clone()
			to.Type = model.BigInt
			return ops.AlterColumn{Table: "users", Column: "age", Existing: from, New: to}
		}, probe: &dataProbe{table: "users", column: "age", afterTable: "users", afterColumn: "age", orderBy: "id", want: []string{"30", "40"}}},
		{name: "alter_column_rename", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "users", "email")
			to := from.Clone()
			to.Name = "email_address"
			return ops.AlterColumn{Table: "users", Column: "email", Existing: from, New: to}
		}, probe: &dataProbe{table: "users", column: "email", afterTable: "users", afterColumn: "email_address", orderBy: "id", want: []string{"a@x.io", "b@x.io"}}},
		{name: "alter_column_nullable", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "users", "status")
			to := from.Clone()
			to.Nullable = true
			return ops.AlterColumn{Table: "users", Column: "status", Existing: from, New: to}
		}},
		{name: "alter_column_not_null", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "users", "age")
			to := from.Clone()
			to.Nullable = false
			return ops.AlterColumn{Table: "users", Column: "age", Existing: from, New: to}
		}},
		{name: "alter_column_default", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "users", "status")
			to := from.Clone()
			to.Default = model.DefaultLiteral("active")
			return ops.AlterColumn{Table: "users", Column: "status", Existing: from, New: to}
		}},
		{name: "alter_column_drop_default", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "audit", "level")
			to := from.Clone()
			to.Default = nil
			return ops.AlterColumn{Table: "audit", Column: "level", Existing: from, New: to}
		}},
		{name: "alter_column_identity", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "audit", "id")
			to := from.Clone()
			to.AutoIncrement = true
			return ops.AlterColumn{Table: "audit", Column: "id", Existing: from, New: to}
		}},
		{name: "alter_column_drop_identity", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "users", "id")
			to := from.Clone()
			to.AutoIncrement = false
			return ops.AlterColumn{Table: "users", Column: "id", Existing: from, New: to}
		}},
		{name: "alter_column_using", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "users", "code")
			to := from.Clone()
			to.Type = model.Integer
			return ops.AlterColumn{Table: "users", Column: "code", Existing: from, New: to, Using: `"code"::integer`, ReverseUsing: `"code"::varchar(10)`}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.NamedEnumTypes }, "USING is PostgreSQL-only"),
			probe: &dataProbe{table: "users", column: "code", afterTable: "users", afterColumn: "code", orderBy: "id", want: []string{"7", "8"}}},
		{name: "alter_column_comment", op: func(d dialect.Dialect) ops.Operation {
			from := col(d, "users", "note")
			to := from.Clone()
			to.Comment = "changed"
			return ops.AlterColumn{Table: "users", Column: "note", Existing: from, New: to}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.Comments }, "no comments")},
		{name: "create_index_unique_desc", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix_users_team_age", Unique: true,
				Parts: []model.IndexPart{{Column: "team_id"}, {Column: "age", Desc: d.Capabilities().DescIndexes}}}}
		}},
		{name: "create_index_partial", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix_users_adults", Parts: model.Cols("age"), Where: "age >= 18"}}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.PartialIndexes }, "no partial indexes")},
		{name: "create_index_expression", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix_users_lower_email", Parts: []model.IndexPart{{Expr: "lower(email)"}}}}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.ExpressionIndexes }, "no expression indexes")},
		{name: "create_index_method_concurrently", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix_users_code_hash", Parts: model.Cols("code"), Method: "hash"},
				Concurrently: true, IfNotExists: true}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.ConcurrentIndexes }, "no CONCURRENTLY")},
		{name: "create_index_if_not_exists", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix_users_status", Parts: model.Cols("status")}, IfNotExists: true}
		}, mayBeUnsupported: true},
		{name: "drop_index", op: func(d dialect.Dialect) ops.Operation {
			return ops.DropIndex{Table: "users", Index: "ix_users_age", Existing: baseTable(d, "users").Index("ix_users_age")}
		}},
		{name: "drop_index_unique", op: func(d dialect.Dialect) ops.Operation {
			return ops.DropIndex{Table: "users", Index: "ux_users_code", Existing: baseTable(d, "users").Index("ux_users_code")}
		}},
		{name: "drop_index_partial", op: func(d dialect.Dialect) ops.Operation {
			return ops.DropIndex{Table: "users", Index: "ix_users_team_adults", Existing: baseTable(d, "users").Index("ix_users_team_adults")}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.PartialIndexes }, "no partial indexes")},
		{name: "drop_index_expression", op: func(d dialect.Dialect) ops.Operation {
			return ops.DropIndex{Table: "users", Index: "ix_users_note_lower", Existing: baseTable(d, "users").Index("ix_users_note_lower")}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.ExpressionIndexes }, "no expression indexes")},
		{name: "create_primary_key", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreatePrimaryKey{Table: "members", PrimaryKey: &model.PrimaryKey{Name: "pk_members", Columns: []string{"team_id", "who"}}}
		}},
		{name: "drop_primary_key", op: func(d dialect.Dialect) ops.Operation {
			return ops.DropPrimaryKey{Table: "audit", Constraint: "pk_audit", Existing: baseTable(d, "audit").PrimaryKey}
		}},
		{name: "create_unique", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreateUnique{Table: "users", Unique: &model.Unique{Name: "uq_users_team_code", Columns: []string{"team_id", "code"}}}
		}},
		{name: "drop_unique", op: func(d dialect.Dialect) ops.Operation {
			return ops.DropUnique{Table: "users", Constraint: "uq_users_email", Existing: baseTable(d, "users").Uniques[0]}
		}},
		{name: "create_foreign_key", op: func(d dialect.Dialect) ops.Operation {
			c := d.Capabilities()
			fk := &model.ForeignKey{Name: "fk_members_team", Columns: []string{"team_id", "org"}, RefTable: "teams", RefColumns: []string{"id", "org"},
				OnDelete: model.Cascade, OnUpdate: model.Restrict, Deferrable: c.DeferrableForeignKeys, InitiallyDeferred: c.DeferrableForeignKeys}
			return ops.CreateForeignKey{Table: "members", ForeignKey: fk}
		}},
		{name: "create_foreign_key_not_valid", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreateForeignKey{Table: "members", ForeignKey: &model.ForeignKey{Name: "fk_members_team", Columns: []string{"team_id"},
				RefTable: "teams", RefColumns: []string{"id"}, OnDelete: model.SetNull, NotValid: true}}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.NotValidForeignKeys }, "no NOT VALID")},
		{name: "drop_foreign_key", op: func(d dialect.Dialect) ops.Operation {
			return ops.DropForeignKey{Table: "users", Constraint: "fk_users_team", Existing: baseTable(d, "users").ForeignKeys[0]}
		}},
		{name: "create_check", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreateCheck{Table: "users", Check: &model.Check{Name: "ck_users_status", Expr: "status <> ''"}}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.CheckConstraints }, "no check constraints")},
		{name: "create_check_not_valid", op: func(d dialect.Dialect) ops.Operation {
			return ops.CreateCheck{Table: "users", Check: &model.Check{Name: "ck_users_code", Expr: "code <> ''"}, NotValid: true}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.NotValidForeignKeys }, "no NOT VALID")},
		{name: "drop_check", op: func(d dialect.Dialect) ops.Operation {
			return ops.DropCheck{Table: "users", Constraint: "ck_users_age", Existing: baseTable(d, "users").Checks[0]}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.CheckConstraints }, "no check constraints")},
		{name: "alter_column_rename_referenced", op: func(d dialect.Dialect) ops.Operation {
			// users.fk_users_team references teams.id: the reference follows.
			from := col(d, "teams", "id")
			to := from.Clone()
			to.Name = "team_no"
			return ops.AlterColumn{Table: "teams", Column: "id", Existing: from, New: to}
		}, probe: &dataProbe{table: "teams", column: "id", afterTable: "teams", afterColumn: "team_no", orderBy: "name", want: []string{"2", "1"}}},
		{name: "alter_column_rename_in_expressions", op: func(d dialect.Dialect) ops.Operation {
			// age is named by a check and an index predicate: the rename
			// reaches them.
			from := col(d, "users", "age")
			to := from.Clone()
			to.Name = "years"
			return ops.AlterColumn{Table: "users", Column: "age", Existing: from, New: to}
		}, probe: &dataProbe{table: "users", column: "age", afterTable: "users", afterColumn: "years", orderBy: "id", want: []string{"30", "40"}}},
		{name: "drop_column_in_expressions", op: func(d dialect.Dialect) ops.Operation {
			// The check and the indexes using note go with it.
			return ops.DropColumn{Table: "users", Column: "note", Existing: col(d, "users", "note")}
		}, reverseLoses: "the column comes back last, without its index"},
		{name: "batch_in_place", sqliteRebuild: &no, op: func(d dialect.Dialect) ops.Operation {
			// ALTER makes every change on every database: no rebuild.
			return ops.BatchAlterTable{Table: "audit", Ops: []ops.Operation{
				ops.AddColumn{Column: &model.Column{Name: "source", Type: model.Varchar(20), Nullable: true}},
				ops.CreateIndex{Index: &model.Index{Name: "ix_audit_source", Parts: model.Cols("source")}},
				ops.AlterColumn{Column: "msg", Existing: col(d, "audit", "msg"), New: &model.Column{Name: "message", Type: model.Text, Nullable: true}},
			}}
		}},
		{name: "batch_rebuild", sqliteRebuild: &yes, op: func(d dialect.Dialect) ops.Operation {
			// On SQLite the type change and the constraints need a rebuild,
			// made once for the whole batch; elsewhere each is an ALTER.
			age, email := col(d, "users", "age"), col(d, "users", "email")
			age2, email2 := age.Clone(), email.Clone()
			age2.Type, email2.Name, email2.Type = model.BigInt, "mail", model.Varchar(60)
			return ops.BatchAlterTable{Table: "users", Ops: []ops.Operation{
				ops.AlterColumn{Column: "age", Existing: age, New: age2},
				ops.AlterColumn{Column: "email", Existing: email, New: email2},
				ops.CreateUnique{Unique: &model.Unique{Name: "uq_users_team_note", Columns: []string{"team_id", "code"}}},
				ops.DropForeignKey{Constraint: "fk_users_team", Existing: baseTable(d, "users").ForeignKeys[0]},
				ops.AddColumn{Column: &model.Column{Name: "flags", Type: model.Integer, Default: model.DefaultLiteral(int64(0))}},
			}}
		}, probe: &dataProbe{table: "users", column: "email", afterTable: "users", afterColumn: "mail", orderBy: "id", want: []string{"a@x.io", "b@x.io"}}},
		{name: "batch_recreate_always", op: func(d dialect.Dialect) ops.Operation {
			return ops.BatchAlterTable{Table: "members", Recreate: ops.RecreateAlways, Ops: []ops.Operation{
				ops.CreatePrimaryKey{PrimaryKey: &model.PrimaryKey{Name: "pk_members", Columns: []string{"team_id", "who"}}},
				ops.DropIndex{Index: "ix_members_team_org", Existing: baseTable(d, "members").Index("ix_members_team_org")},
			}}
		}, skip: rebuilds, probe: &dataProbe{table: "members", column: "who", afterTable: "members", afterColumn: "who", orderBy: "team_id", want: []string{"ann"}}},
		{name: "custom_operation", op: func(d dialect.Dialect) ops.Operation {
			return AddSoftDelete{Table: "users"}
		}},
		{name: "batch_with_custom_operation", sqliteRebuild: &yes, op: func(d dialect.Dialect) ops.Operation {
			// On SQLite the check forces a rebuild, which the custom
			// operation takes part in through its Apply.
			return ops.BatchAlterTable{Table: "audit", Ops: []ops.Operation{
				AddSoftDelete{Table: "audit"},
				ops.AddColumn{Column: &model.Column{Name: "n", Type: model.Integer, Default: model.DefaultLiteral(int64(1))}},
				ops.CreateUnique{Unique: &model.Unique{Name: "uq_audit_n", Columns: []string{"id", "n"}}},
			}}
		}},
		{name: "set_table_comment", op: func(d dialect.Dialect) ops.Operation {
			return ops.SetTableComment{Table: "users", Comment: "people, 'quoted'"}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.Comments }, "no comments")},
		{name: "replace_table_comment", op: func(d dialect.Dialect) ops.Operation {
			return ops.SetTableComment{Table: "audit", Comment: "", Existing: "audit log"}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.Comments }, "no comments")},
		{name: "set_column_comment", op: func(d dialect.Dialect) ops.Operation {
			return ops.SetColumnComment{Table: "users", Column: "email", Comment: "mail", Definition: col(d, "users", "email")}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.Comments }, "no comments")},
		{name: "set_column_comment_live", op: func(d dialect.Dialect) ops.Operation {
			return ops.SetColumnComment{Table: "users", Column: "note", Comment: "", Existing: "free text"}
		}, skip: needs(func(c dialect.Capabilities) bool { return c.Comments }, "no comments")},
	}
}

// TestRoundTrip applies each operation to the seeded base schema on every
// database, then its inverse, and checks that the schema afterwards equals
// the schema before (and that the operation changed it), and that rows
// survive where promised.
func TestRoundTrip(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, tc := range roundTripCases() {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					db, _ := testdb.Open(t, name)
					d := db.Dialect
					if tc.skip != nil {
						if why := tc.skip(d.Capabilities()); why != "" {
							t.Skip(why)
						}
					}
					runRoundTrip(t, db, tc)
				})
			}
		})
	}
}

func runRoundTrip(t *testing.T, db *dialect.DB, tc roundTripCase) {
	ctx := context.Background()
	d := db.Dialect
	create, err := dialect.CreateAll(d, baseModel(d))
	if err != nil {
		t.Fatalf("CreateAll: %v", err)
	}
	for _, s := range append(create, insertSeed(d)...) {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("seed: %v\n%s", err, s)
		}
	}
	o := ops.NewOp(d, db)
	o.LiveTable = ops.LiveTableOf(db)
	before := ops.InspectNormalized(t, db)
	op := tc.op(d)
	if tc.mayBeUnsupported {
		var ue *dialect.UnsupportedError
		if _, err := op.Statements(ctx, o.Context()); errors.As(err, &ue) {
			t.Skipf("refused as expected: %v", err)
		}
	}
	if _, ok := d.(dialect.Rebuilder); ok && tc.sqliteRebuild != nil {
		stmts, err := op.Statements(ctx, o.Context())
		if err != nil {
			t.Fatalf("compile: %v", err)
		}
		rebuilt := slices.ContainsFunc(stmts, func(s ops.Statement) bool { return strings.Contains(s.SQL, dialect.SQLiteRebuildPrefix) })
		if rebuilt != *tc.sqliteRebuild {
			t.Fatalf("rebuilds the table: %v, want %v; statements:\n%v", rebuilt, *tc.sqliteRebuild, stmts)
		}
	}
	if err := o.Run(ctx, op); err != nil {
		t.Fatalf("run: %v", err)
	}
	mid := ops.InspectNormalized(t, db)
	if modeltest.Diff(before, mid) == "" {
		t.Fatalf("%s changed nothing in the schema", op.Name())
	}
	ops.ExpectApplied(t, d, before, op, mid)
	if p := tc.probe; p != nil {
		checkRows(t, db, "after", p.afterTable, p.afterColumn, p.orderBy, p.want)
	}
	rev, err := op.Reverse()
	if err != nil {
		t.Fatalf("reverse: %v", err)
	}
	if tc.reverseLoses != "" {
		// The inverse cannot bring back what went with the operation;
		// the model still follows the database.
		if err := o.Run(ctx, rev); err != nil {
			t.Fatalf("run the reverse %s: %v", rev.Name(), err)
		}
		ops.ExpectApplied(t, d, mid, rev, ops.InspectNormalized(t, db))
		return
	}
	ops.RunReverse(t, o, db, op, rev, before)
	ops.ExpectApplied(t, d, mid, rev, before)
	if p := tc.probe; p != nil {
		checkRows(t, db, "reversed", p.table, p.column, p.orderBy, p.want)
	}
}

// insertSeed returns the INSERT statements of the seed rows.
func insertSeed(d dialect.Dialect) []string {
	out := make([]string, len(seedRows))
	for i, r := range seedRows {
		out[i] = "INSERT INTO " + r
	}
	return out
}

// checkRows reads table.column ordered by orderBy and compares the values.
// The stage goes into the query text, so that a driver's cached plan of
// the same query before a type change is not reused.
func checkRows(t *testing.T, db *dialect.DB, stage, table, column, orderBy string, want []string) {
	t.Helper()
	d := db.Dialect
	qt, _ := d.QuoteIdent(table)
	qc, _ := d.QuoteIdent(column)
	qo, _ := d.QuoteIdent(orderBy)
	rows, err := db.QueryContext(context.Background(), fmt.Sprintf("SELECT %s AS %s FROM %s ORDER BY %s", qc, stage, qt, qo))
	if err != nil {
		t.Fatalf("read %s.%s: %v", table, column, err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var v sql.NullString
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		got = append(got, v.String)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("rows of %s.%s: got %q, want %q", table, column, got, want)
	}
}
