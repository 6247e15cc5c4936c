package cli

import (
	"strings"

	"github.com/migratego/migrate/scriptdir"
)

// generateRevision writes a new revision file (project.Scripts.Generate)
// and prints "  Generating <path> ...  done" as Alembic does. sqlSet
// tells that --sql-file was given; else the project decides.
func generateRevision(app *App, n scriptdir.NewRevision, sqlSet bool) error {
	s, err := app.proj.LoadScripts(true)
	if err != nil {
		return err
	}
	n.BranchLabels, n.DependsOn = splitFlagList(n.BranchLabels), splitFlagList(n.DependsOn)
	gen, err := s.Generate(n, sqlSet)
	if err != nil {
		return err
	}
	res := gen.JSON()
	return app.Result(res, res.Write)
}

// splitFlagList splits the values of a repeatable flag at commas. The
// flags are string arrays, not cobra's CSV-parsed slices, which keep only
// the first line of a value with a newline ("a\nb" became "a").
func splitFlagList(vals []string) []string {
	var out []string
	for _, v := range vals {
		out = append(out, strings.Split(v, ",")...)
	}
	return out
}
