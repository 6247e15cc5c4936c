package dialect

import (
	"fmt"
	"strings"

	"github.com/migratego/migrate/model"
)

// definitionStatement returns a definition's own SQL, trimmed and without
// a final semicolon: the statement that creates the object.
func definitionStatement(d Dialect, def *model.Definition) (string, error) {
	s := strings.TrimSpace(def.SQL)
	s = strings.TrimSpace(strings.TrimSuffix(s, ";"))
	if s == "" {
		return "", fmt.Errorf("%s: %s has no SQL", d.Name(), def.Identity())
	}
	return s, nil
}

// checkDefinitionSettings refuses the settings of def that the dialect
// cannot apply: a firing state (PostgreSQL triggers and event triggers)
// or a sql_mode (MySQL/MariaDB).
func checkDefinitionSettings(d Dialect, def *model.Definition, firing, sqlMode bool) error {
	if def.Firing != "" && (!firing || (def.Kind != model.DefTrigger && def.Kind != model.DefEventTrigger)) {
		return Unsupported(d.Name(), def.Identity(), "a firing state ("+string(def.Firing)+")", "")
	}
	if def.SQLMode != "" && !sqlMode {
		return Unsupported(d.Name(), def.Identity(), "a sql_mode", "")
	}
	return nil
}

// kindFeature names a kind of definition as the feature of an
// *UnsupportedError: "a function", "an event trigger".
func kindFeature(k model.DefinitionKind) string {
	name := strings.ReplaceAll(string(k), "_", " ")
	if name == "" {
		return "a definition without a kind"
	}
	if strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// dropSpec says how a dialect drops a definition of one kind: DROP keyword
// name, with the argument list of a function, or ON its table.
type dropSpec struct {
	keyword string
	// signature appends (Signature); onTable appends ON schema.table.
	signature, onTable bool
	// unqualified names the object without its schema (PostgreSQL event
	// triggers, triggers and rules, which live in their table's schema).
	unqualified bool
	// operator names a PostgreSQL operator: its schema, quoted, and its
	// symbol as it is (see operatorName).
	operator bool
	// cast names a PostgreSQL cast: (source AS target), its Name.
	cast bool
	// using appends USING and the access method (Signature) of a
	// PostgreSQL operator family or class.
	using bool
}

// dropDefinition renders DROP for def with the dialect's specs; a kind
// without a spec is unsupported on the dialect.
func dropDefinition(d Dialect, specs map[model.DefinitionKind]dropSpec, def *model.Definition) ([]string, error) {
	spec, ok := specs[def.Kind]
	if !ok {
		return nil, Unsupported(d.Name(), def.Identity(), kindFeature(def.Kind), "")
	}
	b := newBuilder(d)
	b.raw("DROP ", spec.keyword, " ")
	spec.writeObject(b, def)
	return one(b.stmt())
}

// writeObject writes how DROP and COMMENT ON name def: its (qualified)
// name, then the signature and the table where the kind needs them.
func (spec dropSpec) writeObject(b *builder, def *model.Definition) {
	switch {
	case spec.cast:
		b.raw("(", def.Name, ")")
	case spec.operator:
		operatorName(b, def.Schema, def.Name)
	case spec.unqualified:
		b.ident(def.Name)
	default:
		b.qualified(def.Schema, def.Name)
	}
	if spec.signature {
		sig := def.Signature
		if sig == "" {
			// A routine the model declares without its signature: the
			// argument list of its own CREATE statement.
			sig = routineArguments(def.SQL)
		}
		b.raw("(", sig, ")")
	}
	if spec.onTable {
		b.raw(" ON ").qualified(def.Schema, def.Table)
	}
	if spec.using {
		b.raw(" USING ").ident(def.Signature)
	}
}

// DefinitionReplacer is implemented by dialects that can replace some
// definitions in place (CREATE OR REPLACE FUNCTION: on PostgreSQL while
// the signature stays, keeping the objects that depend on them; on
// MariaDB in one statement). Without it, or when it reports false,
// a definition is replaced by dropping it and creating it again.
type DefinitionReplacer interface {
	// ReplaceDefinition returns the statements that turn from into to, two
	// definitions of one object, and true; or false when this definition
	// must be dropped and created again.
	ReplaceDefinition(from, to *model.Definition) ([]string, bool, error)
}

var _ DefinitionReplacer = (*postgresDialect)(nil)
