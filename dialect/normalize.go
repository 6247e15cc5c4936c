package dialect

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/migratego/migrate/model"
)

// normalizer is implemented by dialects with database-specific canonical
// forms (MySQL's primary keys are all called PRIMARY, PostgreSQL's
// autoincrement is an identity, …). It runs after the generic rules.
type normalizer interface {
	normalizeTable(t *model.Table)
}

// Normalize returns a copy of md in the canonical form for d: the form an
// inspector reports after md has been created on the database. Comparing
// Normalize(d, declared) with Normalize(d, inspected) is exact: synonyms,
// implied defaults and spelling differences never show as changes.
//
// Generic rules: the naming convention is applied; each type becomes
// ParseType(RenderType(type)); primary-key columns are NOT NULL; the
// default referential action (NO ACTION) is the empty action; a foreign key
// to the table's own schema has an empty RefSchema; identity and sequence
// parameters equal to their defaults are zero; expressions (checks, index
// keys and predicates, generated columns, expression defaults) are put in
// canonical text by CanonicalExpr. The dialect then applies its own rules.
func Normalize(d Dialect, md *model.MetaData) *model.MetaData {
	md = md.Clone()
	md.ApplyNaming()
	n, _ := d.(normalizer)
	for _, t := range md.Tables {
		normalizeTable(d, t)
		if n != nil {
			n.normalizeTable(t)
		}
	}
	for _, s := range md.Sequences {
		if s.Start == 1 {
			s.Start = 0
		}
		if s.Increment == 1 {
			s.Increment = 0
		}
		if s.Cache == 1 {
			s.Cache = 0
		}
	}
	return md
}

func normalizeTable(d Dialect, t *model.Table) {
	pk := map[string]bool{}
	if t.PrimaryKey != nil {
		for _, c := range t.PrimaryKey.Columns {
			pk[c] = true
		}
	}
	for _, c := range t.Columns {
		// Enum types keep their values, which a rendered PostgreSQL type
		// name does not carry; the dialect's own rules settle their shape.
		if c.Type.Kind != model.KindEnum {
			if s, err := d.RenderType(c.Type); err == nil {
				c.Type = d.ParseType(s)
			}
		}
		if pk[c.Name] {
			c.Nullable = false
		}
		if c.Identity != nil {
			if c.Identity.Start == 1 {
				c.Identity.Start = 0
			}
			if c.Identity.Increment == 1 {
				c.Identity.Increment = 0
			}
		}
		if c.Generated != nil {
			c.Generated.Expr = CanonicalExpr(c.Generated.Expr)
		}
		if c.Default != nil && c.Default.Expr != "" {
			c.Default.Expr = CanonicalExpr(c.Default.Expr)
		}
	}
	for _, fk := range t.ForeignKeys {
		if fk.OnDelete == model.NoAction {
			fk.OnDelete = ""
		}
		if fk.OnUpdate == model.NoAction {
			fk.OnUpdate = ""
		}
		if fk.RefSchema == t.Schema {
			fk.RefSchema = ""
		}
	}
	for _, c := range t.Checks {
		c.Expr = CanonicalExpr(c.Expr)
	}
	for _, ix := range t.Indexes {
		ix.Method = strings.ToLower(ix.Method)
		ix.Where = CanonicalExpr(ix.Where)
		for i := range ix.Parts {
			ix.Parts[i].Expr = CanonicalExpr(ix.Parts[i].Expr)
		}
	}
}

// CanonicalExpr puts an SQL expression in a canonical text so that the
// spelling a user wrote and the spelling a database prints back compare
// equal: outside string literals it lower-cases, drops white space,
// parentheses and identifier quotes ("x", `x`), and PostgreSQL casts
// of literals to their own type ('a'::text, 0::numeric, (0)::integer).
// It is a comparison key, never SQL to execute.
func CanonicalExpr(s string) string {
	var b strings.Builder
	rs := []rune(strings.TrimSpace(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\'':
			// A string literal is kept verbatim, except that a number in
			// quotes followed by a cast ('-1'::integer) is the number.
			start := i
			for i++; i < len(rs); i++ {
				if rs[i] == '\'' {
					if i+1 < len(rs) && rs[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
			lit := string(rs[start:min(i+1, len(rs))])
			inner := strings.Trim(lit, "'")
			if i+2 < len(rs) && rs[i+1] == ':' && rs[i+2] == ':' && isNumber(inner) {
				lit = inner
			}
			b.WriteString(lit)
		case r == ':' && i+1 < len(rs) && rs[i+1] == ':':
			// Drop a cast: ::name, ::name(args), ::name name (e.g.
			// "character varying"), ::name[].
			i += 2
			for i < len(rs) && (isWordRune(rs[i]) || rs[i] == ' ' && i+1 < len(rs) && isWordRune(rs[i+1]) && castContinues(rs, i+1) || rs[i] == '"') {
				i++
			}
			if i < len(rs) && rs[i] == '(' {
				for i < len(rs) && rs[i] != ')' {
					i++
				}
				i++
			}
			for i+1 < len(rs) && rs[i] == '[' && rs[i+1] == ']' {
				i += 2
			}
			i--
		case r == '"' || r == '`':
			// A quoted identifier is kept verbatim without its quotes, so
			// that quotes and apostrophes inside it are not read as string
			// literals ("it's" is the name it's). Brackets are not quotes
			// here: PostgreSQL prints ARRAY[…] and subscripts with them.
			closing := r
			for i++; i < len(rs); i++ {
				if rs[i] == closing {
					if i+1 < len(rs) && rs[i+1] == closing {
						i++
						b.WriteRune(closing)
						continue
					}
					break
				}
				b.WriteRune(rs[i])
			}
		case r == '(' || r == ')' || unicode.IsSpace(r):
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// castContinues reports whether the word starting at i continues a
// multi-word type name (character varying, double precision, time zone…).
func castContinues(rs []rune, i int) bool {
	for _, w := range []string{"varying", "precision", "with", "without", "time", "zone"} {
		if strings.HasPrefix(strings.ToLower(string(rs[i:min(len(rs), i+len(w)+1)])), w) {
			return true
		}
	}
	return false
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
