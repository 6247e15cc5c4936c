package project

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// NotUpToDateError says that the database is not at the heads of the
// revision graph, so that comparing it with the model would write again
// what the revisions it has not applied already do (Alembic's "Target
// database is not up to date").
type NotUpToDateError struct {
	// Rows are the version table's rows and Heads the graph's heads,
	// both sorted.
	Rows, Heads []string
}

// Error implements the error interface.
func (e *NotUpToDateError) Error() string {
	return fmt.Sprintf("the database is not up to date: it is at %s, the revisions' heads are %s; run `migrate upgrade heads` first "+
		"(compared with the model, the changes of the revisions it has not applied would count as differences and be written again)",
		versions.DescribeRows(e.Rows), versions.DescribeRows(e.Heads))
}

// CheckUpToDate returns a *NotUpToDateError (an *InputError) unless db, the project's
// database, is at the heads of the project's revisions (as `current
// --check-heads` says), for autogenerate and check. A partly applied
// revision is not up to date either, and a version table naming a
// revision no file defines is its *runner.UnknownRevisionError (an
// *InputError). It only reads: a missing version table is base, and
// without a script directory (check --model from anywhere) there is no
// revision to be behind, so any database is up to date.
func (p *Project) CheckUpToDate(ctx context.Context, db *dialect.DB) error {
	var scripts []*scriptdir.Script
	s, err := p.load(true, true) // a version location not made yet holds no revision
	var noDir *scriptdir.ScriptDirError
	switch {
	case err == nil:
		scripts = s.Dir.Scripts
	case errors.As(err, &noDir) && errors.Is(noDir.Err, fs.ErrNotExist):
		// No script directory (check --model anywhere): no revisions to
		// be behind, whatever another checkout applied to this database.
		return nil
	default:
		return err
	}
	r, err := p.ReadRunner(db, scripts)
	if err != nil {
		return err
	}
	rep, err := r.Report(ctx, scriptdir.ShownPath)
	if err != nil {
		return err
	}
	if rep.Unknown != nil {
		return input(rep.Unknown) // the database is newer than the revision files
	}
	if rep.AtHeads && rep.Partial == nil {
		return nil
	}
	return input(&NotUpToDateError{Rows: rep.Rows, Heads: rep.Heads})
}
