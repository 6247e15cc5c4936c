// Package dialect answers every question that depends on the database:
// identifier quoting, literals, type names in both directions, DDL
// compilation, capabilities, and URL parsing and opening.
//
// There is one Dialect per database: Postgres, MySQL (which also serves
// MariaDB, with version checks where they differ) and SQLite. Other packages
// ask the dialect (or its Capabilities) instead of switching on its name.
package dialect

import (
	"github.com/migratego/migrate/model"
)

// Dialect compiles the model to one database's SQL.
//
// Methods that produce SQL return a list of statements without trailing
// semicolons; every identifier in them is quoted with QuoteIdent, and every
// value rendered with Literal. A model feature the database cannot express
// yields an *UnsupportedError naming the object and the feature.
type Dialect interface {
	// Name is "postgres", "mysql" or "sqlite".
	Name() string
	// Capabilities tells what the database supports.
	Capabilities() Capabilities

	// QuoteIdent quotes an identifier so that any string is safe (quotes,
	// backticks, unicode, reserved words). It refuses NUL and the empty name.
	QuoteIdent(name string) (string, error)
	// QuoteQualified quotes schema.name, or just name when schema is empty.
	QuoteQualified(schema, name string) (string, error)
	// Literal renders a Go value (nil, bool, integers, floats, string,
	// []byte, time.Time) as an SQL literal.
	Literal(v any) (string, error)

	// RenderType spells a model type in this database's DDL.
	RenderType(t model.Type) (string, error)
	// ParseType reads a type as the database's catalogs report it
	// ("character varying(20)", "int(11)", "VARCHAR(20)") into a model type,
	// folding synonyms; unknown spellings become model.Raw.
	ParseType(raw string) model.Type

	// CreateTable returns CREATE TABLE with every column and constraint,
	// followed by any statements the table needs (comments on PostgreSQL).
	// Indexes are created separately with CreateIndex, except those that
	// SeparateIndexes leaves out (a key the table cannot be created without).
	CreateTable(t *model.Table) ([]string, error)
	// DropTable returns DROP TABLE.
	DropTable(t *model.Table) ([]string, error)
	// CreateIndex returns CREATE INDEX for an index of table t.
	CreateIndex(t *model.Table, ix *model.Index, opt IndexOptions) ([]string, error)
	// DropIndex returns DROP INDEX for an index of table t.
	DropIndex(t *model.Table, ix *model.Index, opt IndexOptions) ([]string, error)
	// AddForeignKey returns ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY, for
	// foreign keys created after their tables (cycles, NOT VALID).
	AddForeignKey(t *model.Table, fk *model.ForeignKey) ([]string, error)
	// DropForeignKey returns the statement that removes a foreign key.
	DropForeignKey(t *model.Table, fk *model.ForeignKey) ([]string, error)

	// CreateEnum / DropEnum handle named enum types (PostgreSQL); dialects
	// with inline enums return no statements.
	CreateEnum(e *model.EnumType) ([]string, error)
	DropEnum(e *model.EnumType) ([]string, error)
	// CreateSequence / DropSequence handle standalone sequences.
	CreateSequence(s *model.Sequence) ([]string, error)
	DropSequence(s *model.Sequence) ([]string, error)
	// CreateView / DropView handle views with opaque definitions.
	CreateView(v *model.View) ([]string, error)
	DropView(v *model.View) ([]string, error)
	// CreateDefinition / DropDefinition handle the objects the model keeps
	// as SQL text (functions, procedures, triggers, events, rules, virtual
	// tables): the definition's own statement, and DROP for its kind. A
	// kind the database does not have is unsupported.
	CreateDefinition(def *model.Definition) ([]string, error)
	DropDefinition(def *model.Definition) ([]string, error)
}

// IndexOptions are per-statement index options, not part of the model.
type IndexOptions struct {
	// Concurrently builds without blocking writes (PostgreSQL only; cannot
	// run inside a transaction).
	Concurrently bool
	// IfNotExists / IfExists guard the statement.
	IfNotExists bool
	IfExists    bool
}

// Capabilities tells other packages what a database supports, so they never
// switch on the dialect's name.
type Capabilities struct {
	// TransactionalDDL: DDL runs inside a transaction and rolls back.
	TransactionalDDL bool
	// MultiStatementExec: one Exec without arguments may hold several
	// statements separated by semicolons, run in order in one round trip
	// (PostgreSQL's simple query protocol).
	MultiStatementExec bool
	// AdvisoryLocks: a session-level named lock (pg_advisory_lock, GET_LOCK).
	AdvisoryLocks bool
	// ReadOnlyTransactions: BEGIN … READ ONLY is accepted (inspection uses it).
	ReadOnlyTransactions bool
	// Returning: INSERT/UPDATE/DELETE … RETURNING.
	Returning bool
	// Schemas: tables may be qualified by a schema (PostgreSQL schema,
	// MySQL database, SQLite attached database).
	Schemas bool
	// EmptyTables: a table may have no columns (PostgreSQL).
	EmptyTables bool
	// MaxIdentifierLength in bytes.
	MaxIdentifierLength int

	PartialIndexes     bool
	ExpressionIndexes  bool
	DescIndexes        bool
	IndexInclude       bool
	IndexPrefixLengths bool
	IndexMethods       []string
	ConcurrentIndexes  bool

	DeferrableForeignKeys bool
	NotValidForeignKeys   bool
	CheckConstraints      bool
	// ExprsRefuseAutoIncrement: check constraints and generated columns
	// may not refer to an AUTO_INCREMENT column (MySQL, MariaDB).
	ExprsRefuseAutoIncrement bool
	// ForwardForeignKeys: a CREATE TABLE may reference a table created
	// later (SQLite checks foreign keys only when rows change), so foreign
	// keys in a cycle between tables stay inline instead of being added by
	// ALTER TABLE afterwards.
	ForwardForeignKeys bool

	// NamedEnumTypes: CREATE TYPE … AS ENUM. InlineEnums: ENUM('a','b') column type.
	NamedEnumTypes bool
	InlineEnums    bool
	Sequences      bool
	Comments       bool
	Collations     bool

	IdentityColumns  bool
	GeneratedStored  bool
	GeneratedVirtual bool

	// ALTER support, in broad strokes; SQLite lacks most. Whether one
	// change needs a batch (move and copy) rebuild is the dialect's answer
	// to Rebuilder.AlterInPlace, not these flags.
	AlterColumnType bool
	AlterNullable   bool
	AlterDefault    bool
	RenameColumn    bool
	DropColumn      bool
	AddConstraint   bool
	DropConstraint  bool

	// WithoutRowID: SQLite WITHOUT ROWID tables.
	WithoutRowID bool

	// IndexCollations: a COLLATE clause on an index key (PostgreSQL, SQLite).
	IndexCollations bool
	// IndexOpclasses: an operator class on an index key (PostgreSQL).
	IndexOpclasses bool
	// IndexNullsOrder: NULLS FIRST/LAST on an index key (PostgreSQL).
	IndexNullsOrder bool
	// NullsNotDistinct: unique indexes and constraints whose NULL keys
	// conflict (PostgreSQL 15+ NULLS NOT DISTINCT).
	NullsNotDistinct bool
	// DeferrableUniques: UNIQUE … DEFERRABLE (PostgreSQL).
	DeferrableUniques bool
	// ConstraintComments: COMMENT ON CONSTRAINT (PostgreSQL).
	ConstraintComments bool
	// RowSecurity: row-level security and policies (PostgreSQL).
	RowSecurity bool
	// InvisibleIndexes: indexes kept up to date but hidden from the planner
	// (MariaDB 10.6+ IGNORED, MySQL 8 INVISIBLE).
	InvisibleIndexes bool
	// ExclusionConstraints: EXCLUDE USING … (PostgreSQL).
	ExclusionConstraints bool
	// Partitioning: declarative partitioning, PARTITION BY and PARTITION OF
	// (PostgreSQL).
	Partitioning bool
	// InlinePartitions: PARTITION BY with the partitions listed in the
	// table's own CREATE TABLE (MySQL/MariaDB); see model.PartitionBy.
	InlinePartitions bool
	// Domains: CREATE DOMAIN (PostgreSQL).
	Domains bool

	// Syntax tells the SQL statement lexer (versions) how to split scripts.
	Syntax Syntax
}

// Syntax is the lexical shape of a database's SQL, for splitting scripts
// into statements without parsing them.
type Syntax struct {
	// DollarQuotes: PostgreSQL $tag$ … $tag$ bodies.
	DollarQuotes bool
	// HashComments: MySQL # comments to end of line.
	HashComments bool
	// BacktickIdents: MySQL (and SQLite) `quoted identifiers`.
	BacktickIdents bool
	// BracketIdents: SQLite [quoted identifiers].
	BracketIdents bool
	// BackslashEscapes: MySQL '\'' escapes inside string literals (unless
	// NO_BACKSLASH_ESCAPES is set).
	BackslashEscapes bool
	// DelimiterCommand: the MySQL client's DELIMITER command.
	DelimiterCommand bool
	// PsqlCommands: psql's backslash commands at the start of a line, as
	// pg_dump writes them (\restrict, COPY … FROM stdin data ended by \.).
	PsqlCommands bool
	// BeginAtomic: SQL-standard BEGIN ATOMIC … END bodies (PostgreSQL 14+),
	// and SQLite CREATE TRIGGER … BEGIN … END bodies.
	BeginEnd bool
}
