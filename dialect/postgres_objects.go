package dialect

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/migratego/migrate/model"
)

// postgresMaxEnumLabel is the longest enum label in bytes (NAMEDATALEN-1).
const postgresMaxEnumLabel = 63

// CreateEnum returns CREATE TYPE name AS ENUM ('a', 'b').
func (d *postgresDialect) CreateEnum(e *model.EnumType) ([]string, error) {
	b := newBuilder(d)
	b.raw("CREATE TYPE ").qualified(e.Schema, e.Name).raw(" AS ENUM (")
	for i, v := range e.Values {
		if i > 0 {
			b.raw(", ")
		}
		if v == "" || len(v) > postgresMaxEnumLabel {
			b.fail(fmt.Errorf("enum type %q: label %q must be 1 to %d bytes long", e.Name, v, postgresMaxEnumLabel))
		}
		b.literal(v)
	}
	b.raw(")")
	return one(d.wrap(b.stmt()))
}

// DropEnum returns DROP TYPE.
func (d *postgresDialect) DropEnum(e *model.EnumType) ([]string, error) {
	b := newBuilder(d)
	b.raw("DROP TYPE ").qualified(e.Schema, e.Name)
	return one(d.wrap(b.stmt()))
}

// CreateSequence returns CREATE SEQUENCE with the sequence's options,
// including OWNED BY when OwnedBy is set (the owning table must exist;
// CreateAll sets the owner after creating the tables).
func (d *postgresDialect) CreateSequence(s *model.Sequence) ([]string, error) {
	b := newBuilder(d)
	b.raw("CREATE SEQUENCE ").qualified(s.Schema, s.Name)
	switch s.As {
	case "":
	case "smallint", "integer", "bigint":
		b.raw(" AS ", s.As)
	default:
		b.fail(fmt.Errorf("sequence %q: data type %q must be smallint, integer or bigint", s.Name, s.As))
	}
	num := func(kw string, n int64) { b.raw(" ", kw, " ", strconv.FormatInt(n, 10)) }
	if s.Increment != 0 {
		num("INCREMENT BY", s.Increment)
	}
	if s.MinValue != nil {
		num("MINVALUE", *s.MinValue)
	}
	if s.MaxValue != nil {
		num("MAXVALUE", *s.MaxValue)
	}
	if s.Start != 0 {
		num("START WITH", s.Start)
	}
	if s.Cache != 0 {
		num("CACHE", s.Cache)
	}
	if s.Cycle {
		b.raw(" CYCLE")
	}
	if s.OwnedBy != "" {
		d.ownedBy(b, s)
	}
	out, err := one(d.wrap(b.stmt()))
	if err != nil || s.Comment == "" {
		return out, err
	}
	c, err := d.commentOn("SEQUENCE", s.Schema, s.Name, "", s.Comment)
	return append(out, c), err
}

// setSequenceOwner returns ALTER SEQUENCE … OWNED BY table.column, or
// OWNED BY NONE when s.OwnedBy is empty; see sequenceOwnership.
func (d *postgresDialect) setSequenceOwner(s *model.Sequence) ([]string, error) {
	b := newBuilder(d)
	b.raw("ALTER SEQUENCE ").qualified(s.Schema, s.Name)
	if s.OwnedBy == "" {
		b.raw(" OWNED BY NONE")
	} else {
		d.ownedBy(b, s)
	}
	return one(d.wrap(b.stmt()))
}

// ownedBy appends OWNED BY schema.table.column. OwnedBy is "table.column"
// in the sequence's schema; the column is what follows the last dot.
func (d *postgresDialect) ownedBy(b *builder, s *model.Sequence) {
	dot := strings.LastIndexByte(s.OwnedBy, '.')
	if dot <= 0 || dot == len(s.OwnedBy)-1 {
		b.fail(fmt.Errorf("sequence %q: OwnedBy %q must be \"table.column\"", s.Name, s.OwnedBy))
		return
	}
	b.raw(" OWNED BY ").qualified(s.Schema, s.OwnedBy[:dot]).raw(".").ident(s.OwnedBy[dot+1:])
}

// DropSequence returns DROP SEQUENCE.
func (d *postgresDialect) DropSequence(s *model.Sequence) ([]string, error) {
	b := newBuilder(d)
	b.raw("DROP SEQUENCE ").qualified(s.Schema, s.Name)
	return one(d.wrap(b.stmt()))
}

// CreateView returns CREATE VIEW name AS definition; the definition is
// the user's SELECT, passed through without a trailing semicolon.
func (d *postgresDialect) CreateView(v *model.View) ([]string, error) {
	def := strings.TrimRight(strings.TrimSpace(v.Definition), "; \t\r\n")
	if def == "" {
		return nil, fmt.Errorf("postgres: view %q has no definition", v.Name)
	}
	s := viewSupport{checkOption: true, securityInvoker: d.version >= 150000, securityBarrier: true, columnComments: true, columnDefaults: true}
	if err := checkViewOptions(d, v, s); err != nil {
		return nil, err
	}
	var opts []string
	if v.SecurityBarrier {
		opts = append(opts, "security_barrier = true")
	}
	if v.SecurityInvoker {
		opts = append(opts, "security_invoker = true")
	}
	b := newBuilder(d)
	b.createView(v, def, "", strings.Join(opts, ", "))
	out, err := one(d.wrap(b.stmt()))
	if err != nil {
		return nil, err
	}
	if v.Comment != "" {
		c, err := d.commentOn("VIEW", v.Schema, v.Name, "", v.Comment)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for _, col := range slices.Sorted(maps.Keys(v.ColumnDefaults)) {
		b := newBuilder(d)
		b.raw("ALTER VIEW ").qualified(v.Schema, v.Name).raw(" ALTER COLUMN ").ident(col).raw(" SET DEFAULT ", v.ColumnDefaults[col])
		c, err := d.wrap(b.stmt())
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for _, col := range slices.Sorted(maps.Keys(v.ColumnComments)) {
		c, err := d.commentOn("COLUMN", v.Schema, v.Name, col, v.ColumnComments[col])
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// DropView returns DROP VIEW.
func (d *postgresDialect) DropView(v *model.View) ([]string, error) {
	b := newBuilder(d)
	b.raw("DROP VIEW ").qualified(v.Schema, v.Name)
	return one(d.wrap(b.stmt()))
}
