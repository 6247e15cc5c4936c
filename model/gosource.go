package model

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// This file renders model objects as Go expressions that build them, for
// generated code: `migrate inspect --format go` and the operations of
// revision files. The output is valid Go, not yet gofmt'd; callers run
// go/format over the whole file.

// GoSource returns the shortest model expression that builds t, such as
// model.Integer, model.Varchar(20) or model.Type{Kind: …}.
func (t Type) GoSource() string {
	switch t.Kind {
	case KindVarchar:
		return fmt.Sprintf("model.Varchar(%d)", t.Length)
	case KindChar:
		return fmt.Sprintf("model.Char(%d)", t.Length)
	case KindNumeric:
		return fmt.Sprintf("model.Numeric(%d, %d)", t.Precision, t.Scale)
	case KindRaw:
		return fmt.Sprintf("model.Raw(%s)", goQuote(t.Raw))
	case KindEnum:
		if t.EnumSchema == "" {
			args := []string{goQuote(t.EnumName)}
			for _, v := range t.Values {
				args = append(args, goQuote(v))
			}
			return "model.Enum(" + strings.Join(args, ", ") + ")"
		}
	}
	if n, ok := simpleTypeVars[t.Kind]; ok && t.Equal(Type{Kind: t.Kind}) {
		return "model." + n
	}
	// Everything else spelled out field by field.
	var f []string
	f = append(f, "Kind: model.Kind"+kindConsts[t.Kind])
	if t.Length != 0 {
		f = append(f, fmt.Sprintf("Length: %d", t.Length))
	}
	if t.Precision != 0 {
		f = append(f, fmt.Sprintf("Precision: %d", t.Precision))
	}
	if t.Scale != 0 {
		f = append(f, fmt.Sprintf("Scale: %d", t.Scale))
	}
	if t.WithTimezone {
		f = append(f, "WithTimezone: true")
	}
	if t.EnumName != "" {
		f = append(f, "EnumName: "+goQuote(t.EnumName))
	}
	if t.EnumSchema != "" {
		f = append(f, "EnumSchema: "+goQuote(t.EnumSchema))
	}
	if len(t.Values) > 0 {
		f = append(f, "Values: "+goStrings(t.Values))
	}
	if t.Raw != "" {
		f = append(f, "Raw: "+goQuote(t.Raw))
	}
	return "model.Type{" + strings.Join(f, ", ") + "}"
}

// simpleTypeVars names the package variables of the parameterless types.
var simpleTypeVars = map[TypeKind]string{
	KindSmallInt: "SmallInt", KindInteger: "Integer", KindBigInt: "BigInt",
	KindBoolean: "Boolean", KindText: "Text", KindReal: "Real", KindDouble: "Double",
	KindDate: "Date", KindInterval: "Interval", KindJSON: "JSON", KindJSONB: "JSONB",
	KindUUID: "UUID",
}

// kindConsts holds the identifier suffix of each TypeKind constant.
var kindConsts = map[TypeKind]string{
	KindInvalid:  "Invalid",
	KindSmallInt: "SmallInt", KindInteger: "Integer", KindBigInt: "BigInt",
	KindBoolean: "Boolean", KindVarchar: "Varchar", KindChar: "Char", KindText: "Text",
	KindNumeric: "Numeric", KindReal: "Real", KindDouble: "Double", KindDate: "Date",
	KindTime: "Time", KindTimestamp: "Timestamp", KindInterval: "Interval",
	KindJSON: "JSON", KindJSONB: "JSONB", KindUUID: "UUID", KindBinary: "Binary",
	KindEnum: "Enum", KindRaw: "Raw", KindNone: "None",
}

// GoSource returns model.DefaultExpr(…) or model.DefaultLiteral(…); a nil
// default is "nil".
func (d *Default) GoSource() string {
	if d == nil {
		return "nil"
	}
	if d.Expr != "" {
		return "model.DefaultExpr(" + goQuote(d.Expr) + ")"
	}
	switch v := d.Literal.(type) {
	case string:
		return "model.DefaultLiteral(" + goQuote(v) + ")"
	case bool:
		return fmt.Sprintf("model.DefaultLiteral(%t)", v)
	case int64:
		return fmt.Sprintf("model.DefaultLiteral(int64(%d))", v)
	case int:
		return fmt.Sprintf("model.DefaultLiteral(%d)", v)
	case float64:
		return "model.DefaultLiteral(float64(" + strconv.FormatFloat(v, 'g', -1, 64) + "))"
	case nil:
		return "model.DefaultLiteral(nil)"
	}
	return "model.DefaultLiteral(" + goQuote(fmt.Sprint(d.Literal)) + ")"
}

// GoSource returns &model.Identity{…} with the fields that are set (the
// database's defaults are zero: &model.Identity{} is BY DEFAULT, start
// and increment 1); a nil identity is "nil".
func (id *Identity) GoSource() string {
	if id == nil {
		return "nil"
	}
	var fields []string
	if id.Always {
		fields = append(fields, "Always: true")
	}
	if id.Start != 0 {
		fields = append(fields, fmt.Sprintf("Start: %d", id.Start))
	}
	if id.Increment != 0 {
		fields = append(fields, fmt.Sprintf("Increment: %d", id.Increment))
	}
	return "&model.Identity{" + strings.Join(fields, ", ") + "}"
}

// GoSource returns &model.Generated{…}; a nil clause is "nil".
func (g *Generated) GoSource() string {
	if g == nil {
		return "nil"
	}
	return fmt.Sprintf("&model.Generated{Expr: %s, Stored: %t}", goQuote(g.Expr), g.Stored)
}

// GoSource returns the model constant of a referential action
// (model.Cascade), or model.FKAction("…") for an unknown one.
func (a FKAction) GoSource() string {
	if c, ok := actionConsts[a]; ok {
		return "model." + c
	}
	return "model.FKAction(" + goQuote(string(a)) + ")"
}

var actionConsts = map[FKAction]string{
	NoAction: "NoAction", Restrict: "Restrict", Cascade: "Cascade",
	SetNull: "SetNull", SetDefault: "SetDefault",
}

// GoSource returns &model.Column{…}.
func (c *Column) GoSource() string {
	if c == nil {
		return "nil"
	}
	return "&model.Column{" + c.goFields() + "}"
}

// goFields returns the fields of a column literal, without braces.
func (c *Column) goFields() string {
	var f goFields
	f.str("Name", c.Name)
	f.add("Type", c.Type.GoSource())
	f.flag("Nullable", c.Nullable)
	if c.Default != nil {
		f.add("Default", c.Default.GoSource())
	}
	if c.Identity != nil {
		f.add("Identity", c.Identity.GoSource())
	}
	f.flag("AutoIncrement", c.AutoIncrement)
	if c.Generated != nil {
		f.add("Generated", c.Generated.GoSource())
	}
	f.optStr("Comment", c.Comment)
	f.optStr("Collation", c.Collation)
	f.optStr("CollationSchema", c.CollationSchema)
	f.optStr("RenamedFrom", c.RenamedFrom)
	f.flag("Invisible", c.Invisible)
	return f.String()
}

// GoSource returns &model.PrimaryKey{…}.
func (pk *PrimaryKey) GoSource() string {
	if pk == nil {
		return "nil"
	}
	var f goFields
	f.optStr("Name", pk.Name)
	f.add("Columns", goStrings(pk.Columns))
	f.optStr("Comment", pk.Comment)
	return "&model.PrimaryKey{" + f.String() + "}"
}

// GoSource returns &model.ForeignKey{…}.
func (fk *ForeignKey) GoSource() string {
	if fk == nil {
		return "nil"
	}
	return "&model.ForeignKey{" + fk.goFields() + "}"
}

func (fk *ForeignKey) goFields() string {
	var f goFields
	f.optStr("Name", fk.Name)
	f.add("Columns", goStrings(fk.Columns))
	f.optStr("RefSchema", fk.RefSchema)
	f.str("RefTable", fk.RefTable)
	f.add("RefColumns", goStrings(fk.RefColumns))
	if fk.OnDelete != "" {
		f.add("OnDelete", fk.OnDelete.GoSource())
	}
	if fk.OnUpdate != "" {
		f.add("OnUpdate", fk.OnUpdate.GoSource())
	}
	f.flag("Deferrable", fk.Deferrable)
	f.flag("InitiallyDeferred", fk.InitiallyDeferred)
	f.flag("NotValid", fk.NotValid)
	f.optStr("Comment", fk.Comment)
	return f.String()
}

// GoSource returns &model.Unique{…}.
func (u *Unique) GoSource() string {
	if u == nil {
		return "nil"
	}
	return "&model.Unique{" + u.goFields() + "}"
}

func (u *Unique) goFields() string {
	var f goFields
	f.optStr("Name", u.Name)
	f.add("Columns", goStrings(u.Columns))
	f.flag("NullsNotDistinct", u.NullsNotDistinct)
	f.flag("Deferrable", u.Deferrable)
	f.flag("InitiallyDeferred", u.InitiallyDeferred)
	f.optStr("Comment", u.Comment)
	f.optStr("OnConflict", u.OnConflict)
	return f.String()
}

// GoSource returns &model.Check{…}.
func (c *Check) GoSource() string {
	if c == nil {
		return "nil"
	}
	return "&model.Check{" + c.goFields() + "}"
}

func (c *Check) goFields() string {
	var f goFields
	f.optStr("Name", c.Name)
	f.str("Expr", c.Expr)
	f.optStr("Comment", c.Comment)
	return f.String()
}

// GoSource returns &model.Index{…}.
func (ix *Index) GoSource() string {
	if ix == nil {
		return "nil"
	}
	return "&model.Index{" + ix.goFields() + "}"
}

func (ix *Index) goFields() string {
	var f goFields
	f.optStr("Name", ix.Name)
	f.flag("Unique", ix.Unique)
	parts := make([]string, len(ix.Parts))
	for i, p := range ix.Parts {
		parts[i] = p.goSource()
	}
	f.add("Parts", "[]model.IndexPart{"+strings.Join(parts, ", ")+"}")
	f.optStr("Where", ix.Where)
	f.optStr("Method", ix.Method)
	if len(ix.Include) > 0 {
		f.add("Include", goStrings(ix.Include))
	}
	f.flag("NullsNotDistinct", ix.NullsNotDistinct)
	f.flag("Invisible", ix.Invisible)
	f.optStr("Comment", ix.Comment)
	return f.String()
}

// goSource returns {Column: …} or {Expr: …}, the element of an IndexPart
// slice literal.
func (p IndexPart) goSource() string {
	var f goFields
	if p.Column != "" {
		f.str("Column", p.Column)
	} else {
		f.str("Expr", p.Expr)
	}
	f.flag("Desc", p.Desc)
	if p.Nulls != "" {
		f.add("Nulls", p.Nulls.GoSource())
	}
	if p.Length > 0 {
		f.add("Length", strconv.Itoa(p.Length))
	}
	f.optStr("Collation", p.Collation)
	f.optStr("CollationSchema", p.CollationSchema)
	f.optStr("Opclass", p.Opclass)
	f.optStr("OpclassParams", p.OpclassParams)
	return "{" + f.String() + "}"
}

// GoSource returns &model.Table{…} over several lines, with every column,
// constraint, index and option.
func (t *Table) GoSource() string {
	if t == nil {
		return "nil"
	}
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	b.WriteString("&model.Table{\n")
	if t.Schema != "" {
		line("Schema: %s,", goQuote(t.Schema))
	}
	line("Name: %s,", goQuote(t.Name))
	if t.Comment != "" {
		line("Comment: %s,", goQuote(t.Comment))
	}
	if t.WithoutRowID {
		line("WithoutRowID: true,")
	}
	if t.Strict {
		line("Strict: true,")
	}
	if t.RowSecurity {
		line("RowSecurity: true,")
	}
	if t.ForceRowSecurity {
		line("ForceRowSecurity: true,")
	}
	if t.PartitionBy != nil {
		line("PartitionBy: %s,", t.PartitionBy.GoSource())
	}
	if t.PartitionOf != nil {
		line("PartitionOf: %s,", t.PartitionOf.GoSource())
	}
	if t.RenamedFrom != "" {
		line("RenamedFrom: %s,", goQuote(t.RenamedFrom))
	}
	if t.Columns != nil {
		line("Columns: []*model.Column{")
		for _, c := range t.Columns {
			line("{%s},", c.goFields())
		}
		line("},")
	}
	if t.PrimaryKey != nil {
		line("PrimaryKey: %s,", t.PrimaryKey.GoSource())
	}
	if len(t.ForeignKeys) > 0 {
		line("ForeignKeys: []*model.ForeignKey{")
		for _, fk := range t.ForeignKeys {
			line("{%s},", fk.goFields())
		}
		line("},")
	}
	if len(t.Uniques) > 0 {
		line("Uniques: []*model.Unique{")
		for _, u := range t.Uniques {
			line("{%s},", u.goFields())
		}
		line("},")
	}
	if len(t.Checks) > 0 {
		line("Checks: []*model.Check{")
		for _, c := range t.Checks {
			line("{%s},", c.goFields())
		}
		line("},")
	}
	if len(t.Indexes) > 0 {
		line("Indexes: []*model.Index{")
		for _, ix := range t.Indexes {
			line("{%s},", ix.goFields())
		}
		line("},")
	}
	if len(t.Exclusions) > 0 {
		line("Exclusions: []*model.Exclusion{")
		for _, ex := range t.Exclusions {
			line("{%s},", ex.goFields())
		}
		line("},")
	}
	if len(t.Options) > 0 {
		keys := make([]string, 0, len(t.Options))
		for k := range t.Options {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("Options: map[string]string{")
		for _, k := range keys {
			fmt.Fprintf(&b, "%s: %s, ", goQuote(k), goQuote(t.Options[k]))
		}
		b.WriteString("},\n")
	}
	b.WriteString("}")
	return b.String()
}

// GoSource returns &model.EnumType{…}.
func (e *EnumType) GoSource() string {
	if e == nil {
		return "nil"
	}
	var f goFields
	f.optStr("Schema", e.Schema)
	f.str("Name", e.Name)
	f.add("Values", goStrings(e.Values))
	return "&model.EnumType{" + f.String() + "}"
}

// GoSource returns &model.View{…}.
func (v *View) GoSource() string {
	if v == nil {
		return "nil"
	}
	var f goFields
	f.optStr("Schema", v.Schema)
	f.str("Name", v.Name)
	f.str("Definition", v.Definition)
	if len(v.Columns) > 0 {
		f.add("Columns", goStrings(v.Columns))
	}
	f.optStr("Comment", v.Comment)
	f.stringMap("ColumnComments", v.ColumnComments)
	f.stringMap("ColumnDefaults", v.ColumnDefaults)
	f.optStr("CheckOption", v.CheckOption)
	f.flag("SecurityInvoker", v.SecurityInvoker)
	f.flag("SecurityBarrier", v.SecurityBarrier)
	f.optStr("Algorithm", v.Algorithm)
	if len(v.DependsOn) > 0 {
		f.add("DependsOn", goObjectNames(v.DependsOn))
	}
	return "&model.View{" + f.String() + "}"
}

// goFields collects "Key: value" pairs of a composite literal.
type goFields []string

func (f *goFields) add(key, value string) { *f = append(*f, key+": "+value) }

// str adds a string field, even when empty.
func (f *goFields) str(key, v string) { f.add(key, goQuote(v)) }

// optStr adds a string field unless it is empty.
func (f *goFields) optStr(key, v string) {
	if v != "" {
		f.str(key, v)
	}
}

// stringMap adds a map[string]string field, keys sorted, unless it is
// empty.
func (f *goFields) stringMap(key string, m map[string]string) {
	if len(m) == 0 {
		return
	}
	keys := slices.Sorted(maps.Keys(m))
	pairs := make([]string, len(keys))
	for i, k := range keys {
		pairs[i] = goQuote(k) + ": " + goQuote(m[k])
	}
	f.add(key, "map[string]string{"+strings.Join(pairs, ", ")+"}")
}

// flag adds a bool field when it is true.
func (f *goFields) flag(key string, v bool) {
	if v {
		f.add(key, "true")
	}
}

func (f goFields) String() string { return strings.Join(f, ", ") }

func goQuote(s string) string { return strconv.Quote(s) }

// goStrings renders []string{"a", "b"}.
func goStrings(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = goQuote(s)
	}
	return "[]string{" + strings.Join(parts, ", ") + "}"
}
