package migratetest

import (
	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/versions"
)

// Option configures Run and Stairway.
type Option func(*config)

type config struct {
	vtSchema, vtName, htName string
	schemas                  []string
	model                    *model.MetaData
	compare                  autogen.Options
	runner                   []runner.Option
	passed                   func(*versions.Revision)
}

func newConfig(opts []Option) *config {
	c := &config{vtName: runner.DefaultVersionTable, htName: runner.DefaultHistoryTable}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithVersionTable names the version table and its schema, as
// runner.WithVersionTable (default migrate_version in the connection's
// schema). The version and history tables are never part of the compared
// schema.
func WithVersionTable(schema, name string) Option {
	return func(c *config) {
		c.vtSchema = schema
		if name != "" {
			c.vtName = name
		}
	}
}

// WithHistoryTable names the history table (default migrate_history).
func WithHistoryTable(name string) Option {
	return func(c *config) {
		if name != "" {
			c.htName = name
		}
	}
}

// WithSchemas inspects these schemas (PostgreSQL), databases (MySQL) or
// attached databases (SQLite) instead of the connection's default, as
// inspect.Options.Schemas.
func WithSchemas(schemas ...string) Option {
	return func(c *config) { c.schemas = schemas }
}

// WithModel checks, once every revision passed, that the schema at head
// equals the target model as `migrate check` compares them: autogenerate
// (autogen.Compare with opts) must find no operation to write. opts may
// be zero: the dialect, the version and history tables and the schemas
// of WithSchemas are filled in.
func WithModel(target *model.MetaData, opts autogen.Options) Option {
	return func(c *config) { c.model, c.compare = target, opts }
}

// WithRunnerOptions passes options to the runner that applies the
// revisions (a progress callback, the transaction mode, …). The version
// and history tables are set by WithVersionTable and WithHistoryTable.
func WithRunnerOptions(opts ...runner.Option) Option {
	return func(c *config) { c.runner = append(c.runner, opts...) }
}

// WithPassed calls f each time a revision passed its stairway step.
func WithPassed(f func(*versions.Revision)) Option {
	return func(c *config) { c.passed = f }
}
