package autogen

import (
	"fmt"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// restateBatches gives every batch of list the table as the operations
// before it leave it: a rename of another table, or of a column another
// table's foreign key references, changes the definition a later rebuild
// restates (SQLite rewrites the references in place). whole returns the
// current schema with every part, as the first operation sees it; it is
// called only when list holds a batch.
func restateBatches(whole func() *model.MetaData, list []ops.Operation) ([]ops.Operation, error) {
	hasBatch := false
	for _, op := range list {
		if _, ok := op.(ops.BatchAlterTable); ok {
			hasBatch = true
			break
		}
	}
	if !hasBatch {
		return list, nil
	}
	state := whole()
	out := make([]ops.Operation, len(list))
	for i, op := range list {
		if b, ok := op.(ops.BatchAlterTable); ok {
			if t := state.Table(b.Schema, b.Table); t != nil {
				b.CopyFrom = t.Clone()
			}
			op = b
		}
		out[i] = op
		if err := ops.Apply(state, op); err != nil {
			return nil, fmt.Errorf("autogen: the schema before operation %d (%s): %w", i+1, op.Name(), err)
		}
	}
	return out, nil
}
