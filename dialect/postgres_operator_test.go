package dialect

import (
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
)

// TestPostgresOperatorStatements: an operator is dropped and commented on
// by its schema, quoted, its symbol, bare, and its argument types; a name
// that is no operator symbol is refused, never written into SQL.
func TestPostgresOperatorStatements(t *testing.T) {
	d := Postgres()
	op := func(schema, name, sig string) *model.Definition {
		return &model.Definition{Kind: model.DefOperator, Schema: schema, Name: name, Signature: sig,
			SQL: "CREATE OPERATOR " + name + " (FUNCTION = f, LEFTARG = text, RIGHTARG = text)", Comment: "it's"}
	}
	tests := []struct {
		def        *model.Definition
		drop, note string
	}{
		{op("", "|||", "text, text"), `DROP OPERATOR |||(text, text)`, `COMMENT ON OPERATOR |||(text, text) IS 'it''s'`},
		{op("app", "=~=", "text, text"), `DROP OPERATOR "app".=~=(text, text)`, `COMMENT ON OPERATOR "app".=~=(text, text) IS 'it''s'`},
		{op("Odd", "~-", "NONE, integer"), `DROP OPERATOR "Odd".~-(NONE, integer)`, `COMMENT ON OPERATOR "Odd".~-(NONE, integer) IS 'it''s'`},
	}
	for _, tt := range tests {
		drop, err := d.DropDefinition(tt.def)
		if err != nil || len(drop) != 1 || drop[0] != tt.drop {
			t.Errorf("drop %s: %q, %v; want %q", tt.def.Identity(), drop, err, tt.drop)
		}
		create, err := d.CreateDefinition(tt.def)
		if err != nil || len(create) != 2 || create[1] != tt.note {
			t.Errorf("create %s: %q, %v; want the comment %q", tt.def.Identity(), create, err, tt.note)
		}
	}
	for _, name := range []string{"|||; DROP TABLE x", "abc", `"|||"`, ""} {
		if s, err := d.DropDefinition(op("", name, "text, text")); err == nil || !strings.Contains(err.Error(), "operator name") {
			t.Errorf("drop operator %q: %q, %v; want an error naming the operator name", name, s, err)
		}
	}
}
