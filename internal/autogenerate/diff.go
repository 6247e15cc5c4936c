package autogenerate

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/scratchdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// RewriteFunc is the autogenerate hook a project may declare in env.go:
//
//	func Rewrite(up []ops.Operation) ([]ops.Operation, error)
//
// It gets the upgrade operations Compare found, in order, and returns the
// ones to write (reordered, changed, some left out or added; an empty list
// writes no revision). The downgrade is computed from what it returns. An
// error stops autogenerate and is shown to the user.
type RewriteFunc func(up []ops.Operation) ([]ops.Operation, error)

// Request is one autogenerate or check run.
type Request struct {
	// DB is the project's database, and URL the URL it was opened with
	// (the scratch database of a SQL model is made on its server).
	DB  *dialect.DB
	URL string
	// Model is the target model's source.
	Model ModelSource
	// Schemas, Include and Exclude are the filters of [autogenerate] in
	// migrate.toml.
	Schemas, Include, Exclude []string
	// VersionTable, HistoryTable and VersionTableSchema name the tables
	// of migrate itself, always left out.
	VersionTable, HistoryTable, VersionTableSchema string
	// Rename is asked about compatible drop+add pairs (--interactive), or
	// nil.
	Rename func(autogen.RenameCandidate) bool
	// Rewrite is env.go's hook, or nil.
	Rewrite RewriteFunc
	// DropViews drops the views of the database the model lacks
	// ([autogenerate] drop_views, --drop-views).
	DropViews bool
}

// Diff is the outcome of comparing the database with the model.
type Diff struct {
	// Options are the compare options used (dialect, filters).
	Options autogen.Options
	// Current is the database's schema, Target the model.
	Current, Target *model.MetaData
	// Up are the upgrade operations (after the Rewrite hook), Down their
	// inverses, and Warnings what the user must know.
	Up, Down []ops.Operation
	Warnings []autogen.Warning
}

// Empty reports that there is nothing to do.
func (d *Diff) Empty() bool { return len(d.Up) == 0 }

// Compute inspects the database, loads the model and compares them.
func Compute(ctx context.Context, req Request) (*Diff, error) {
	iopts := req.InspectOptions()
	current, target, err := inspectAndLoad(ctx, req, iopts)
	if err != nil {
		return nil, err
	}
	opts := req.CompareOptions(req.DB.Dialect)
	opts.Rename = req.Rename
	var spellWarnings []autogen.Warning
	opts.ViewTexts, spellWarnings, err = autogen.SpellViews(ctx, req.DB, current, target, autogen.SpellOptions{Scratch: req.spellingScratch})
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	res, err := autogen.Compare(current, target, opts)
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	d := &Diff{Options: opts, Current: current, Target: target, Up: res.Ops, Warnings: append(spellWarnings, res.Warnings...)}
	if req.Rewrite != nil {
		if d.Up, err = rewrite(req.Rewrite, d.Up); err != nil {
			return nil, err
		}
	}
	if d.Down, err = autogen.Downgrade(current, d.Up); err != nil {
		return nil, err
	}
	return d, nil
}

// spellingScratch opens the scratch database views are spelled in on
// MySQL and MariaDB (autogen.SpellOptions): the --dev-url database when
// there is one, else a temporary database on the server of req.URL.
func (req Request) spellingScratch(ctx context.Context) (*dialect.DB, func() error, error) {
	s, err := scratchdb.Open(ctx, req.URL, req.Model.DevURL)
	if err != nil {
		return nil, nil, err
	}
	return s.DB, s.Close, nil
}

// inspectAndLoad inspects the database and loads the model side by side:
// building a Go model (Target and Validate on thousands of tables) or
// applying a SQL model to a scratch database overlaps the inspection's
// round trips. An inspection error wins over the model's, as when they
// ran one after the other.
func inspectAndLoad(ctx context.Context, req Request, iopts inspect.Options) (current, target *model.MetaData, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var loadErr error
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		target, loadErr = req.Model.Load(ctx, req.URL, iopts)
	}()
	current, err = inspect.Database(ctx, req.DB, iopts)
	if err != nil {
		cancel()
		<-loaded
		return nil, nil, fmt.Errorf("inspect the database: %w", err)
	}
	<-loaded
	if loadErr != nil {
		return nil, nil, loadErr
	}
	return current, target, nil
}

// InspectOptions are the options of inspecting the database and the SQL
// model: the [autogenerate] filters, without the version and history
// tables.
func (r Request) InspectOptions() inspect.Options {
	return inspect.Options{
		Schemas: r.Schemas,
		Include: r.Include,
		Exclude: append(slices.Clone(r.Exclude), r.VersionTable, r.HistoryTable),
	}
}

// CompareOptions are the options of comparing the database with the
// model on dialect d (Rename aside).
func (r Request) CompareOptions(d dialect.Dialect) autogen.Options {
	opts := autogen.Options{Dialect: d, Include: r.Include, Exclude: r.Exclude, VersionTables: []string{r.VersionTable, r.HistoryTable}, DropViews: r.DropViews}
	if r.VersionTableSchema != "" {
		opts.VersionTables = append(opts.VersionTables, r.VersionTableSchema+"."+r.VersionTable, r.VersionTableSchema+"."+r.HistoryTable)
	}
	if len(r.Schemas) > 0 {
		// The inspector reports the default schema's objects unqualified.
		opts.Schemas = append(slices.Clone(r.Schemas), "")
	}
	return opts
}

// NewRequest prepares a run from the project's configuration and the
// command's --model and --dev-url flags (relative paths against workDir);
// goModel is env.go's Target compiled into the program, or nil. The
// caller sets DB, URL, Rename and Rewrite. Bad flags or settings are
// *InputError.
func NewRequest(cfg *config.Config, models []string, devURL, workDir string, goModel func() *model.MetaData) (Request, error) {
	files, err := ResolveFiles(models, cfg.Model.SQL, workDir)
	if err != nil {
		return Request{}, err
	}
	src := ModelSource{Files: files, DevURL: cmp.Or(devURL, cfg.Model.DevURL), Go: goModel}
	return Request{
		Model:   src,
		Schemas: cfg.Autogenerate.Schemas, Include: cfg.Autogenerate.Include, Exclude: cfg.Autogenerate.Exclude,
		DropViews:    cfg.Autogenerate.DropViews,
		VersionTable: cfg.VersionTable, HistoryTable: cfg.HistoryTable, VersionTableSchema: cfg.VersionTableSchema,
	}, nil
}

// rewrite calls env.go's Rewrite hook on a copy of up; its error or panic
// is an *InputError.
func rewrite(hook RewriteFunc, up []ops.Operation) (out []ops.Operation, err error) {
	defer recoverHook("env.go: Rewrite", &err)
	if out, err = hook(slices.Clone(up)); err != nil {
		return nil, &InputError{Err: fmt.Errorf("env.go: Rewrite: %w", err)}
	}
	return out, nil
}
