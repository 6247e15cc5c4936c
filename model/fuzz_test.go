package model

import (
	"reflect"
	"testing"
)

func FuzzParseType(f *testing.F) {
	for _, s := range []string{"varchar(10)", "numeric(10, 2)", "enum m('a','b''c')", "timestamp(3) with time zone", "int[]", "enum(", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		typ := ParseType(s)
		if typ.Kind == KindInvalid {
			t.Fatalf("ParseType(%q) is invalid", s)
		}
		// Whatever was read prints to a spelling that reads back the same.
		if again := ParseType(typ.String()); typ.Kind != KindRaw && !again.Equal(typ) {
			t.Fatalf("ParseType(%q) = %#v, but its String %q reads as %#v", s, typ, typ.String(), again)
		}
	})
}

func FuzzStructTag(f *testing.F) {
	for _, s := range []string{"id,pk,autoincrement", "email,type=varchar(255),unique,default='x'", "org_id,fk=orgs.id,ondelete=cascade", "-", ",comment='a, b'", "a,check=(", "x,index=a,index=b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tag string) {
		v := reflect.New(reflect.StructOf([]reflect.StructField{
			{Name: "A", Type: reflect.TypeFor[int64](), Tag: reflect.StructTag(`migrate:"` + escapeTag(tag) + `"`)},
			{Name: "B", Type: reflect.TypeFor[*string]()},
		})).Interface()
		tab, err := TableFromStruct(v, WithTableName("t")) // must not panic
		if err == nil && tab.Validate() != nil {
			t.Fatalf("tag %q gave an invalid table: %v", tag, tab.Validate())
		}
	})
}

func escapeTag(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return string(out)
}
