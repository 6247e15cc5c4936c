package model

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
)

// NamingConvention gives unnamed constraints and indexes stable names, so
// that a later revision can drop or alter them by name. Patterns use
// Alembic/SQLAlchemy tokens:
//
//	%(table_name)s             the table
//	%(column_0_name)s          the first column (an expression key reads
//	                           "expr_" and eight hex digits of its hash)
//	%(column_0_N_name)s        all columns joined by "_"
//	%(column_0_label)s         table_column0
//	%(referred_table_name)s    foreign keys: the referenced table
//	%(referred_column_0_name)s foreign keys: the first referenced column
//	%(constraint_name)s        the constraint's own name; for an unnamed check,
//	                           eight hex digits of a hash of its expression
//
// Names longer than MaxIdentifierLength bytes are shortened to a prefix plus
// "_" and eight hex digits of a hash of the full name, so they stay stable
// and unique.
type NamingConvention struct {
	PrimaryKey string `json:"pk,omitempty"`
	ForeignKey string `json:"fk,omitempty"`
	Unique     string `json:"uq,omitempty"`
	Check      string `json:"ck,omitempty"`
	Index      string `json:"ix,omitempty"`
}

// MaxIdentifierLength is the longest generated name: PostgreSQL's limit,
// one byte under MySQL's.
const MaxIdentifierLength = 63

// DefaultNaming is used for every pattern a MetaData's Naming leaves empty.
var DefaultNaming = NamingConvention{
	PrimaryKey: "pk_%(table_name)s",
	ForeignKey: "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
	Unique:     "uq_%(table_name)s_%(column_0_N_name)s",
	Check:      "ck_%(table_name)s_%(constraint_name)s",
	Index:      "ix_%(table_name)s_%(column_0_N_name)s",
}

func (n NamingConvention) withDefaults() NamingConvention {
	pick := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	return NamingConvention{
		PrimaryKey: pick(n.PrimaryKey, DefaultNaming.PrimaryKey),
		ForeignKey: pick(n.ForeignKey, DefaultNaming.ForeignKey),
		Unique:     pick(n.Unique, DefaultNaming.Unique),
		Check:      pick(n.Check, DefaultNaming.Check),
		Index:      pick(n.Index, DefaultNaming.Index),
	}
}

// ApplyNaming names every unnamed primary key, foreign key, unique and check
// constraint and index of every table, in place. Named objects are left alone.
func (m *MetaData) ApplyNaming() {
	for _, t := range m.Tables {
		m.Naming.Apply(t)
	}
}

// Apply names the unnamed constraints and indexes of one table, in place.
// A generated name that another constraint or index of the table already
// has (two unnamed foreign keys on one column, as SQLite allows) gets a
// suffix _2, _3, … in the order of the table's lists, so that every name
// of the table stays unique.
func (n NamingConvention) Apply(t *Table) {
	n = n.withDefaults()
	used := tableNames(t)
	name := func(generated string) string {
		base := generated
		for i := 2; used[generated]; i++ {
			generated = TruncateName(fmt.Sprintf("%s_%d", base, i))
		}
		used[generated] = true
		return generated
	}
	if pk := t.PrimaryKey; pk != nil && pk.Name == "" {
		pk.Name = name(n.render(n.PrimaryKey, t, pk.Columns, nil, ""))
	}
	for _, fk := range t.ForeignKeys {
		if fk.Name == "" {
			fk.Name = name(n.render(n.ForeignKey, t, fk.Columns, fk, ""))
		}
	}
	for _, u := range t.Uniques {
		if u.Name == "" {
			u.Name = name(n.render(n.Unique, t, u.Columns, nil, ""))
		}
	}
	for _, c := range t.Checks {
		if c.Name == "" {
			c.Name = name(n.render(n.Check, t, nil, nil, shortHash(c.Expr)))
		}
	}
	for _, ix := range t.Indexes {
		if ix.Name == "" {
			cols := make([]string, len(ix.Parts))
			for i, p := range ix.Parts {
				cols[i] = p.Column
				if p.Column == "" {
					cols[i] = "expr_" + shortHash(p.Expr)
				}
			}
			ix.Name = name(n.render(n.Index, t, cols, nil, ""))
		}
	}
}

// tableNames returns the names the constraints and indexes of t already
// have.
func tableNames(t *Table) map[string]bool {
	used := map[string]bool{}
	add := func(name string) {
		if name != "" {
			used[name] = true
		}
	}
	if t.PrimaryKey != nil {
		add(t.PrimaryKey.Name)
	}
	for _, fk := range t.ForeignKeys {
		add(fk.Name)
	}
	for _, u := range t.Uniques {
		add(u.Name)
	}
	for _, c := range t.Checks {
		add(c.Name)
	}
	for _, ix := range t.Indexes {
		add(ix.Name)
	}
	return used
}

func (n NamingConvention) render(pattern string, t *Table, cols []string, fk *ForeignKey, constraint string) string {
	first := ""
	if len(cols) > 0 {
		first = cols[0]
	}
	pairs := []string{
		"%(table_name)s", t.Name,
		"%(column_0_name)s", first,
		"%(column_0_N_name)s", strings.Join(cols, "_"),
		"%(column_0_label)s", t.Name + "_" + first,
		"%(constraint_name)s", constraint,
	}
	if fk != nil {
		ref := ""
		if len(fk.RefColumns) > 0 {
			ref = fk.RefColumns[0]
		}
		pairs = append(pairs, "%(referred_table_name)s", fk.RefTable, "%(referred_column_0_name)s", ref)
	}
	return TruncateName(strings.NewReplacer(pairs...).Replace(pattern))
}

// TruncateName shortens a generated name to MaxIdentifierLength bytes,
// keeping it unique with a hash suffix, and never splitting a UTF-8 rune.
func TruncateName(name string) string {
	if len(name) <= MaxIdentifierLength {
		return name
	}
	suffix := "_" + shortHash(name)
	cut := MaxIdentifierLength - len(suffix)
	for cut > 0 && !isRuneStart(name[cut]) {
		cut--
	}
	return name[:cut] + suffix
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func shortHash(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:4])
}
