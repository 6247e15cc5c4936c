package model

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/migratego/migrate/internal/suggest"
)

// TableNamer is implemented by structs that choose their table name.
// TableFromStruct calls TableName on a pointer to a copy of the value given
// (or to a zero value when given a nil pointer), so both value and pointer
// receivers work.
type TableNamer interface {
	TableName() string
}

// StructOption configures TableFromStruct and MetaData.AddStruct.
type StructOption func(*structConfig)

type structConfig struct {
	schema  string
	name    string
	comment string
}

// WithSchema puts the table in a schema (a PostgreSQL schema or a MySQL
// database). The default is empty: the connection's default schema.
func WithSchema(schema string) StructOption {
	return func(c *structConfig) { c.schema = schema }
}

// WithTableName names the table, overriding both the TableName method and
// the name derived from the struct type.
func WithTableName(name string) StructOption {
	return func(c *structConfig) { c.name = name }
}

// WithTableComment sets the table comment.
func WithTableComment(comment string) StructOption {
	return func(c *structConfig) { c.comment = comment }
}

// StructError reports a struct that cannot become a table: a value that is
// not a struct, a field whose Go type has no column type, or a bad tag.
type StructError struct {
	// Struct is the Go type name of the struct.
	Struct string
	// Field is the field path ("Email", or "Base.ID" for a field of an
	// embedded struct); empty when the struct as a whole is at fault.
	Field string
	// Option is the tag option at fault ("type", "fk", …), if any.
	Option string
	Err    error
}

// Error implements the error interface.
func (e *StructError) Error() string {
	var b strings.Builder
	switch {
	case e.Struct == "":
		b.WriteString("model: TableFromStruct")
	case e.Field == "":
		b.WriteString("model: struct " + e.Struct)
	default:
		b.WriteString("model: field " + e.Struct + "." + e.Field)
	}
	if e.Option != "" {
		fmt.Fprintf(&b, " option %q", e.Option)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *StructError) Unwrap() error { return e.Err }

// AddStruct builds a table from a struct with TableFromStruct and appends
// it to m. Named enum types used by its columns are added to m.Enums unless
// an enum of that name is already there with the same values; different
// values, or a table of the same name already in m, are errors and leave m
// unchanged.
func (m *MetaData) AddStruct(v any, opts ...StructOption) (*Table, error) {
	t, err := TableFromStruct(v, opts...)
	if err != nil {
		return nil, err
	}
	if m.Table(t.Schema, t.Name) != nil {
		return nil, fmt.Errorf("model: table %q is already in the model", t.QualifiedName())
	}
	var enums []*EnumType
	for _, c := range t.Columns {
		if c.Type.Kind != KindEnum || c.Type.EnumName == "" {
			continue
		}
		e := m.Enum(c.Type.EnumSchema, c.Type.EnumName)
		if e == nil {
			for _, n := range enums {
				if n.Schema == c.Type.EnumSchema && n.Name == c.Type.EnumName {
					e = n
				}
			}
		}
		if e == nil {
			enums = append(enums, &EnumType{Schema: c.Type.EnumSchema, Name: c.Type.EnumName, Values: slices.Clone(c.Type.Values)})
			continue
		}
		if !slices.Equal(e.Values, c.Type.Values) {
			return nil, fmt.Errorf("model: table %q column %q: enum type %q has values %q, but the model already declares %q",
				t.QualifiedName(), c.Name, qualified(e.Schema, e.Name), c.Type.Values, e.Values)
		}
	}
	m.Enums = append(m.Enums, enums...)
	m.Tables = append(m.Tables, t)
	return t, nil
}

// TableFromStruct builds a table from a struct value, a pointer to one, or
// a nil pointer of the struct's type such as (*User)(nil). See the package
// documentation for the tag grammar and the Go type mapping. Every problem
// is returned as an error (a *StructError for problems with the struct);
// TableFromStruct never panics.
func TableFromStruct(v any, opts ...StructOption) (*Table, error) {
	var cfg structConfig
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if v == nil {
		return nil, &StructError{Err: errors.New("got nil, want a struct or a pointer to one")}
	}
	rv := reflect.ValueOf(v)
	st := rv.Type()
	for depth := 0; st.Kind() == reflect.Pointer && depth < maxPointerDepth; depth++ {
		st = st.Elem()
	}
	if st.Kind() != reflect.Struct {
		return nil, &StructError{Err: fmt.Errorf("got %s, want a struct or a pointer to one", rv.Type())}
	}
	b := &structBuilder{
		structName: st.Name(),
		table:      &Table{Schema: cfg.schema, Comment: cfg.comment},
		columns:    map[string]string{},
		groups:     map[string]*groupRef{},
		fks:        map[string]*ForeignKey{},
		visiting:   map[reflect.Type]bool{},
	}
	if b.structName == "" { // an anonymous struct: name it by its table
		b.structName = cmp.Or(cfg.name, "(anonymous)")
	}
	name, err := tableName(rv, st, cfg)
	if err != nil {
		return nil, &StructError{Struct: b.structName, Err: err}
	}
	b.table.Name = name
	if err := b.addFields(st, ""); err != nil {
		return nil, err
	}
	if len(b.table.Columns) == 0 {
		return nil, &StructError{Struct: b.structName, Err: errors.New("has no columns (no exported fields)")}
	}
	if len(b.pk) > 0 {
		b.table.PrimaryKey = &PrimaryKey{Columns: b.pk}
	}
	if err := b.table.Validate(); err != nil {
		return nil, err // names the table; a safety net behind the checks above
	}
	return b.table, nil
}

// tableName picks the table name: the option, the TableName method, or the
// snake_case type name.
func tableName(rv reflect.Value, st reflect.Type, cfg structConfig) (name string, err error) {
	if cfg.name != "" {
		return cfg.name, nil
	}
	p := reflect.New(st)
	for depth := 0; rv.Kind() == reflect.Pointer && !rv.IsNil() && depth < maxPointerDepth; depth++ {
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.Struct {
		p.Elem().Set(rv)
	}
	if n, ok := p.Interface().(TableNamer); ok {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("TableName panicked: %v", r)
			}
		}()
		if name = n.TableName(); name == "" {
			return "", errors.New("TableName returned an empty name")
		}
		return name, nil
	}
	base := st.Name()
	if i := strings.IndexByte(base, '['); i >= 0 {
		base = base[:i] // a generic type: Row[int] → row
	}
	if base == "" {
		return "", errors.New("an anonymous struct needs WithTableName")
	}
	return SnakeCase(base), nil
}

// SnakeCase converts a Go identifier to snake_case, keeping initialisms
// together: "OrgID" → "org_id", "HTTPRequest" → "http_request",
// "V2Name" → "v2_name". It names columns and tables made from structs.
func SnakeCase(s string) string {
	runes := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i, r := range runes {
		if unicode.IsUpper(r) && i > 0 {
			prev := runes[i-1]
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// groupRef is a composite index or unique constraint being collected from
// several fields; kind is the option that opened it.
type groupRef struct {
	kind   string
	index  *Index
	unique *Unique
}

// structBuilder collects one table from a struct's fields.
type structBuilder struct {
	structName string
	table      *Table
	columns    map[string]string // column name → field path that declared it
	pk         []string
	groups     map[string]*groupRef   // named index/unique groups
	fks        map[string]*ForeignKey // named foreign-key groups (fkname=)
	visiting   map[reflect.Type]bool  // embedded structs being flattened
}

func (b *structBuilder) fail(field, option string, format string, args ...any) error {
	return &StructError{Struct: b.structName, Field: field, Option: option, Err: fmt.Errorf(format, args...)}
}

// addFields adds the columns of the fields of st; prefix is the field path
// of an embedded struct ("Base.").
func (b *structBuilder) addFields(st reflect.Type, prefix string) error {
	if b.visiting[st] {
		return b.fail(strings.TrimSuffix(prefix, "."), "", "embedded struct %s contains itself", st)
	}
	b.visiting[st] = true
	defer delete(b.visiting, st)
	for i := range st.NumField() {
		f := st.Field(i)
		if !f.Anonymous && !f.IsExported() {
			continue
		}
		path := prefix + f.Name
		raw, hasTag := f.Tag.Lookup(TagKey)
		if raw == "-" {
			continue
		}
		tag, err := parseTag(raw)
		if err != nil {
			return b.fail(path, "", "tag %q: %w", raw, err)
		}
		if f.Anonymous {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			_, _, mapped := goColumnType(f.Type)
			if et.Kind() == reflect.Struct && !mapped && tag.name == "" {
				if hasTag && len(tag.options) > 0 {
					return b.fail(path, tag.options[0].key, "an embedded struct is flattened into its fields and takes no options; give it a column name to store it as one column")
				}
				if err := b.addFields(et, path+"."); err != nil {
					return err
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if err := b.addColumn(f, path, tag); err != nil {
			return err
		}
	}
	return nil
}

// optionKinds says which options take a value: "no", "yes" or "maybe".
// Options marked repeat may appear more than once in one tag.
var optionKinds = map[string]struct {
	value  string
	repeat bool
}{
	"pk":            {value: "no"},
	"autoincrement": {value: "no"},
	"identity":      {value: "maybe"},
	"null":          {value: "no"},
	"notnull":       {value: "no"},
	"type":          {value: "yes"},
	"default":       {value: "yes"},
	"comment":       {value: "yes"},
	"collate":       {value: "yes"},
	"unique":        {value: "maybe", repeat: true},
	"uniqueindex":   {value: "maybe", repeat: true},
	"index":         {value: "maybe", repeat: true},
	"check":         {value: "yes", repeat: true},
	"fk":            {value: "yes"},
	"fkname":        {value: "yes"},
	"ondelete":      {value: "yes"},
	"onupdate":      {value: "yes"},
	"generated":     {value: "yes"},
	"stored":        {value: "no"},
	"renamed":       {value: "yes"},
}

// optionAliases are the names other mappers (SQLAlchemy, GORM, Alembic
// habits) give to options of the tag grammar, for the hint of an unknown
// option.
var optionAliases = map[string]string{
	"primary": "pk", "primary_key": "pk", "primarykey": "pk",
	"auto_increment": "autoincrement", "serial": "autoincrement",
	"nullable": "null", "not_null": "notnull", "not null": "notnull",
	"server_default": "default", "collation": "collate",
	"foreign_key": "fk", "foreignkey": "fk", "references": "fk",
	"unique_index": "uniqueindex",
	"renamed_from": "renamed", "renamedfrom": "renamed", "rename": "renamed",
}

// suggestOption returns the option an unknown key was probably meant to
// be: its usual name elsewhere, or a known option a typo away.
func suggestOption(key string) string {
	if s, ok := optionAliases[strings.ToLower(key)]; ok {
		return s
	}
	known := make([]string, 0, len(optionKinds))
	for k := range optionKinds {
		known = append(known, k)
	}
	slices.Sort(known)
	return suggest.Closest(key, known)
}

// addColumn adds one field as a column, with the constraints its tag asks for.
func (b *structBuilder) addColumn(f reflect.StructField, path string, tag parsedTag) error {
	name := tag.name
	if name == "" {
		name = SnakeCase(f.Name)
	}
	if prev, dup := b.columns[name]; dup {
		return b.fail(path, "", "column %q is already declared by field %s.%s", name, b.structName, prev)
	}
	typ, nullable, mapped := goColumnType(f.Type)
	col := &Column{Name: name, Type: typ, Nullable: nullable}

	// First pass: syntax of every option, and the flags.
	opts := map[string]tagOption{}
	for _, o := range tag.options {
		kind, known := optionKinds[o.key]
		switch {
		case !known:
			if s := suggestOption(o.key); s != "" {
				return b.fail(path, o.key, "unknown tag option: did you mean %q? (see the model package documentation)", s)
			}
			return b.fail(path, o.key, "unknown tag option (see the model package documentation)")
		case kind.value == "no" && o.hasValue:
			return b.fail(path, o.key, "takes no value, got %q", o.value)
		case kind.value == "yes" && o.value == "":
			return b.fail(path, o.key, "needs a value, as in %s=…", o.key)
		}
		if _, again := opts[o.key]; again && !kind.repeat {
			return b.fail(path, o.key, "is given twice")
		}
		opts[o.key] = o
	}
	has := func(k string) bool { _, ok := opts[k]; return ok }

	if o, ok := opts["type"]; ok {
		col.Type = ParseType(o.value)
	} else if !mapped {
		return b.fail(path, "", "Go type %s has no column type; add a type= option, as in `migrate:\"%s,type=jsonb\"`", f.Type, name)
	}
	_, pk := opts["pk"]
	switch {
	case has("null") && has("notnull"):
		return b.fail(path, "null", "conflicts with notnull")
	case pk && has("null"):
		return b.fail(path, "null", "a primary key column cannot be null")
	case has("null"):
		col.Nullable = true
	case has("notnull"), pk:
		col.Nullable = false
	}
	if pk {
		b.pk = append(b.pk, name)
	}
	if has("autoincrement") {
		if !col.Type.IsInteger() {
			return b.fail(path, "autoincrement", "needs an integer column, not %s", col.Type)
		}
		col.AutoIncrement = true
	}
	if o, ok := opts["identity"]; ok {
		if !col.Type.IsInteger() {
			return b.fail(path, "identity", "needs an integer column, not %s", col.Type)
		}
		if col.AutoIncrement {
			return b.fail(path, "identity", "conflicts with autoincrement")
		}
		switch strings.ToLower(strings.NewReplacer(" ", "", "_", "").Replace(o.value)) {
		case "", "bydefault":
			col.Identity = &Identity{}
		case "always":
			col.Identity = &Identity{Always: true}
		default:
			return b.fail(path, "identity", "got %q, want always or bydefault", o.value)
		}
	}
	if o, ok := opts["default"]; ok {
		col.Default = parseDefault(o.value)
	}
	if o, ok := opts["comment"]; ok {
		col.Comment = unquote(o.value)
	}
	if o, ok := opts["collate"]; ok {
		col.Collation = unquote(o.value)
	}
	if o, ok := opts["renamed"]; ok {
		col.RenamedFrom = unquote(o.value)
	}
	if o, ok := opts["generated"]; ok {
		if col.Default != nil {
			return b.fail(path, "generated", "a generated column cannot have a default")
		}
		col.Generated = &Generated{Expr: o.value, Stored: has("stored")}
	} else if has("stored") {
		return b.fail(path, "stored", "needs generated=…")
	}

	// Second pass, in tag order: constraints and indexes, repeatable.
	for _, o := range tag.options {
		switch o.key {
		case "unique", "uniqueindex", "index":
			if err := b.addToGroup(path, name, o); err != nil {
				return err
			}
		case "check":
			b.table.Checks = append(b.table.Checks, &Check{Expr: o.value})
		}
	}
	if err := b.addForeignKey(path, name, opts); err != nil {
		return err
	}
	b.columns[name] = path
	b.table.Columns = append(b.table.Columns, col)
	return nil
}

// addToGroup handles unique, uniqueindex and index, with or without a
// group name.
func (b *structBuilder) addToGroup(path, column string, o tagOption) error {
	group := unquote(o.value)
	if group == "" {
		switch o.key {
		case "unique":
			b.table.Uniques = append(b.table.Uniques, &Unique{Columns: []string{column}})
		default:
			b.table.Indexes = append(b.table.Indexes, &Index{Unique: o.key == "uniqueindex", Parts: Cols(column)})
		}
		return nil
	}
	g, ok := b.groups[group]
	switch {
	case !ok:
		g = &groupRef{kind: o.key}
		if o.key == "unique" {
			g.unique = &Unique{Name: group}
			b.table.Uniques = append(b.table.Uniques, g.unique)
		} else {
			g.index = &Index{Name: group, Unique: o.key == "uniqueindex"}
			b.table.Indexes = append(b.table.Indexes, g.index)
		}
		b.groups[group] = g
	case g.kind != o.key:
		return b.fail(path, o.key, "name %q is already used by %s=%s", group, g.kind, group)
	}
	if g.unique != nil {
		if slices.Contains(g.unique.Columns, column) {
			return b.fail(path, o.key, "column %q is already in %q", column, group)
		}
		g.unique.Columns = append(g.unique.Columns, column)
		return nil
	}
	if slices.Contains(g.index.Columns(), column) {
		return b.fail(path, o.key, "column %q is already in %q", column, group)
	}
	g.index.Parts = append(g.index.Parts, IndexPart{Column: column})
	return nil
}

// addForeignKey handles fk, fkname, ondelete and onupdate.
func (b *structBuilder) addForeignKey(path, column string, opts map[string]tagOption) error {
	target, ok := opts["fk"]
	if !ok {
		for _, k := range []string{"fkname", "ondelete", "onupdate"} {
			if _, set := opts[k]; set {
				return b.fail(path, k, "needs fk=table.column")
			}
		}
		return nil
	}
	schema, table, refCol, ok := parseFKTarget(target.value)
	if !ok {
		return b.fail(path, "fk", "got %q, want table.column or schema.table.column", target.value)
	}
	var actions [2]FKAction
	for i, k := range []string{"ondelete", "onupdate"} {
		if o, set := opts[k]; set {
			a, valid := parseFKAction(o.value)
			if !valid {
				return b.fail(path, k, "got %q, want cascade, restrict, setnull, setdefault or noaction", o.value)
			}
			actions[i] = a
		}
	}
	name := unquote(opts["fkname"].value)
	fk := b.fks[name]
	if fk == nil || name == "" {
		fk = &ForeignKey{Name: name, RefSchema: schema, RefTable: table, OnDelete: actions[0], OnUpdate: actions[1]}
		b.table.ForeignKeys = append(b.table.ForeignKeys, fk)
		if name != "" {
			b.fks[name] = fk
		}
	} else {
		if fk.RefSchema != schema || fk.RefTable != table {
			return b.fail(path, "fk", "foreign key %q references %s on an earlier field, not %s",
				name, qualified(fk.RefSchema, fk.RefTable), qualified(schema, table))
		}
		for i, p := range []*FKAction{&fk.OnDelete, &fk.OnUpdate} {
			switch {
			case actions[i] == "":
			case *p == "":
				*p = actions[i]
			case *p != actions[i]:
				return b.fail(path, []string{"ondelete", "onupdate"}[i], "foreign key %q already has %s", name, *p)
			}
		}
	}
	fk.Columns = append(fk.Columns, column)
	fk.RefColumns = append(fk.RefColumns, refCol)
	return nil
}
