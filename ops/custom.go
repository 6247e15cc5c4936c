package ops

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sync"

	"github.com/migratego/migrate/dialect"
)

// A custom operation is any type implementing Operation: op.Run executes
// it, --sql prints it, Reverse gives autogenerate and `migrate test` its
// inverse. Two helpers make one short to write and known to tools:
//
//   - PerDialect holds its SQL per database, so that Statements is one
//     line;
//   - a Registry records its name and how autogenerate renders it as Go
//     (the Go import it needs, a render hook), so that a comparison hook
//     (autogen) may return it and the revision file still compiles.
//
// A custom operation that implements SchemaChanger (Apply) also takes part
// in batches, lint and `migrate test` (see ExampleSchemaChanger).
//
// See the package documentation for a worked example.

// DialectSQL compiles a custom operation for one database.
type DialectSQL func(ctx context.Context, c *Context) ([]Statement, error)

// PerDialect maps a dialect's Name() — "postgres", "mysql" (MySQL and
// MariaDB alike) or "sqlite" — to the SQL of a custom operation; the key
// "default" serves the others. It is the one place where operations look
// a dialect up by name: a custom operation's SQL is written per database
// by its author.
type PerDialect map[string]DialectSQL

// DefaultDialect is the PerDialect key used for databases without an entry.
const DefaultDialect = "default"

// Statements runs the entry for c's dialect, else the default entry. With
// neither it returns an *dialect.UnsupportedError, so that a custom
// operation without SQL for a database says so instead of doing nothing.
func (p PerDialect) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	name := c.Dialect.Name()
	f := p[name]
	if f == nil {
		f = p[DefaultDialect]
	}
	if f == nil {
		return nil, dialect.Unsupported(name, "custom operation", "this operation",
			fmt.Sprintf("its PerDialect has no %q entry nor a %q one", name, DefaultDialect))
	}
	return f(ctx, c)
}

// SQL returns a DialectSQL giving fixed statements, for PerDialect entries
// that need no quoting (build quoted SQL with c.Dialect.QuoteIdent inside
// a DialectSQL instead).
func SQL(stmts ...string) DialectSQL {
	return func(context.Context, *Context) ([]Statement, error) {
		out := make([]Statement, len(stmts))
		for i, s := range stmts {
			out[i] = Statement{SQL: s}
		}
		return out, nil
	}
}

// NoSQL is a DialectSQL giving no statements, for a database where the
// operation has nothing to do (say so in the operation's documentation).
func NoSQL(context.Context, *Context) ([]Statement, error) { return nil, nil }

// Registration describes a custom operation to tools.
type Registration struct {
	// Name is the operation's Name(), snake_case; unique in a registry.
	Name string
	// Imports are the Go import paths its rendered source needs beyond
	// the ops and model packages (e.g. "example.com/app/migrations/myops").
	Imports []string
	// Render writes the operation as a Go expression for a revision file.
	// When nil, the operation's own GoSource is used.
	Render func(op Operation) (string, error)
}

// Registry holds custom operation registrations.
//
// The registry convention of the module (DESIGN decision 5, shared with
// runner.Registry): the zero Registry is empty and ready to use, and safe
// for concurrent use; whatever renders or looks up custom operations takes
// a Registry explicitly, so that programs migrating several databases may
// keep one each. The package-level Register and DefaultRegistry are a
// convenience; nothing in the module reads the default registry unless it
// is passed.
type Registry struct {
	mu  sync.RWMutex
	ops map[string]Registration
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{ops: map[string]Registration{}} }

var (
	defaultRegistry = NewRegistry()
	snakeName       = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// DefaultRegistry returns the registry that the package-level Register
// fills; pass it where a Registry is asked for.
func DefaultRegistry() *Registry { return defaultRegistry }

// Register adds a custom operation to DefaultRegistry().
func Register(r Registration) error { return defaultRegistry.Register(r) }

// builtinNames are the names of the operations of this package, which a
// custom operation may not take.
var builtinNames = []string{
	"create_table", "drop_table", "rename_table",
	"add_column", "drop_column", "alter_column",
	"create_index", "drop_index",
	"create_primary_key", "drop_primary_key", "create_unique_constraint", "drop_unique_constraint",
	"create_foreign_key", "drop_foreign_key", "create_check_constraint", "drop_check_constraint",
	"set_table_comment", "set_column_comment",
	"create_enum", "drop_enum", "add_enum_value", "rename_enum_value", "alter_enum",
	"create_sequence", "drop_sequence", "alter_sequence",
	"create_view", "drop_view", "replace_view",
	"create_schema", "drop_schema", "alter_schema",
	"create_extension", "drop_extension", "alter_extension",
	"create_domain", "drop_domain", "alter_domain",
	"create_definition", "drop_definition", "replace_definition",
	"execute", "bulk_insert", "batch_alter_table",
}

// Register adds a custom operation. It refuses an empty or non-snake_case
// name, the name of a built-in operation, and a name registered already.
func (r *Registry) Register(reg Registration) error {
	if !snakeName.MatchString(reg.Name) {
		return fmt.Errorf("ops: register %q: a custom operation's name must be snake_case (a-z, 0-9, _)", reg.Name)
	}
	if slices.Contains(builtinNames, reg.Name) {
		return fmt.Errorf("ops: register %q: a built-in operation has this name", reg.Name)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ops == nil {
		r.ops = map[string]Registration{}
	}
	if _, dup := r.ops[reg.Name]; dup {
		return fmt.Errorf("ops: register %q: an operation of this name is registered already", reg.Name)
	}
	reg.Imports = slices.Clone(reg.Imports)
	r.ops[reg.Name] = reg
	return nil
}

// Lookup returns the registration of a name.
func (r *Registry) Lookup(name string) (Registration, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	reg, ok := r.ops[name]
	return reg, ok
}

// Names returns the registered names, sorted.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.ops))
	for n := range r.ops {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// GoSource renders an operation as Go for a revision file: through its
// registration's Render hook when it has one, else its own GoSource. It
// also returns the imports the source needs beyond ops and model.
// Operations of this package and unregistered operations render by
// GoSource with no extra imports.
func (r *Registry) GoSource(op Operation) (src string, imports []string, err error) {
	if op == nil {
		return "", nil, fmt.Errorf("ops: render a nil operation")
	}
	reg, ok := r.Lookup(op.Name())
	if ok && reg.Render != nil {
		src, err = reg.Render(op)
	} else {
		src, err = op.GoSource()
	}
	if err != nil {
		return "", nil, fmt.Errorf("ops: render %s: %w", op.Name(), err)
	}
	return src, slices.Clone(reg.Imports), nil
}
