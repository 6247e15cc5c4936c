package autogen

import (
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// baseSchema is the schema most live cases start from: teams, and users
// referencing them, with every kind of constraint and index the database
// has.
func baseSchema(c dialect.Capabilities) *model.MetaData {
	teams := &model.Table{
		Name: "teams",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt},
			{Name: "name", Type: model.Varchar(50)},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
	}
	users := &model.Table{
		Name: "users",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt},
			{Name: "team_id", Type: model.BigInt, Nullable: true},
			{Name: "email", Type: model.Varchar(100)},
			{Name: "age", Type: model.Integer, Nullable: true},
			{Name: "note", Type: model.Text, Nullable: true},
			{Name: "status", Type: model.Varchar(20), Default: model.DefaultLiteral("new")},
		},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"team_id"}, RefTable: "teams", RefColumns: []string{"id"}}},
		Uniques:     []*model.Unique{{Columns: []string{"email"}}},
		Indexes:     []*model.Index{{Parts: model.Cols("age")}},
	}
	if c.CheckConstraints {
		users.Checks = []*model.Check{{Name: "age_positive", Expr: "age >= 0"}}
	}
	return (&model.MetaData{}).AddTable(teams, users)
}

// changed returns the base schema changed by f.
func changed(f func(md *model.MetaData, c dialect.Capabilities)) func(c dialect.Capabilities) *model.MetaData {
	return func(c dialect.Capabilities) *model.MetaData {
		md := baseSchema(c)
		f(md, c)
		return md
	}
}

func usersOf(md *model.MetaData) *model.Table { return md.Table("", "users") }

// renameProbe checks that a renamed table and column keep their rows.
var renameProbe = &rowProbe{
	insert: []string{
		"INSERT INTO teams (id, name) VALUES (1, 'red')",
		"INSERT INTO users (id, team_id, email, note) VALUES (1, 1, 'a@x.io', 'kept')",
	},
	query: "SELECT remark FROM people",
	want:  "kept",
}

func liveCases() []liveCase {
	base := baseSchema
	return []liveCase{
		{name: "create table", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			md.AddTable(&model.Table{Name: "posts", Columns: []*model.Column{
				{Name: "id", Type: model.BigInt}, {Name: "user_id", Type: model.BigInt}, {Name: "title", Type: model.Varchar(200)}},
				PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
				ForeignKeys: []*model.ForeignKey{{Columns: []string{"user_id"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: model.Cascade}},
				Indexes:     []*model.Index{{Parts: model.Cols("title")}},
			})
		}), want: map[string]string{"": "create_table posts"}},
		{name: "drop table", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			md.Tables = md.Tables[1:]
			usersOf(md).ForeignKeys = nil
		})},
		{name: "add column", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Columns = append(u.Columns,
				&model.Column{Name: "score", Type: model.Integer, Default: model.DefaultLiteral(int64(0))},
				&model.Column{Name: "bio", Type: model.Varchar(300), Nullable: true})
		})},
		{name: "drop column with its index and check", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Columns = append(u.Columns[:3], u.Columns[4:]...) // age
			u.Indexes, u.Checks = nil, nil
		})},
		{name: "column type", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Column("email").Type = model.Varchar(200)
			u.Column("age").Type = model.BigInt
		})},
		{name: "nullability", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Column("email").Nullable = true
			u.Column("note").Nullable = false
		})},
		{name: "server default", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Column("status").Default = model.DefaultLiteral("active")
			u.Column("age").Default = model.DefaultLiteral(int64(18))
			u.Column("note").Default = nil
		})},
		{name: "primary key", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			t := md.Table("", "teams")
			t.PrimaryKey = &model.PrimaryKey{Columns: []string{"id", "name"}}
			t.Uniques = []*model.Unique{{Columns: []string{"id"}}}
		})},
		{name: "unique constraint", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Uniques = []*model.Unique{{Columns: []string{"email", "team_id"}}}
		})},
		{name: "invisible column", skip: func(c dialect.Capabilities) string {
			if dbKind(c) != "mysql" {
				return "INVISIBLE columns are MySQL's and MariaDB's"
			}
			return ""
		}, cur: base, tgt: withTeamKey(func(u *model.Table) { u.Column("note").Invisible = true }),
			want: map[string]string{"mysql": "alter_column users.note"}},
		{name: "unique constraint conflict resolution", skip: func(c dialect.Capabilities) string {
			if dbKind(c) != "sqlite" {
				return "ON CONFLICT on a constraint is SQLite's"
			}
			return ""
		}, cur: withTeamKey(func(u *model.Table) {
			u.Uniques = []*model.Unique{{Columns: []string{"email", "team_id"}}}
		}), tgt: withTeamKey(func(u *model.Table) {
			u.Uniques = []*model.Unique{{Columns: []string{"email", "team_id"}, OnConflict: "REPLACE"}}
		})},
		{name: "indexes", cur: base, tgt: changed(func(md *model.MetaData, c dialect.Capabilities) {
			u := usersOf(md)
			u.Indexes = []*model.Index{
				{Parts: model.Cols("age", "team_id")},
				{Name: "ux_users_note", Unique: true, Parts: []model.IndexPart{{Column: "status", Desc: c.DescIndexes}}},
			}
			if c.PartialIndexes {
				u.Indexes = append(u.Indexes, &model.Index{Name: "ix_users_adults", Parts: model.Cols("team_id"), Where: "age >= 18"})
			}
			if c.ExpressionIndexes {
				u.Indexes = append(u.Indexes, &model.Index{Name: "ix_users_lower_email", Parts: []model.IndexPart{{Expr: "lower(email)"}}})
			}
			if c.IndexNullsOrder {
				u.Indexes = append(u.Indexes, &model.Index{Name: "ix_users_age_nulls", Parts: []model.IndexPart{{Column: "age", Nulls: model.NullsFirst}}})
			}
			if c.IndexCollations {
				coll := map[string]string{"postgres": "C", "sqlite": "NOCASE"}[dbKind(c)]
				u.Indexes = append(u.Indexes, &model.Index{Name: "ix_users_note_c", Parts: []model.IndexPart{{Column: "status", Collation: coll}}})
			}
			for _, m := range c.IndexMethods {
				if m == "hash" {
					u.Indexes = append(u.Indexes, &model.Index{Name: "ix_users_email_hash", Method: "hash", Parts: model.Cols("email")})
				}
			}
		})},
		{name: "foreign key", cur: base, tgt: changed(func(md *model.MetaData, c dialect.Capabilities) {
			u := usersOf(md)
			u.ForeignKeys[0].OnDelete = model.SetNull
			u.ForeignKeys[0].OnUpdate = model.Cascade
			if c.DeferrableForeignKeys {
				u.ForeignKeys[0].Deferrable = true
				u.ForeignKeys[0].InitiallyDeferred = true
			}
		})},
		{name: "check constraint", skip: func(c dialect.Capabilities) string {
			if !c.CheckConstraints {
				return "no check constraints"
			}
			return ""
		}, cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Checks = []*model.Check{{Name: "age_positive", Expr: "age > 0"}, {Expr: "length(email) > 3"}}
		})},
		// SQLite keeps no comments: there the comments of the model are
		// no change, and the type change alone is made.
		{name: "comments", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Comment = "people"
			u.Column("note").Comment = "free text"
			u.Column("age").Comment = "in years"
			u.Column("age").Type = model.BigInt
		})},
		{name: "autoincrement", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			md.Table("", "teams").Columns[0].AutoIncrement = true
		})},
		{name: "generated column", skip: func(c dialect.Capabilities) string {
			if !c.GeneratedStored {
				return "no stored generated columns"
			}
			return ""
		}, cur: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Columns = append(u.Columns, &model.Column{Name: "age2", Type: model.BigInt, Nullable: true, Generated: &model.Generated{Expr: "age * 2", Stored: true}})
		}), tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Columns = append(u.Columns,
				&model.Column{Name: "age2", Type: model.BigInt, Nullable: true, Generated: &model.Generated{Expr: "age * 3", Stored: true}},
				&model.Column{Name: "age3", Type: model.BigInt, Nullable: true, Generated: &model.Generated{Expr: "age + 1", Stored: true}})
		})},
		{name: "declared renames", cur: base, keep: renameProbe, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Name, u.RenamedFrom = "people", "users"
			u.Column("note").Name = "remark"
			u.Column("remark").RenamedFrom = "note"
		}), want: map[string]string{
			// The index takes the name the naming convention gives it
			// on the renamed table.
			"postgres": "rename_table users->people; alter_column people.note; drop_index ix_users_age; create_index ix_people_age",
			"mysql":    "rename_table users->people; alter_column people.note; drop_index ix_users_age; create_index ix_people_age",
		}},
		{name: "interactive renames", cur: base, keep: &rowProbe{insert: renameProbe.insert, query: "SELECT remark FROM users", want: "kept"}, rename: func(RenameCandidate) bool { return true }, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Column("note").Name = "remark"
			md.Table("", "teams").Name = "groups"
			u.ForeignKeys[0].RefTable = "groups"
		})},
		{name: "foreign key cycle", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			md.AddTable(
				&model.Table{Name: "a", Columns: []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "b_id", Type: model.BigInt, Nullable: true}},
					PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
					ForeignKeys: []*model.ForeignKey{{Columns: []string{"b_id"}, RefTable: "b", RefColumns: []string{"id"}}}},
				&model.Table{Name: "b", Columns: []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "a_id", Type: model.BigInt, Nullable: true}},
					PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
					ForeignKeys: []*model.ForeignKey{{Columns: []string{"a_id"}, RefTable: "a", RefColumns: []string{"id"}}}},
			)
		}), want: map[string]string{
			"postgres": "create_table a; create_table b; create_foreign_key a.fk_a_b_id_b; create_foreign_key b.fk_b_a_id_a",
			"mysql":    "create_table a; create_table b; create_foreign_key a.fk_a_b_id_b; create_foreign_key b.fk_b_a_id_a",
			"sqlite":   "create_table a; create_table b",
		}},
		{name: "partitioned table", skip: func(c dialect.Capabilities) string {
			if dbKind(c) != "postgres" {
				return "no declarative partitioning"
			}
			return ""
		}, cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			md.AddTable(
				&model.Table{Name: "events", Columns: []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "at", Type: model.Date}},
					PartitionBy: &model.PartitionBy{Strategy: "range", Key: "at"}, Indexes: []*model.Index{{Parts: model.Cols("at")}}},
				&model.Table{Name: "events_2024", PartitionOf: &model.PartitionOf{Table: "events", Bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"}},
			)
		})},
		{name: "inline enum column", skip: func(c dialect.Capabilities) string {
			if c.NamedEnumTypes {
				return "enum types are compared apart from tables"
			}
			return ""
		}, cur: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			usersOf(md).Columns = append(usersOf(md).Columns, &model.Column{Name: "mood", Type: model.Type{Kind: model.KindEnum, Values: []string{"sad", "ok"}}, Nullable: true})
		}), tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			usersOf(md).Columns = append(usersOf(md).Columns, &model.Column{Name: "mood", Type: model.Type{Kind: model.KindEnum, Values: []string{"sad", "ok", "happy"}}, Nullable: true})
		})},
		{name: "unique index and unique constraint do not churn", cur: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Indexes = append(u.Indexes, &model.Index{Name: "ux_users_note", Unique: true, Parts: model.Cols("status", "team_id")})
		}), tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Indexes = append(u.Indexes, &model.Index{Name: "ux_users_note", Unique: true, Parts: model.Cols("status", "team_id")})
			u.Uniques = append(u.Uniques, &model.Unique{Columns: []string{"email", "status"}})
		})},
		{name: "identity", skip: func(c dialect.Capabilities) string {
			if !c.IdentityColumns {
				return "no identity columns"
			}
			return ""
		}, cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			md.Table("", "teams").Columns[0].Identity = &model.Identity{Always: true, Start: 100}
		})},
		{name: "column collation", skip: func(c dialect.Capabilities) string {
			if !c.Collations {
				return "no collations"
			}
			return ""
		}, cur: base, tgt: changed(func(md *model.MetaData, c dialect.Capabilities) {
			usersOf(md).Column("note").Collation = map[string]string{"postgres": "C", "mysql": "utf8mb4_bin", "sqlite": "NOCASE"}[dbKind(c)]
		})},
		{name: "index method and operator class", skip: func(c dialect.Capabilities) string {
			if dbKind(c) != "postgres" {
				return "operator classes and access methods are PostgreSQL's"
			}
			return ""
		}, cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Indexes = append(u.Indexes,
				&model.Index{Name: "ix_users_email_pattern", Parts: []model.IndexPart{{Column: "email", Opclass: "varchar_pattern_ops"}}},
				&model.Index{Name: "ix_users_age_brin", Method: "brin", Parts: model.Cols("age")},
				&model.Index{Name: "ix_users_cover", Parts: model.Cols("team_id"), Include: []string{"email"}})
		})},
		{name: "date and time defaults written short", skip: func(c dialect.Capabilities) string {
			if dbKind(c) != "postgres" {
				return "the server spells them out on PostgreSQL"
			}
			return ""
		}, cur: withDateTimeDefaults("2018-01-01"), tgt: withDateTimeDefaults("2018-01-02"),
			want: map[string]string{"": "alter_column events.at_tz; alter_column events.at_local; alter_column events.on_day"}},
		{name: "unnamed constraints in the database", skip: func(c dialect.Capabilities) string {
			if dbKind(c) != "sqlite" {
				return "only SQLite keeps constraints without a name"
			}
			return ""
		}, setupSQL: func(dialect.Capabilities) []string {
			return []string{
				`CREATE TABLE teams (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL)`,
				`CREATE TABLE users (id BIGINT NOT NULL PRIMARY KEY, team_id BIGINT REFERENCES teams (id), ` +
					`email VARCHAR(100) NOT NULL UNIQUE, age INTEGER CHECK (age >= 0))`,
			}
		}, cur: func(dialect.Capabilities) *model.MetaData {
			md := baseSchema(dialect.Capabilities{})
			u := usersOf(md)
			u.Columns = u.Columns[:4]
			u.Indexes = nil
			u.Checks = []*model.Check{{Expr: "age >= 0"}}
			return md
		}, tgt: func(dialect.Capabilities) *model.MetaData {
			md := baseSchema(dialect.Capabilities{})
			u := usersOf(md)
			u.Columns = u.Columns[:4]
			u.Indexes = nil
			u.ForeignKeys = nil
			return md
		}, warn: "has no name in the database"},
		{name: "constraint comments", skip: func(c dialect.Capabilities) string {
			if dbKind(c) != "postgres" {
				return "only PostgreSQL comments on constraints"
			}
			return ""
		}, cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Uniques[0].Comment = "one account per address"
			u.Checks[0].Comment = "no negative ages"
			u.ForeignKeys[0].Comment = "the team"
		})},
		{name: "dropped table keyed on a dropped column", cur: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			u := usersOf(md)
			u.Columns = append(u.Columns, &model.Column{Name: "code", Type: model.Integer, Nullable: true})
			u.Uniques = append(u.Uniques, &model.Unique{Columns: []string{"code"}})
			md.AddTable(&model.Table{Name: "tags", Columns: []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "user_code", Type: model.Integer, Nullable: true}},
				PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
				ForeignKeys: []*model.ForeignKey{{Columns: []string{"user_code"}, RefTable: "users", RefColumns: []string{"code"}}}})
		}), tgt: base},
		// MariaDB gives a key on a TEXT column the longest prefix InnoDB
		// takes; Normalize says so (MySQL 8 would refuse the key).
		{name: "index on a text column", cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			usersOf(md).Indexes = append(usersOf(md).Indexes, &model.Index{Parts: model.Cols("note")})
		})},
		// InnoDB needs an index for users.team_id's foreign key: it
		// refuses to drop the only one, and drops its own when a key that
		// can serve is created (which the downgrade drops again). The
		// foreign key is dropped before the keys change and added back
		// after them there.
		{name: "index serving a foreign key dropped", reupgrade: true, cur: withTeamKey(teamIndex("team_id", "age")), tgt: base,
			want: map[string]string{"mysql": "drop_foreign_key users.fk_users_team_id_teams; drop_index users_team; create_foreign_key users.fk_users_team_id_teams"}},
		{name: "index serving a foreign key created", reupgrade: true, cur: base, tgt: withTeamKey(teamIndex("team_id", "age")),
			want: map[string]string{"mysql": "drop_foreign_key users.fk_users_team_id_teams; create_index users_team; create_foreign_key users.fk_users_team_id_teams"}},
		{name: "index serving a foreign key changed", reupgrade: true, cur: withTeamKey(teamIndex("team_id")), tgt: withTeamKey(teamIndex("team_id", "email")),
			want: map[string]string{"mysql": "drop_foreign_key users.fk_users_team_id_teams; drop_index users_team; create_index users_team; create_foreign_key users.fk_users_team_id_teams"}},
		{name: "unique constraint serving a foreign key dropped", reupgrade: true, cur: withTeamKey(func(u *model.Table) {
			u.Uniques = append(u.Uniques, &model.Unique{Name: "users_team_email", Columns: []string{"team_id", "email"}})
		}), tgt: base,
			want: map[string]string{"mysql": "drop_foreign_key users.fk_users_team_id_teams; drop_unique_constraint; create_foreign_key users.fk_users_team_id_teams"}},
		// Another key serves the foreign key throughout: nothing more.
		{name: "second index serving a foreign key dropped", reupgrade: true,
			cur: withTeamKey(func(u *model.Table) {
				teamIndex("team_id")(u)
				teamIndex("team_id", "age")(u)
				u.Indexes[len(u.Indexes)-1].Name = "users_team_age"
			}),
			tgt: withTeamKey(teamIndex("team_id")), want: map[string]string{"mysql": "drop_index users_team_age", "postgres": "drop_index users_team_age"}},
		{name: "column to a named enum type", skip: func(c dialect.Capabilities) string {
			if !c.NamedEnumTypes {
				return "enums are column types here (see inline enum column)"
			}
			return ""
		}, cur: base, tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
			md.Enums = append(md.Enums, &model.EnumType{Name: "mood", Values: []string{"new", "old"}})
			st := usersOf(md).Column("status")
			st.Type = model.Enum("mood", "new", "old")
			st.Default = nil
		})},
		{name: "exclusion constraint added", skip: noExclusions, cur: base, tgt: withExclusion(ageRangeExclusion),
			want: map[string]string{"": "create_exclusion_constraint"}, reupgrade: true},
		{name: "exclusion constraint dropped", skip: noExclusions, cur: withExclusion(ageRangeExclusion), tgt: base,
			want: map[string]string{"": "drop_exclusion_constraint"}, reupgrade: true},
		{name: "exclusion constraint changed", skip: noExclusions, cur: withExclusion(ageRangeExclusion),
			tgt: withExclusion(func() *model.Exclusion {
				return &model.Exclusion{Name: "users_age_excl", Elements: []model.ExclusionElement{
					{IndexPart: model.IndexPart{Column: "team_id"}, Operator: "="}, {IndexPart: model.IndexPart{Column: "status"}, Operator: "="}}}
			}),
			want: map[string]string{"": "drop_exclusion_constraint; create_exclusion_constraint"}, reupgrade: true},
	}
}

// noExclusions skips a case on databases without exclusion constraints.
func noExclusions(c dialect.Capabilities) string {
	if !c.ExclusionConstraints {
		return "no exclusion constraints"
	}
	return ""
}

// withExclusion is the base schema with the exclusion constraint ex()
// on users.
func withExclusion(ex func() *model.Exclusion) func(c dialect.Capabilities) *model.MetaData {
	return changed(func(md *model.MetaData, _ dialect.Capabilities) {
		usersOf(md).Exclusions = []*model.Exclusion{ex()}
	})
}

// ageRangeExclusion is a GiST exclusion constraint on an expression, with
// a predicate: no two adults' ages overlap.
func ageRangeExclusion() *model.Exclusion {
	return &model.Exclusion{Name: "users_age_excl", Method: "gist", Where: "age >= 18",
		Elements: []model.ExclusionElement{{IndexPart: model.IndexPart{Expr: "int4range(age, age + 1)"}, Operator: "&&"}}}
}

// withTeamKey is the base schema with users changed by f.
func withTeamKey(f func(u *model.Table)) func(c dialect.Capabilities) *model.MetaData {
	return changed(func(md *model.MetaData, _ dialect.Capabilities) { f(usersOf(md)) })
}

// teamIndex adds the index users_team on cols to users.
func teamIndex(cols ...string) func(u *model.Table) {
	return func(u *model.Table) {
		u.Indexes = append(u.Indexes, &model.Index{Name: "users_team", Parts: model.Cols(cols...)})
	}
}

// dbKind tells the databases apart by what they can do, for the few
// cases that need a database's own spelling (a collation name).
func dbKind(c dialect.Capabilities) string {
	switch {
	case c.NamedEnumTypes:
		return "postgres"
	case c.ExprsRefuseAutoIncrement:
		return "mysql"
	}
	return "sqlite"
}

// withDateTimeDefaults is the base schema with a table of date and time
// columns whose defaults are written as the day (and a time) alone:
// PostgreSQL stores '2018-01-01' on a timestamptz as '2018-01-01
// 00:00:00+00'::timestamp with time zone, which must compare equal to it,
// and another day must not.
func withDateTimeDefaults(day string) func(c dialect.Capabilities) *model.MetaData {
	return changed(func(md *model.MetaData, _ dialect.Capabilities) {
		md.AddTable(&model.Table{Name: "events", Columns: []*model.Column{
			{Name: "id", Type: model.BigInt},
			{Name: "at_tz", Type: model.TimestampTZ, Default: model.DefaultLiteral(day)},
			{Name: "at_local", Type: model.Timestamp, Default: model.DefaultLiteral(day)},
			{Name: "on_day", Type: model.Date, Default: model.DefaultLiteral(day)},
			{Name: "at_noon", Type: model.TimestampTZ, Default: model.DefaultLiteral("2018-01-01 14:00+02")},
			{Name: "wake_up", Type: model.Time, Default: model.DefaultLiteral("07:30")},
		}, PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}})
	})
}
