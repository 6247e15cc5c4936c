package autogen

import (
	"slices"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// indexes compares the indexes of an existing table by name: an index
// that is gone or differs is dropped (carrying its definition), one that
// is new or differs is created.
func (c *comparison) indexes(cur, tgt *model.Table) (drops, creates []ops.Operation) {
	curIx := lookup(cur.Indexes, indexName)
	tgtIx := lookup(tgt.Indexes, indexName)
	for _, ix := range cur.Indexes {
		if want, ok := tgtIx(ix.Name); !ok || !sameIndex(ix, want) {
			drops = append(drops, ops.DropIndex{Schema: cur.Schema, Table: cur.Name, Index: ix.Name, Existing: cloneIndex(ix)})
		}
	}
	for _, ix := range tgt.Indexes {
		if have, ok := curIx(ix.Name); !ok || !sameIndex(have, ix) {
			creates = append(creates, ops.CreateIndex{Schema: tgt.Schema, Table: tgt.Name, Index: cloneIndex(ix)})
		}
	}
	return drops, creates
}

// indexName is the name of an index, for lookup.
func indexName(ix *model.Index) string { return ix.Name }

// sameIndex compares two normalised indexes: uniqueness, keys (columns or
// expressions, direction, NULLS order, prefix length, collation, operator
// class), predicate, method and covering columns.
func sameIndex(a, b *model.Index) bool {
	return a.Unique == b.Unique && a.Where == b.Where && a.Method == b.Method &&
		slices.Equal(a.Parts, b.Parts) && slices.Equal(a.Include, b.Include)
}

// cloneIndex returns a copy of ix.
func cloneIndex(ix *model.Index) *model.Index {
	x := *ix
	x.Parts = slices.Clone(ix.Parts)
	x.Include = slices.Clone(ix.Include)
	return &x
}
