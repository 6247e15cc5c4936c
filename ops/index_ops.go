package ops

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// CreateIndex creates an index (create_index): unique, multi-column,
// descending keys, partial (Index.Where), expressions, a PostgreSQL
// method. Concurrently builds it without blocking writes (PostgreSQL),
// which cannot run inside a transaction: the revision must be marked
// non-transactional. IfNotExists guards the statement.
type CreateIndex struct {
	Schema       string
	Table        string
	Index        *model.Index
	Concurrently bool
	IfNotExists  bool
}

// Name returns "create_index".
func (o CreateIndex) Name() string { return "create_index" }

// Statements returns CREATE INDEX; with Concurrently, a statement marked
// NoTransaction.
func (o CreateIndex) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	if o.Index == nil || o.Index.Name == "" {
		return nil, missing("index definition with its name", "Index")
	}
	if len(o.Index.Parts) == 0 {
		return nil, fmt.Errorf("index %q has no columns or expressions (set Parts)", o.Index.Name)
	}
	opt := dialect.IndexOptions{Concurrently: o.Concurrently, IfNotExists: o.IfNotExists}
	sqls, err := c.Dialect.CreateIndex(tableRef(o.Schema, o.Table), o.Index, opt)
	if err != nil {
		return nil, err
	}
	return noTransaction(c, sqls, o.Concurrently, "CREATE INDEX CONCURRENTLY")
}

// noTransaction marks statements that cannot run in a transaction, and
// refuses them when the context says they would.
func noTransaction(c *Context, sqls []string, noTx bool, what string) ([]Statement, error) {
	stmts, _ := statements(sqls, nil)
	if !noTx {
		return stmts, nil
	}
	if c.InTransaction {
		return nil, fmt.Errorf("%s cannot run inside a transaction; mark the revision non-transactional (transactional: false)", what)
	}
	for i := range stmts {
		stmts[i].NoTransaction = true
	}
	return stmts, nil
}

// Reverse returns a DropIndex carrying the index.
func (o CreateIndex) Reverse() (Operation, error) {
	if o.Index == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no index"}
	}
	return DropIndex{Schema: o.Schema, Table: o.Table, Index: o.Index.Name, Existing: cloneIndex(o.Index),
		Concurrently: o.Concurrently, IfExists: o.IfNotExists}, nil
}

func cloneIndex(ix *model.Index) *model.Index {
	x := *ix
	x.Parts = slices.Clone(ix.Parts)
	x.Include = slices.Clone(ix.Include)
	return &x
}

// GoSource renders ops.CreateIndex{…}.
func (o CreateIndex) GoSource() (string, error) {
	return newGoLit("CreateIndex").str("Schema", o.Schema).str("Table", o.Table).
		expr("Index", o.Index.GoSource()).flag("Concurrently", o.Concurrently).flag("IfNotExists", o.IfNotExists).String(), nil
}

// DropIndex drops an index by name (drop_index). Existing is the index's
// definition, which Reverse needs. Concurrently and IfExists are as for
// CreateIndex.
type DropIndex struct {
	Schema       string
	Table        string
	Index        string
	Existing     *model.Index
	Concurrently bool
	IfExists     bool
}

// Name returns "drop_index".
func (o DropIndex) Name() string { return "drop_index" }

func (o DropIndex) index() *model.Index {
	ix := &model.Index{}
	if o.Existing != nil {
		ix = cloneIndex(o.Existing)
	}
	if o.Index != "" {
		ix.Name = o.Index
	}
	return ix
}

// Statements returns DROP INDEX; with Concurrently, a statement marked
// NoTransaction.
func (o DropIndex) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	ix := o.index()
	if ix.Name == "" {
		return nil, missing("index name", "Index")
	}
	opt := dialect.IndexOptions{Concurrently: o.Concurrently, IfExists: o.IfExists}
	if o.Concurrently && !c.Dialect.Capabilities().ConcurrentIndexes {
		return nil, dialect.Unsupported(c.Dialect.Name(), fmt.Sprintf("index %q on table %q", ix.Name, qualified(o.Schema, o.Table)), "CONCURRENTLY", "")
	}
	sqls, err := c.Dialect.DropIndex(tableRef(o.Schema, o.Table), ix, opt)
	if err != nil {
		return nil, err
	}
	return noTransaction(c, sqls, o.Concurrently, "DROP INDEX CONCURRENTLY")
}

// Reverse returns a CreateIndex of the Existing index.
func (o DropIndex) Reverse() (Operation, error) {
	if o.Existing == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: fmt.Sprintf("index %q on table %q carries no definition (set Existing)", o.Index, qualified(o.Schema, o.Table))}
	}
	return CreateIndex{Schema: o.Schema, Table: o.Table, Index: o.index(), Concurrently: o.Concurrently, IfNotExists: o.IfExists}, nil
}

// GoSource renders ops.DropIndex{…}.
func (o DropIndex) GoSource() (string, error) {
	return newGoLit("DropIndex").str("Schema", o.Schema).str("Table", o.Table).str("Index", o.Index).
		expr("Existing", o.Existing.GoSource()).flag("Concurrently", o.Concurrently).flag("IfExists", o.IfExists).String(), nil
}

// indexName names an index for findNamed.
func indexName(ix *model.Index) string { return ix.Name }

// Apply adds the index to its table; with IfNotExists an index of the
// same name already there is kept.
func (o CreateIndex) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	if o.Index == nil || o.Index.Name == "" {
		return missing("index definition with its name", "Index")
	}
	if findNamed(t.Indexes, indexName, o.Index.Name) >= 0 && o.IfNotExists {
		return nil
	}
	for _, p := range o.Index.Parts {
		if p.Column != "" {
			if _, err := modelColumn(t, p.Column); err != nil {
				return err
			}
		}
	}
	return addNamed(t, &t.Indexes, indexName, "an index", cloneIndex(o.Index))
}

// Apply removes the index from its table; with IfExists a missing index is
// no error. A unique constraint of that name goes when there is no such
// index: on MySQL a unique constraint is a unique index, which the
// inspector reports as a constraint, and DROP INDEX removes it.
func (o DropIndex) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	ix := o.index()
	if ix.Name == "" {
		return missing("index name", "Index")
	}
	if findNamed(t.Indexes, indexName, ix.Name) < 0 {
		switch {
		case findNamed(t.Uniques, uniqueName, ix.Name) >= 0:
			return removeNamed(t, &t.Uniques, uniqueName, "unique constraint", ix.Name)
		case o.IfExists:
			return nil
		}
	}
	return removeNamed(t, &t.Indexes, indexName, "index", ix.Name)
}
