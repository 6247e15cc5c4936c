package ops

import (
	"context"
	"fmt"
)

// Execute runs raw SQL (execute) with parameters: Args are bound online,
// their markers portable (?, on every database) or PostgreSQL's own ($1),
// see query.Raw; offline (--sql) they are written in place as escaped
// literals.
//
// Raw SQL has no known inverse: Reverse returns an *IrreversibleError
// unless ReverseSQL (with its ReverseArgs) says how to undo it.
type Execute struct {
	SQL         string
	Args        []any
	ReverseSQL  string
	ReverseArgs []any
}

// Name returns "execute".
func (o Execute) Name() string { return "execute" }

// Statements returns the SQL with its arguments.
func (o Execute) Statements(_ context.Context, _ *Context) ([]Statement, error) {
	if o.SQL == "" {
		return nil, missing("SQL text", "SQL")
	}
	return []Statement{{SQL: o.SQL, Args: o.Args}}, nil
}

// Reverse returns the Execute of ReverseSQL, whose own inverse is this one.
func (o Execute) Reverse() (Operation, error) {
	if o.ReverseSQL == "" {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "raw SQL has no known inverse (set ReverseSQL to the SQL that undoes it)"}
	}
	return Execute{SQL: o.ReverseSQL, Args: o.ReverseArgs, ReverseSQL: o.SQL, ReverseArgs: o.Args}, nil
}

// GoSource renders ops.Execute{…}. Arguments must be values Go source can
// spell (nil, booleans, numbers, strings, []byte, time.Time).
func (o Execute) GoSource() (string, error) {
	args, err := goValues(o.Args)
	if err != nil {
		return "", fmt.Errorf("ops: execute: Args: %w", err)
	}
	rargs, err := goValues(o.ReverseArgs)
	if err != nil {
		return "", fmt.Errorf("ops: execute: ReverseArgs: %w", err)
	}
	return newGoLit("Execute").str("SQL", o.SQL).expr("Args", args).
		str("ReverseSQL", o.ReverseSQL).expr("ReverseArgs", rargs).String(), nil
}
