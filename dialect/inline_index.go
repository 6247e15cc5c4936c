package dialect

import (
	"slices"

	"github.com/migratego/migrate/model"
)

// inlineIndexer is implemented by dialects whose CreateTable writes some of
// a table's indexes inside the CREATE TABLE statement, because the table
// cannot be created without them.
type inlineIndexer interface {
	inlineIndexes(t *model.Table) []*model.Index
}

// SeparateIndexes returns the indexes of t that are created with CreateIndex
// after CreateTable: all of them, except those the dialect's CreateTable
// writes itself (on MySQL, the key an AUTO_INCREMENT column needs when the
// primary key does not start with it).
func SeparateIndexes(d Dialect, t *model.Table) []*model.Index {
	il, ok := d.(inlineIndexer)
	if !ok {
		return t.Indexes
	}
	inline := il.inlineIndexes(t)
	if len(inline) == 0 {
		return t.Indexes
	}
	out := make([]*model.Index, 0, len(t.Indexes))
	for _, ix := range t.Indexes {
		if !slices.Contains(inline, ix) {
			out = append(out, ix)
		}
	}
	return out
}
