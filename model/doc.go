// Package model is the database-neutral description of a schema: tables
// with their columns, types, keys, constraints and indexes, enum types,
// sequences, views, and the objects kept as definitions (functions,
// triggers, …), gathered in a MetaData.
//
// A MetaData plays two parts. As the target model it is what a project
// declares its schema to be; as the current model it is what an inspector
// read from a live database. Autogenerate compares the two and emits the
// operations that turn one into the other. The package knows no database:
// types are portable kinds (KindInteger, KindVarchar, KindTimestamp, …)
// that each dialect renders and parses, and a Raw type passes any other
// database type through unchanged.
//
// # Building a model
//
// Tables are plain values, built with composite literals and the type
// constructors:
//
//	var md model.MetaData
//	md.AddTable(&model.Table{
//		Name: "orgs",
//		Columns: []*model.Column{
//			{Name: "id", Type: model.BigInt, AutoIncrement: true},
//			{Name: "name", Type: model.Varchar(100)},
//		},
//		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
//		Uniques:    []*model.Unique{{Columns: []string{"name"}}},
//	}, &model.Table{
//		Name: "users",
//		Columns: []*model.Column{
//			{Name: "id", Type: model.BigInt, AutoIncrement: true},
//			{Name: "org_id", Type: model.BigInt},
//			{Name: "email", Type: model.Text, Comment: "login"},
//			{Name: "created_at", Type: model.TimestampTZ, Default: model.DefaultExpr("CURRENT_TIMESTAMP")},
//			{Name: "nickname", Type: model.Text, Nullable: true},
//		},
//		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
//		ForeignKeys: []*model.ForeignKey{{Columns: []string{"org_id"}, RefTable: "orgs", RefColumns: []string{"id"}, OnDelete: model.Cascade}},
//		Indexes:     []*model.Index{{Parts: model.Cols("org_id", "email"), Unique: true}},
//	})
//	if err := md.Validate(); err != nil { … }
//
// Columns are NOT NULL unless Nullable is set. Validate reports every
// mistake it finds (missing names or types, duplicates, references to
// unknown columns, bad referential actions) as one joined error.
// CreationOrder sorts tables so that referenced tables come first and
// returns the foreign keys of reference cycles to be added afterwards.
// Clone makes a deep copy. A MetaData round-trips through encoding/json.
//
// # Beyond tables
//
// A MetaData also holds PostgreSQL schemas, extensions and domains,
// partitioned tables (PartitionBy) and their partitions (PartitionOf),
// exclusion constraints, and index keys with an operator class, a NULLS
// order or a collation. What the model does not take apart it keeps as a
// Definition: the SQL that creates the object, with the identity that
// compares and drops it (kind, schema, name, and a function's signature or
// a trigger's table) and what it depends on. A Go model declares them too:
//
//	md.Definitions = append(md.Definitions,
//		&model.Definition{Kind: model.DefFunction, Name: "touch", Language: "plpgsql",
//			SQL: "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.at := now(); RETURN NEW; END$$"},
//		&model.Definition{Kind: model.DefTrigger, Name: "users_touch", Table: "users",
//			SQL:       "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()",
//			DependsOn: []model.ObjectName{{Name: "touch"}}})
//
// ObjectOrder places views and definitions in a creation order: functions
// that need no table before the tables (defaults, checks and indexes may
// call them), views and the rest after them in dependency order, triggers,
// rules and events last.
//
// # Naming conventions
//
// Constraints and indexes may be left unnamed. Before anything is created,
// ApplyNaming names them from the MetaData's NamingConvention, whose
// patterns use the Alembic tokens (%(table_name)s, %(column_0_name)s,
// %(column_0_N_name)s, %(column_0_label)s, %(referred_table_name)s,
// %(referred_column_0_name)s, %(constraint_name)s). Empty patterns fall back
// to DefaultNaming:
//
//	pk_%(table_name)s                                               pk_users
//	fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s   fk_users_org_id_orgs
//	uq_%(table_name)s_%(column_0_N_name)s                           uq_orgs_name
//	ck_%(table_name)s_%(constraint_name)s                           ck_users_1a2b3c4d
//	ix_%(table_name)s_%(column_0_N_name)s                           ix_users_org_id_email
//
// An unnamed check is named by a hash of its expression. Names longer than
// 63 bytes are cut (never inside a UTF-8 character) and end in "_" and
// eight hex digits of a hash of the whole name, so they stay stable and
// distinct. Objects that already have a name are never renamed.
//
// # Go structs as tables
//
// TableFromStruct and MetaData.AddStruct turn a struct type into a table;
// AddStruct also adds the named enum types its columns use to the model.
// Every exported field is a column, in field order; unexported fields and
// fields tagged `migrate:"-"` are left out. The fields of an embedded
// struct (or pointer to struct) are flattened into the table as if they
// were declared in place, unless the embedded field's tag gives it a
// column name.
//
// The table name is, first found: the WithTableName option, the result of
// a TableName() string method (see TableNamer), or the type name in
// snake_case, as is, without plural: User → user, OrgMember → org_member,
// HTTPLog → http_log. WithSchema puts the table in a schema. A column is
// named by its tag, or else by the field name in snake_case (OrgID →
// org_id).
//
// Go types map to column types as follows; other types need a type= option.
//
//	bool                          boolean
//	int8, int16, uint8            smallint
//	int, int32, uint16            integer (note: int is integer, not bigint)
//	int64, uint32, uint, uint64   bigint (time.Duration too)
//	float32                       real
//	float64                       double
//	string                        text
//	[]byte                        blob (bytea, longblob)
//	[16]byte                      uuid (so uuid.UUID from github.com/google/uuid)
//	[N]byte, N != 16              binary(N)
//	json.RawMessage               jsonb
//	time.Time                     timestamp with time zone (timestamptz; a
//	                              plain timestamp needs type=timestamp)
//	sql.NullString … NullTime     the type of the value, nullable
//	sql.Null[T]                   the type of T, nullable
//	*T                            the type of T, nullable
//
// Named types map by their underlying type (type Status string is text).
// A column is NOT NULL unless its field is a pointer or a database/sql Null
// type, or its tag says null.
//
// # Tag grammar
//
// The tag key is migrate. Its value is a column name, possibly empty,
// followed by comma-separated options, each a keyword or keyword=value:
//
//	migrate:"[name][,option[=value]]..."
//
// Commas inside single quotes or parentheses do not separate options, so
// type=numeric(10,2), default='a, b' and check=status in ('a','b') need no
// escaping. A quote inside a quoted value is doubled, as in SQL:
//
//	migrate:"motto,default='it''s fine, really'"
//
// The name comes first; write `migrate:",pk"` to keep the default name.
// Options:
//
//	pk                 part of the primary key; several pk fields make a
//	                   composite key, in field order. Implies notnull.
//	autoincrement      native auto-numbering (integer columns only)
//	identity[=always]  an identity column, BY DEFAULT (or identity=bydefault)
//	                   or ALWAYS; integer columns only
//	null, notnull      override the nullability that the Go type implies
//	type=T             the column type: a portable spelling read by ParseType
//	                   (varchar(255), numeric(10,2), timestamptz, uuid,
//	                   enum('a','b'), enum mood('happy','sad') …) or any
//	                   other database type, kept as Raw (int[], inet, citext)
//	default=V          server default: 'text' (a string), 42, -1.5, true,
//	                   false and null are literals; anything else is an SQL
//	                   expression, such as now() or CURRENT_TIMESTAMP
//	comment=C          column comment; enclose in quotes to keep commas
//	collate=C          column collation
//	unique             a single-column unique constraint
//	unique=NAME        the unique constraint NAME; fields sharing a NAME
//	                   make one composite constraint, in field order
//	index, index=NAME  a single-column index, or the composite index NAME
//	uniqueindex[=NAME] the same for a unique index
//	check=EXPR         a check constraint on the table
//	fk=TABLE.COLUMN    a foreign key; fk=SCHEMA.TABLE.COLUMN for another
//	                   schema
//	fkname=NAME        the foreign key's name; fields with the same fkname
//	                   make one composite foreign key, in field order
//	ondelete=A         the ON DELETE action: cascade, restrict, setnull,
//	onupdate=A         setdefault or noaction (case and spaces ignored)
//	generated=EXPR     a generated column; add stored for STORED
//	renamed=OLD        the column was called OLD (autogenerate renames it)
//
// Option keywords are case-insensitive; NAME and TABLE values are taken
// as written. Unnamed constraints and indexes are named later by the
// naming convention. An unknown option, a missing or unexpected value, a
// repeated option (other than index, unique, uniqueindex and check), a Go
// type without mapping and two fields with one column name are errors of
// type *StructError naming the struct, the field and the option.
//
// A full example:
//
//	type Base struct {
//		ID        int64     `migrate:"id,pk,autoincrement"`
//		CreatedAt time.Time `migrate:"created_at,default=CURRENT_TIMESTAMP"`
//	}
//
//	type Member struct {
//		Base
//		OrgID   int64           `migrate:"org_id,fk=orgs.id,ondelete=cascade,unique=uq_member"`
//		Email   string          `migrate:"email,type=varchar(255),unique=uq_member,comment='login, lower case'"`
//		Role    string          `migrate:"role,type=enum role('owner','member'),default='member'"`
//		Score   float64         `migrate:",default=0,check=score >= 0"`
//		Nick    *string         `migrate:"nick,index"`
//		Profile json.RawMessage `migrate:"profile,null"`
//		Tags    []string        `migrate:"tags,type=text[]"`
//		cache   string          // unexported: not a column
//		Note    string          `migrate:"-"`
//	}
//
//	func (Member) TableName() string { return "members" }
//
//	t, err := model.TableFromStruct(Member{}, model.WithSchema("app"))
//
// makes the table app.members with the columns id (bigint, autoincrement,
// primary key), created_at (timestamp with time zone, default
// CURRENT_TIMESTAMP), org_id, email, role, score, nick (nullable),
// profile (jsonb, nullable) and tags (text[]); a unique constraint uq_member
// on (org_id, email), a foreign key from org_id to orgs.id with ON DELETE
// CASCADE, a check score >= 0 and an index on nick.
package model
