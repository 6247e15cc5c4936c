package model

import (
	"slices"
	"testing"
)

// TestDefinitionSplitStatements: a text search configuration's SQL is its
// CREATE and one statement per mapping line; other kinds, and a ";"
// inside a configuration's statement that does not start a mapping line,
// stay one statement.
func TestDefinitionSplitStatements(t *testing.T) {
	for _, tc := range []struct {
		name string
		def  Definition
		want []string
	}{
		{"function", Definition{Kind: DefFunction, SQL: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$SELECT 1;\nALTER TEXT SEARCH CONFIGURATION x$$"},
			[]string{"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$SELECT 1;\nALTER TEXT SEARCH CONFIGURATION x$$"}},
		{"configuration without mappings", Definition{Kind: DefTextSearchConfiguration, SQL: `CREATE TEXT SEARCH CONFIGURATION "c" (PARSER = "default")`},
			[]string{`CREATE TEXT SEARCH CONFIGURATION "c" (PARSER = "default")`}},
		{"configuration", Definition{Kind: DefTextSearchConfiguration, SQL: "CREATE TEXT SEARCH CONFIGURATION \"a;b\" (PARSER = \"default\");\n" +
			"ALTER TEXT SEARCH CONFIGURATION \"a;b\" ADD MAPPING FOR word WITH simple;\n" +
			"ALTER TEXT SEARCH CONFIGURATION \"a;b\" ADD MAPPING FOR hword WITH unaccent, simple"},
			[]string{"CREATE TEXT SEARCH CONFIGURATION \"a;b\" (PARSER = \"default\")",
				"ALTER TEXT SEARCH CONFIGURATION \"a;b\" ADD MAPPING FOR word WITH simple",
				"ALTER TEXT SEARCH CONFIGURATION \"a;b\" ADD MAPPING FOR hword WITH unaccent, simple"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.def.SplitStatements(); !slices.Equal(got, tc.want) {
				t.Errorf("SplitStatements() = %q, want %q", got, tc.want)
			}
		})
	}
}
