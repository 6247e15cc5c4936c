package autogenerate

import (
	"context"
	"fmt"
	"io"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/scriptdir"
)

// Fill sets the upgrade and downgrade of the new revision n from the
// diff: Go operation calls, or with n.SQL the statements for the
// database's dialect (and the file restricted to that dialect).
//
// A list that creates routines starts by switching off the database's
// check of their bodies for the revision's transaction (see
// autogen.SkipBodyChecks).
func (d *Diff) Fill(ctx context.Context, n *scriptdir.NewRevision) error {
	up, down := autogen.SkipBodyChecks(d.Options.Dialect, d.Up), autogen.SkipBodyChecks(d.Options.Dialect, d.Down)
	if n.SQL {
		b, err := autogen.RenderSQL(ctx, d.Options.Dialect, d.Current, up, down)
		if err != nil {
			return err
		}
		n.UpgradeBody, n.DowngradeBody, n.Dialect = b.Upgrade, b.Downgrade, d.Options.Dialect.Name()
		return nil
	}
	b, err := autogen.RenderGo(up, down)
	if err != nil {
		return err
	}
	n.UpgradeBody, n.DowngradeBody, n.Imports = b.Upgrade, b.Downgrade, b.Imports
	return nil
}

// NoChanges is what revision --autogenerate reports when the database
// equals the model and it writes nothing ({"changes": false} in JSON).
type NoChanges struct {
	Changes bool `json:"changes"`
}

// Write prints "No changes detected", as Alembic does.
func (NoChanges) Write(w io.Writer) error {
	_, err := fmt.Fprintln(w, "No changes detected")
	return err
}
