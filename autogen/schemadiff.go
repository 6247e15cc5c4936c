package autogen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// SchemaDDL renders md as the DDL script that `migrate inspect --format
// sql` prints, in the canonical form of d (dialect.Normalize), with tables
// sorted by name so that two schemas render comparably.
func SchemaDDL(d dialect.Dialect, md *model.MetaData) (string, error) {
	return schemaDDL(d, dialect.Normalize(d, md))
}

// schemaDDL renders a normalised model.
func schemaDDL(d dialect.Dialect, n *model.MetaData) (string, error) {
	n = n.Clone()
	slices.SortStableFunc(n.Tables, func(a, b *model.Table) int {
		return cmp.Or(cmp.Compare(a.Schema, b.Schema), cmp.Compare(a.Name, b.Name))
	})
	return ddlScript(d, n)
}

// SchemaDiff returns a unified diff of the DDL of the two schemas as
// Compare sees them with opts (normalised, the tables opts leaves out
// removed, constraints of current named by target's naming convention):
// the database's (current, labelled fromName) versus the model's (target,
// labelled toName). Equal DDL gives "".
func SchemaDiff(current, target *model.MetaData, opts Options, fromName, toName string) (string, error) {
	d := opts.Dialect
	named := *current
	named.Naming = target.Naming
	a, err := schemaDDL(d, opts.filterTables(dialect.Normalize(d, &named)))
	if err != nil {
		return "", err
	}
	b, err := schemaDDL(d, opts.filterTables(dialect.Normalize(d, target)))
	if err != nil {
		return "", err
	}
	text, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: ddlLines(a), B: ddlLines(b),
		FromFile: fromName, ToFile: toName, Context: 3,
	})
	if err != nil {
		return "", fmt.Errorf("autogen: schema diff: %w", err)
	}
	return text, nil
}

// ddlLines splits a DDL script into lines for the diff, without the empty
// line that ends the script: an empty schema has no lines.
func ddlLines(script string) []string {
	script = strings.TrimRight(script, "\n")
	if script == "" {
		return nil
	}
	return difflib.SplitLines(script)
}
