package model

import (
	"fmt"
	"reflect"
)

// StructField is one column of a struct as TableFromStruct maps it: the
// column name and the field's index path (through flattened embedded
// structs), for reflect.Value.FieldByIndex.
type StructField struct {
	Column string
	Index  []int
}

// StructFields lists the columns of struct type st (or a pointer to one)
// the way TableFromStruct names them: the migrate tag's name, or the field
// name in snake_case; embedded structs flattened, fields tagged "-" and
// unexported fields left out. Readers of rows (package query) use it to
// scan a row into the struct that declares the table.
func StructFields(st reflect.Type) ([]StructField, error) {
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s is not a struct", st)
	}
	var out []StructField
	seen := map[string]string{}
	if err := structFields(st, nil, "", map[reflect.Type]bool{}, seen, &out); err != nil {
		return nil, &StructError{Struct: st.String(), Err: err}
	}
	return out, nil
}

// structFields appends the columns of st's fields; index and prefix are
// the path of an embedded struct.
func structFields(st reflect.Type, index []int, prefix string, visiting map[reflect.Type]bool, seen map[string]string, out *[]StructField) error {
	if visiting[st] {
		return fmt.Errorf("embedded struct %s contains itself", st)
	}
	visiting[st] = true
	defer delete(visiting, st)
	for i := range st.NumField() {
		f := st.Field(i)
		if !f.Anonymous && !f.IsExported() {
			continue
		}
		raw := f.Tag.Get(TagKey)
		if raw == "-" {
			continue
		}
		tag, err := parseTag(raw)
		if err != nil {
			return fmt.Errorf("field %s: tag %q: %w", prefix+f.Name, raw, err)
		}
		path := append(append([]int(nil), index...), i)
		if f.Anonymous {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if _, _, mapped := goColumnType(f.Type); et.Kind() == reflect.Struct && !mapped && tag.name == "" {
				if err := structFields(et, path, prefix+f.Name+".", visiting, seen, out); err != nil {
					return err
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		name := tag.name
		if name == "" {
			name = SnakeCase(f.Name)
		}
		if prev, dup := seen[name]; dup {
			return fmt.Errorf("column %q is declared by fields %s and %s", name, prev, prefix+f.Name)
		}
		seen[name] = prefix + f.Name
		*out = append(*out, StructField{Column: name, Index: path})
	}
	return nil
}
