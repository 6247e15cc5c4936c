package dialect

import (
	"math"
	"slices"
	"strings"

	"github.com/migratego/migrate/model"
)

// normalizeTable puts a table in MySQL's canonical form, so that a declared
// model and an inspected one compare equal. Both sides of a comparison go
// through Normalize, so each rule maps equivalent spellings onto one:
//
//   - a primary key has no name (MySQL always calls it PRIMARY);
//   - RESTRICT is the default referential action (InnoDB treats it as NO
//     ACTION, and MariaDB reports an unspecified action as RESTRICT);
//   - an identity column is an AUTO_INCREMENT column, which is how it was
//     created (its start lives in the table's AUTO_INCREMENT option, a
//     counter rather than part of the schema);
//   - an enum is inline (ENUM('a','b')): it has no type name or schema;
//   - on InnoDB, index methods btree and hash are the default (InnoDB builds
//     a B-tree for both), and ENGINE=InnoDB is the default engine; on
//     MEMORY, hash is the default;
//   - a unique index whose keys are whole ascending columns, with the
//     default method, is a unique constraint (MySQL cannot tell them apart:
//     a UNIQUE constraint is such an index);
//   - an index named like a foreign key, on exactly its columns, is the one
//     InnoDB creates by itself for the key, and is left out, unless another
//     key of the table starts with those columns (see InnoDBForeignKeyIndex);
//   - DEFAULT NULL is no default; a literal default has the Go type the
//     column calls for (float64 for numeric, real and double; bool for
//     boolean; int64 for integers);
//   - the one key of an index on a TEXT or BLOB column without a prefix
//     length has the longest prefix InnoDB allows, as MariaDB makes it (see
//     mysqlWholePrefixes);
//   - string literals in expressions are spelled as Literal spells them (a
//     quote doubled or backslash-escaped is the same quote), since the
//     server prints them its own way: a rule of CanonicalExpr, which
//     Normalize applies to every expression.
func (d *mysqlDialect) normalizeTable(t *model.Table) {
	if t.PrimaryKey != nil {
		t.PrimaryKey.Name = ""
	}
	for _, fk := range t.ForeignKeys {
		if fk.OnDelete == model.Restrict {
			fk.OnDelete = ""
		}
		if fk.OnUpdate == model.Restrict {
			fk.OnUpdate = ""
		}
	}
	for _, c := range t.Columns {
		if c.Type.Kind == model.KindEnum {
			c.Type.EnumName, c.Type.EnumSchema = "", ""
		}
		if c.Identity != nil && !c.Identity.Always {
			c.Identity = nil
			c.AutoIncrement = true
		}
	}
	innodb := true
	for k, v := range t.Options {
		if strings.EqualFold(strings.TrimSpace(k), "ENGINE") {
			innodb = strings.EqualFold(v, "InnoDB")
			if innodb {
				delete(t.Options, k)
			}
		}
	}
	if len(t.Options) == 0 {
		t.Options = nil
	}
	memory := false
	for k, v := range t.Options {
		if strings.EqualFold(strings.TrimSpace(k), "ENGINE") {
			memory = strings.EqualFold(v, "MEMORY") || strings.EqualFold(v, "HEAP")
		}
	}
	for _, ix := range t.Indexes {
		if innodb && (ix.Method == "btree" || ix.Method == "hash") || memory && ix.Method == "hash" {
			ix.Method = ""
		}
	}
	for _, c := range t.Columns {
		c.Default = mysqlNormalDefault(c.Type, c.Default)
	}
	for _, ix := range t.Indexes {
		mysqlWholePrefixes(t, ix)
	}
	var keep []*model.Index
	for _, ix := range t.Indexes {
		switch {
		case ix.Unique && ix.Method == "" && ix.Where == "" && len(ix.Include) == 0 && !ix.Invisible && ix.Comment == "" && mysqlPlainKeys(ix):
			t.Uniques = append(t.Uniques, &model.Unique{Name: ix.Name, Columns: ix.Columns()})
		case InnoDBForeignKeyIndex(t, ix):
		default:
			keep = append(keep, ix)
		}
	}
	t.Indexes = keep
}

// innoDBMaxPrefix is the longest index key prefix InnoDB takes, in bytes
// (DYNAMIC and COMPRESSED row formats).
const innoDBMaxPrefix = 3072

// mysqlWholePrefixes gives the one key of an index on a TEXT or BLOB
// column without a prefix length the longest prefix InnoDB allows, which MariaDB gives it when
// it creates the index (768 characters of utf8mb4 text); MySQL refuses
// such a key. A length is only stated for a character set known from the
// column's collation, utf8mb4 when it has none.
func mysqlWholePrefixes(t *model.Table, ix *model.Index) {
	if len(ix.Parts) != 1 {
		// The prefixes of several keys share the limit: what the server
		// makes of them is not this rule's to guess.
		return
	}
	for i := range ix.Parts {
		p := &ix.Parts[i]
		if p.Column == "" || p.Length != 0 {
			continue
		}
		c := t.Column(p.Column)
		if c == nil {
			continue
		}
		switch {
		case c.Type.Kind == model.KindBinary && c.Type.Length == 0:
			p.Length = innoDBMaxPrefix
		case c.Type.Kind == model.KindText:
			if n := mysqlCharBytes(c.Collation); n > 0 {
				p.Length = innoDBMaxPrefix / n
			}
		}
	}
}

// mysqlCharBytes returns the longest character of a collation's character
// set in bytes (utf8mb4 for no collation), or 0 when unknown.
func mysqlCharBytes(collation string) int {
	cs, _, _ := strings.Cut(strings.ToLower(collation), "_")
	switch cs {
	case "", "utf8mb4":
		return 4
	case "utf8mb3", "utf8":
		return 3
	case "latin1", "ascii", "binary":
		return 1
	}
	return 0
}

// mysqlPlainKeys reports whether every key of ix is a whole column in
// ascending order.
func mysqlPlainKeys(ix *model.Index) bool {
	for _, p := range ix.Parts {
		if p.Column == "" || p.Expr != "" || p.Desc || p.Length != 0 {
			return false
		}
	}
	return len(ix.Parts) > 0
}

// InnoDBForeignKeyIndex reports whether ix is the index InnoDB creates by
// itself for a foreign key of t: the key's name, on exactly its columns,
// ascending, non-unique, with the default method, and no other key of the
// table (primary key, unique constraint, index) starting with those
// columns. InnoDB creates that index only when no key can serve the
// foreign key, and drops it when one is added later; so when another key
// starts with the columns, an index named like the foreign key was
// declared, and is kept (recreating the table would otherwise lose it).
// The inspector leaves the automatic index out, and Normalize does the
// same to a declared model.
func InnoDBForeignKeyIndex(t *model.Table, ix *model.Index) bool {
	if ix.Unique || ix.Method != "" || ix.Where != "" || len(ix.Include) > 0 || !mysqlPlainKeys(ix) {
		return false
	}
	for _, fk := range t.ForeignKeys {
		if fk.Name == ix.Name && slices.Equal(fk.Columns, ix.Columns()) {
			return !mysqlOtherKeyCovers(t, ix, fk.Columns)
		}
	}
	return false
}

// mysqlOtherKeyCovers reports whether a key of t other than ix starts with
// cols (whole columns, in order), so that it can serve a foreign key.
func mysqlOtherKeyCovers(t *model.Table, ix *model.Index, cols []string) bool {
	leads := func(keyCols []string) bool {
		return len(keyCols) >= len(cols) && slices.Equal(keyCols[:len(cols)], cols)
	}
	if t.PrimaryKey != nil && leads(t.PrimaryKey.Columns) {
		return true
	}
	for _, u := range t.Uniques {
		if leads(u.Columns) {
			return true
		}
	}
	for _, other := range t.Indexes {
		if other == ix || other.Method == "fulltext" || other.Method == "spatial" {
			continue
		}
		var whole []string
		for _, p := range other.Parts {
			if p.Column == "" || p.Length != 0 {
				break
			}
			whole = append(whole, p.Column)
		}
		if leads(whole) {
			return true
		}
	}
	return false
}

// mysqlNormalDefault returns a default in canonical form: nil for DEFAULT
// NULL, literals of the Go type the column type calls for, string
// literals in expressions spelled by Literal (by CanonicalExpr).
func mysqlNormalDefault(t model.Type, df *model.Default) *model.Default {
	if df == nil {
		return nil
	}
	if df.Expr != "" {
		if df.Expr == "null" || strings.EqualFold(strings.TrimSpace(df.Expr), "NULL") {
			return nil
		}
		return &model.Default{Expr: df.Expr}
	}
	switch v := df.Literal.(type) {
	case nil:
		return nil
	case int64:
		switch {
		case t.Kind == model.KindNumeric || t.Kind == model.KindReal || t.Kind == model.KindDouble:
			return &model.Default{Literal: float64(v)}
		case t.Kind == model.KindBoolean && (v == 0 || v == 1):
			return &model.Default{Literal: v == 1}
		}
	case float64:
		if t.IsInteger() && v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return &model.Default{Literal: int64(v)}
		}
	case bool:
		if t.IsInteger() {
			n := int64(0)
			if v {
				n = 1
			}
			return &model.Default{Literal: n}
		}
	}
	return df
}
