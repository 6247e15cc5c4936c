package dialect

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/migratego/migrate/model"
)

// NotValidChecker is implemented by dialects that can add a check
// constraint without checking the rows already in the table (PostgreSQL
// ADD CONSTRAINT … CHECK … NOT VALID). Operations find it by type
// assertion.
type NotValidChecker interface {
	AddCheckNotValid(t *model.Table, c *model.Check) ([]string, error)
}

// enumValueTx is implemented by dialects for which ALTER TYPE … ADD VALUE
// cannot always run inside a transaction block.
type enumValueTx interface {
	AddEnumValueInTransaction() bool
}

// AddEnumValueInTransaction reports whether the statements of
// Alterer.AddEnumValue may run inside a transaction. PostgreSQL before 12
// refuses ALTER TYPE … ADD VALUE in a transaction block, so the runner
// must run it in an autocommit block there. Dialects that do not say
// otherwise allow it.
func AddEnumValueInTransaction(d Dialect) bool {
	if e, ok := d.(enumValueTx); ok {
		return e.AddEnumValueInTransaction()
	}
	return true
}

// columnObject names a column of a table for messages.
func columnObject(t *model.Table, name string) string {
	return fmt.Sprintf("column %q of table %q", name, t.QualifiedName())
}

// checkColumn runs the table capability checks (comments, collations,
// generated columns, enums) on one column, as if it were a table's only
// column.
func checkColumn(d Dialect, t *model.Table, c *model.Column) error {
	if c == nil || c.Name == "" {
		return fmt.Errorf("%s: table %q: a column definition with a name is needed", d.Name(), t.QualifiedName())
	}
	one := &model.Table{Schema: t.Schema, Name: t.Name, Columns: []*model.Column{c}}
	return checkTable(d, one)
}

// checkTableName refuses a table without a name.
func checkTableName(d Dialect, t *model.Table) error {
	if t == nil || t.Name == "" {
		return fmt.Errorf("%s: a table name is needed", d.Name())
	}
	return nil
}

// sameType reports whether two types are the same in d: they render, or
// parse back, the same (so that Integer and Raw("int4") are not a change). Two unset types are the same:
// an ALTER that does not state the type does not change it.
func sameType(d Dialect, a, b model.Type) bool {
	if a.Equal(b) {
		return true
	}
	if a.Kind == model.KindInvalid || b.Kind == model.KindInvalid {
		return false
	}
	ra, errA := d.RenderType(a)
	rb, errB := d.RenderType(b)
	return errA == nil && errB == nil && (strings.EqualFold(ra, rb) || d.ParseType(ra).Equal(d.ParseType(rb)))
}

// sameDefault reports whether two server defaults are written the same.
func sameDefault(a, b *model.Default) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Expr == b.Expr && (a.Expr != "" || reflect.DeepEqual(a.Literal, b.Literal))
}

// sameGenerated reports whether two generation clauses are the same.
func sameGenerated(a, b *model.Generated) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// defaultSequenceStart is the start a sequence has when none is given:
// its minimum (1) when ascending, its maximum (-1) when descending.
func defaultSequenceStart(s *model.Sequence) int64 {
	if s.Increment < 0 {
		if s.MaxValue != nil {
			return *s.MaxValue
		}
		return -1
	}
	if s.MinValue != nil {
		return *s.MinValue
	}
	return 1
}

// orDefault returns v, or def when v is zero (the model's "default").
func orDefault(v, def int64) int64 {
	if v == 0 {
		return def
	}
	return v
}

// sequenceOptions appends the clauses of ALTER SEQUENCE that change from
// into to, in the shared SQL-standard spelling: INCREMENT BY, MINVALUE /
// NO MINVALUE, MAXVALUE / NO MAXVALUE, START WITH, CACHE and CYCLE or
// noCycle (NO CYCLE, MariaDB's NOCYCLE). defaultCache is the cache a
// sequence has when none is given. It reports whether anything was
// appended.
func sequenceOptions(b *builder, from, to *model.Sequence, defaultCache int64, noCycle string) bool {
	changed := false
	num := func(kw string, n int64) {
		b.raw(" ", kw, " ", fmt.Sprint(n))
		changed = true
	}
	if orDefault(from.Increment, 1) != orDefault(to.Increment, 1) {
		num("INCREMENT BY", orDefault(to.Increment, 1))
	}
	if !reflect.DeepEqual(from.MinValue, to.MinValue) {
		if to.MinValue == nil {
			b.raw(" NO MINVALUE")
			changed = true
		} else {
			num("MINVALUE", *to.MinValue)
		}
	}
	if !reflect.DeepEqual(from.MaxValue, to.MaxValue) {
		if to.MaxValue == nil {
			b.raw(" NO MAXVALUE")
			changed = true
		} else {
			num("MAXVALUE", *to.MaxValue)
		}
	}
	if orDefault(from.Start, defaultSequenceStart(from)) != orDefault(to.Start, defaultSequenceStart(to)) {
		num("START WITH", orDefault(to.Start, defaultSequenceStart(to)))
	}
	if orDefault(from.Cache, defaultCache) != orDefault(to.Cache, defaultCache) {
		num("CACHE", orDefault(to.Cache, defaultCache))
	}
	if from.Cycle != to.Cycle {
		if to.Cycle {
			b.raw(" CYCLE")
		} else {
			b.raw(" ", noCycle)
		}
		changed = true
	}
	return changed
}
