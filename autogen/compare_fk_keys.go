package autogen

import (
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// foreignKeysOverKeys returns, on databases whose foreign keys need an
// index (dialect.ForeignKeyIndexKeeper: MySQL/MariaDB's InnoDB), the
// foreign keys of an existing table that are dropped before its keys
// change and added back after them. InnoDB refuses to drop the index a
// foreign key uses ("needed in a foreign key constraint"), and when an
// index is created that can serve a foreign key served by the index
// InnoDB made for it, InnoDB drops its own index, so that the downgrade,
// which drops the new index, is refused in turn. So a foreign key that
// the model keeps as it is, but which one of the keys dropped or created
// (index, unique constraint, primary key) can serve while no key kept as
// it is can, is dropped first and added back once the keys have changed:
// adding it back uses the new key, or makes InnoDB create its own index
// again, which the inspector leaves out as before. keyDrops and
// keyCreates are the table's key operations.
func (c *comparison) foreignKeysOverKeys(cur, tgt *model.Table, keyDrops, keyCreates []ops.Operation) (drops, adds []ops.Operation) {
	if _, ok := c.d.(dialect.ForeignKeyIndexKeeper); !ok || len(cur.ForeignKeys) == 0 {
		return nil, nil
	}
	var changed [][]string
	droppedIndex, droppedUnique, droppedPK := map[string]bool{}, map[string]bool{}, false
	for _, op := range slices.Concat(keyDrops, keyCreates) {
		switch op := op.(type) {
		case ops.DropIndex:
			droppedIndex[op.Index] = true
			if op.Existing != nil {
				changed = append(changed, indexLeadColumns(op.Existing))
			}
		case ops.CreateIndex:
			changed = append(changed, indexLeadColumns(op.Index))
		case ops.DropUnique:
			droppedUnique[op.Constraint] = true
			if op.Existing != nil {
				changed = append(changed, op.Existing.Columns)
			}
		case ops.CreateUnique:
			changed = append(changed, op.Unique.Columns)
		case ops.DropPrimaryKey:
			droppedPK = true
			if op.Existing != nil {
				changed = append(changed, op.Existing.Columns)
			}
		case ops.CreatePrimaryKey:
			changed = append(changed, op.PrimaryKey.Columns)
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	var kept [][]string
	if cur.PrimaryKey != nil && !droppedPK {
		kept = append(kept, cur.PrimaryKey.Columns)
	}
	for _, u := range cur.Uniques {
		if !droppedUnique[u.Name] {
			kept = append(kept, u.Columns)
		}
	}
	for _, ix := range cur.Indexes {
		if !droppedIndex[ix.Name] {
			kept = append(kept, indexLeadColumns(ix))
		}
	}
	curFK := lookup(cur.ForeignKeys, func(fk *model.ForeignKey) string { return fk.Name })
	for _, fk := range tgt.ForeignKeys {
		have, ok := curFK(fk.Name)
		if !ok || !sameForeignKey(have, fk) {
			continue // dropped and added anyway (see foreignKeys)
		}
		if !slices.ContainsFunc(changed, func(k []string) bool { return leadsWith(k, fk.Columns) }) ||
			slices.ContainsFunc(kept, func(k []string) bool { return leadsWith(k, fk.Columns) }) {
			continue
		}
		drops = append(drops, ops.DropForeignKey{Schema: cur.Schema, Table: cur.Name, Constraint: have.Name, Existing: cloneFK(have)})
		adds = append(adds, ops.CreateForeignKey{Schema: tgt.Schema, Table: tgt.Name, ForeignKey: cloneFK(fk)})
	}
	return drops, adds
}

// indexLeadColumns returns the whole columns an index starts with, in
// order: the columns a foreign key can use it for. A full-text or spatial
// index serves none.
func indexLeadColumns(ix *model.Index) []string {
	if ix == nil || ix.Method == "fulltext" || ix.Method == "spatial" {
		return nil
	}
	var cols []string
	for _, p := range ix.Parts {
		if p.Column == "" || p.Expr != "" || p.Length != 0 {
			break
		}
		cols = append(cols, p.Column)
	}
	return cols
}

// leadsWith reports whether key starts with cols.
func leadsWith(key, cols []string) bool {
	return len(cols) > 0 && len(key) >= len(cols) && slices.Equal(key[:len(cols)], cols)
}
