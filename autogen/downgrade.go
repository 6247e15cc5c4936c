package autogen

import (
	"errors"
	"fmt"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// Downgrade returns the inverse of up, in reverse order: each inverse is
// computed with ops.ReverseFrom on the schema before that operation
// (current with the operations before it applied by ops.Apply), so that
// an operation that does not carry what its inverse needs takes it from
// there. An operation without an inverse is an error naming it.
func Downgrade(current *model.MetaData, up []ops.Operation) ([]ops.Operation, error) {
	if current == nil {
		current = &model.MetaData{}
	}
	m := current.Clone()
	known := true // false once an operation's change to the schema is unknown
	down := make([]ops.Operation, len(up))
	for i, op := range up {
		if op == nil {
			return nil, fmt.Errorf("autogen: downgrade: operation %d is nil", i+1)
		}
		before := m
		if !known {
			before = nil
		}
		inv, err := ops.ReverseFrom(before, op)
		if err != nil {
			return nil, fmt.Errorf("autogen: downgrade: operation %d (%s) cannot be reversed: %w", i+1, op.Name(), err)
		}
		down[len(up)-1-i] = inv
		if !known {
			continue
		}
		if err := ops.Apply(m, op); err != nil {
			var unknown *ops.UnknownChangeError
			if !errors.As(err, &unknown) {
				return nil, fmt.Errorf("autogen: downgrade: operation %d (%s) does not apply to the schema before it: %w", i+1, op.Name(), err)
			}
			known = false
		}
	}
	return down, nil
}
