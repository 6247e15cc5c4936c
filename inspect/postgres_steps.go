package inspect

import (
	"context"
	"maps"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// pgStep is one catalog reader of an inspection. Rounds 0 and 1 run
// together, round 0 taken first, then round 2; a step runs when its kind
// is present (when nil: always), into a pgState of its own (sub).
type pgStep struct {
	round int
	read  func(*pgState, context.Context, dialect.Querier) error
	when  *bool
	sub   *pgState
}

// run runs steps on the queriers qs (runStepsOn), each into a pgState of
// its own that shares the scope and the tables read so far, which the
// steps only look up.
func (st *pgState) run(ctx context.Context, qs []dialect.Querier, steps []*pgStep) error {
	var fns []func(context.Context, dialect.Querier) error
	for _, step := range steps {
		if step.when != nil && !*step.when {
			continue
		}
		sub := &pgState{d: st.d, scope: st.scope, md: &model.MetaData{}, tables: st.tables}
		if len(st.tables) == 0 {
			// No tables yet: readTables fills a map of its own (addTables)
			// while the others run.
			sub.tables = map[int64]*pgTable{}
		}
		step.sub = sub
		fns = append(fns, func(ctx context.Context, q dialect.Querier) error { return step.read(sub, ctx, q) })
	}
	return runStepsOn(ctx, qs, fns...)
}

// addTables puts the tables the first round read (readTables) and their
// columns (readColumns) into st, for the second round to look up.
func (st *pgState) addTables(steps []*pgStep) {
	for _, step := range steps {
		if step.sub != nil {
			maps.Copy(st.tables, step.sub.tables)
		}
	}
	for _, step := range steps {
		if step.sub != nil {
			st.addColumns(step.sub.columns)
		}
	}
}

// merge adds the objects a step read to st's model.
func (st *pgState) merge(from *model.MetaData) {
	md := st.md
	md.Schemas = append(md.Schemas, from.Schemas...)
	md.Extensions = append(md.Extensions, from.Extensions...)
	md.Domains = append(md.Domains, from.Domains...)
	md.Tables = append(md.Tables, from.Tables...)
	md.Sequences = append(md.Sequences, from.Sequences...)
	md.Enums = append(md.Enums, from.Enums...)
	md.Views = append(md.Views, from.Views...)
	md.Definitions = append(md.Definitions, from.Definitions...)
}
