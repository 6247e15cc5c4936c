package dialect

import (
	"fmt"
	"strings"

	"github.com/migratego/migrate/model"
)

// CreateIndex returns
//
//	CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table
//	[USING method] (keys) [INCLUDE (cols)] [NULLS NOT DISTINCT] [WHERE predicate]
//
// followed by COMMENT ON INDEX when the index has a comment.
// The index name is not qualified: an index always lives in its table's
// schema. Expression keys are wrapped in parentheses.
func (d *postgresDialect) CreateIndex(t *model.Table, ix *model.Index, opt IndexOptions) ([]string, error) {
	if err := checkIndex(d, t, ix, opt); err != nil {
		return nil, d.wrapErr(err)
	}
	b := newBuilder(d)
	b.raw("CREATE ")
	if ix.Unique {
		b.raw("UNIQUE ")
	}
	b.raw("INDEX ")
	if opt.Concurrently {
		b.raw("CONCURRENTLY ")
	}
	if opt.IfNotExists {
		b.raw("IF NOT EXISTS ")
	}
	b.ident(ix.Name).raw(" ON ").qualified(t.Schema, t.Name)
	if ix.Method != "" {
		// checkIndex accepted it from the fixed list of methods.
		b.raw(" USING ", strings.ToLower(ix.Method))
	}
	b.raw(" ")
	indexKeys(b, ix, func(expr string) string { return "(" + expr + ")" })
	if len(ix.Include) > 0 {
		b.raw(" INCLUDE ").identList(ix.Include)
	}
	if ix.NullsNotDistinct {
		b.raw(" NULLS NOT DISTINCT")
	}
	if ix.Where != "" {
		b.raw(" WHERE ", ix.Where)
	}
	create, err := d.wrap(b.stmt())
	if err != nil || ix.Comment == "" {
		return one(create, err)
	}
	comment := newBuilder(d)
	comment.raw("COMMENT ON INDEX ").qualified(t.Schema, ix.Name).raw(" IS ").literal(ix.Comment)
	c, err := d.wrap(comment.stmt())
	if err != nil {
		return nil, err
	}
	return []string{create, c}, nil
}

// DropIndex returns DROP INDEX [CONCURRENTLY] [IF EXISTS] schema.name.
func (d *postgresDialect) DropIndex(t *model.Table, ix *model.Index, opt IndexOptions) ([]string, error) {
	if ix.Name == "" {
		return nil, fmt.Errorf("postgres: %s needs a name to be dropped", describe(t, "index", ""))
	}
	b := newBuilder(d)
	b.raw("DROP INDEX ")
	if opt.Concurrently {
		b.raw("CONCURRENTLY ")
	}
	if opt.IfExists {
		b.raw("IF EXISTS ")
	}
	b.qualified(t.Schema, ix.Name)
	return one(d.wrap(b.stmt()))
}
