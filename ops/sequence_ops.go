package ops

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/migratego/migrate/model"
)

// CreateSequence creates a standalone sequence (create_sequence) on
// PostgreSQL and MariaDB 10.3+. MySQL 8 and SQLite have no sequences and
// refuse it with an *dialect.UnsupportedError (use an AUTO_INCREMENT /
// AutoIncrement column there).
type CreateSequence struct {
	Sequence *model.Sequence
}

// Name returns "create_sequence".
func (o CreateSequence) Name() string { return "create_sequence" }

// Statements returns CREATE SEQUENCE.
func (o CreateSequence) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.Sequence == nil {
		return nil, missing("sequence definition", "Sequence")
	}
	if o.Sequence.Name == "" {
		return nil, missing("sequence name", "Sequence.Name")
	}
	if err := checkSequence(o.Sequence); err != nil {
		return nil, err
	}
	return statements(c.Dialect.CreateSequence(o.Sequence))
}

// Reverse returns a DropSequence carrying the definition.
func (o CreateSequence) Reverse() (Operation, error) {
	if o.Sequence == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no sequence definition"}
	}
	return DropSequence{Schema: o.Sequence.Schema, Sequence: o.Sequence.Name, Existing: o.Sequence.Clone()}, nil
}

// GoSource renders ops.CreateSequence{Sequence: &model.Sequence{…}}.
func (o CreateSequence) GoSource() (string, error) {
	return newGoLit("CreateSequence").expr("Sequence", sequenceGoSource(o.Sequence)).String(), nil
}

// DropSequence drops a sequence (drop_sequence). Existing is its
// definition as it was, which Reverse needs to create it again (its
// current value is not kept: the new sequence starts at Existing.Start).
type DropSequence struct {
	Schema   string
	Sequence string
	Existing *model.Sequence
}

// Name returns "drop_sequence".
func (o DropSequence) Name() string { return "drop_sequence" }

// Statements returns DROP SEQUENCE.
func (o DropSequence) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.Sequence == "" {
		return nil, missing("sequence name", "Sequence")
	}
	return statements(c.Dialect.DropSequence(&model.Sequence{Schema: o.Schema, Name: o.Sequence}))
}

// Reverse returns a CreateSequence of the Existing definition.
func (o DropSequence) Reverse() (Operation, error) {
	if o.Existing == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: fmt.Sprintf("sequence %q carries no definition (set Existing)", qualified(o.Schema, o.Sequence))}
	}
	s := o.Existing.Clone()
	s.Schema, s.Name = o.Schema, o.Sequence
	return CreateSequence{Sequence: s}, nil
}

// GoSource renders ops.DropSequence{…}.
func (o DropSequence) GoSource() (string, error) {
	return newGoLit("DropSequence").str("Schema", o.Schema).str("Sequence", o.Sequence).
		expr("Existing", sequenceGoSource(o.Existing)).String(), nil
}

// AlterSequence changes a sequence from its definition From to To
// (alter_sequence): increment, bounds, start, cache, cycle, owner, and its
// name (To.Name differing from From.Name renames it; empty keeps it).
// Reverse swaps the two. A zero option means the database's default.
type AlterSequence struct {
	From *model.Sequence
	To   *model.Sequence
}

// Name returns "alter_sequence".
func (o AlterSequence) Name() string { return "alter_sequence" }

// Statements returns ALTER SEQUENCE (and a rename where the name changes).
func (o AlterSequence) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.From == nil || o.From.Name == "" {
		return nil, missing("existing sequence definition with its name", "From")
	}
	if o.To == nil {
		return nil, missing("new sequence definition", "To")
	}
	if err := checkSequence(o.To); err != nil {
		return nil, err
	}
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.AlterSequence(o.From, o.To))
}

// Reverse returns the AlterSequence from To back to From.
func (o AlterSequence) Reverse() (Operation, error) {
	if o.From == nil || o.To == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it needs both the From and To definitions"}
	}
	from := o.To.Clone()
	if from.Name == "" {
		from.Name = o.From.Name
	}
	return AlterSequence{From: from, To: o.From.Clone()}, nil
}

// GoSource renders ops.AlterSequence{…}.
func (o AlterSequence) GoSource() (string, error) {
	return newGoLit("AlterSequence").expr("From", sequenceGoSource(o.From)).
		expr("To", sequenceGoSource(o.To)).String(), nil
}

// checkSequence refuses options no database accepts.
func checkSequence(s *model.Sequence) error {
	if s.Cache < 0 {
		return fmt.Errorf("sequence %q: cache %d is negative", qualified(s.Schema, s.Name), s.Cache)
	}
	if s.MinValue != nil && s.MaxValue != nil && *s.MinValue > *s.MaxValue {
		return fmt.Errorf("sequence %q: MinValue %d is above MaxValue %d", qualified(s.Schema, s.Name), *s.MinValue, *s.MaxValue)
	}
	return nil
}

// sequenceGoSource renders &model.Sequence{…}, or "nil".
func sequenceGoSource(s *model.Sequence) string {
	if s == nil {
		return "nil"
	}
	var f []string
	str := func(k, v string) {
		if v != "" {
			f = append(f, k+": "+strconv.Quote(v))
		}
	}
	num := func(k string, v int64) {
		if v != 0 {
			f = append(f, k+": "+strconv.FormatInt(v, 10))
		}
	}
	ptr := func(k string, v *int64) {
		if v != nil {
			f = append(f, k+": new(int64("+strconv.FormatInt(*v, 10)+"))")
		}
	}
	str("Schema", s.Schema)
	str("Name", s.Name)
	num("Start", s.Start)
	num("Increment", s.Increment)
	ptr("MinValue", s.MinValue)
	ptr("MaxValue", s.MaxValue)
	num("Cache", s.Cache)
	if s.Cycle {
		f = append(f, "Cycle: true")
	}
	str("OwnedBy", s.OwnedBy)
	return "&model.Sequence{" + strings.Join(f, ", ") + "}"
}

// sequenceName names a sequence for findNamed.
func sequenceName(s *model.Sequence) string { return qualified(s.Schema, s.Name) }

// modelSequence returns the position of sequence (schema, name) in m, or
// an error naming it.
func modelSequence(m *model.MetaData, schema, name string) (int, error) {
	i := findNamed(m.Sequences, sequenceName, qualified(schema, name))
	if i < 0 {
		return -1, fmt.Errorf("sequence %q does not exist", qualified(schema, name))
	}
	return i, nil
}

// Apply adds the sequence to m.
func (o CreateSequence) Apply(m *model.MetaData) error {
	if o.Sequence == nil || o.Sequence.Name == "" {
		return missing("sequence definition with its name", "Sequence")
	}
	if namedExactly(m.Sequences, sequenceName, sequenceName(o.Sequence)) {
		return fmt.Errorf("sequence %q already exists", sequenceName(o.Sequence))
	}
	m.Sequences = append(m.Sequences, o.Sequence.Clone())
	return nil
}

// Apply removes the sequence from m.
func (o DropSequence) Apply(m *model.MetaData) error {
	if o.Sequence == "" {
		return missing("sequence name", "Sequence")
	}
	i, err := modelSequence(m, o.Schema, o.Sequence)
	if err != nil {
		return err
	}
	m.Sequences = slices.Delete(m.Sequences, i, i+1)
	return nil
}

// Apply replaces the sequence's definition by To (keeping its name when To
// has none).
func (o AlterSequence) Apply(m *model.MetaData) error {
	if o.From == nil || o.From.Name == "" {
		return missing("existing sequence definition with its name", "From")
	}
	if o.To == nil {
		return missing("new sequence definition", "To")
	}
	i, err := modelSequence(m, o.From.Schema, o.From.Name)
	if err != nil {
		return err
	}
	to := o.To.Clone()
	if to.Name == "" {
		to.Schema, to.Name = o.From.Schema, o.From.Name
	}
	m.Sequences[i] = to
	return nil
}
