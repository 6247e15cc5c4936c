package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/migratego/migrate/internal/project"
	"github.com/migratego/migrate/scriptdir"
)

// generateRevision writes a new revision file (project.Scripts.Generate)
// and prints "  Generating <path> ...  done"
// as Alembic does. sqlSet tells that --sql-file was given; else the
// project decides.
func generateRevision(app *App, n scriptdir.NewRevision, sqlSet bool) error {
	s, err := app.proj.LoadScripts(true)
	if err != nil {
		return err
	}
	n.BranchLabels, n.DependsOn = splitFlagList(n.BranchLabels), splitFlagList(n.DependsOn)
	gen, err := s.Generate(n, sqlSet)
	if err != nil {
		return generateError(s, n.Op, err)
	}
	res := gen.JSON()
	return app.Result(res, res.Write)
}

// generateError classifies an error of writing revision files (revision,
// merge, squash): a bad request or file name template is a usage error,
// anything else a failure.
func generateError(s *project.Scripts, op string, err error) error {
	var inputErr *scriptdir.InputError
	var tmplErr *scriptdir.TemplateError
	switch {
	case errors.As(err, &tmplErr):
		return Usage(fmt.Errorf("%s: %w (fix file_template in %s)", op, tmplErr.Err, s.Config.Name()))
	case errors.As(err, &inputErr):
		return Usage(err)
	}
	return Failure(err)
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
