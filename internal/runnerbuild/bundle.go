package runnerbuild

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/scriptdir"
)

// Bundle is a project frozen into a deploy binary by `migrate build -o`:
// its revision files and the settings of its migrate.toml at build time.
// A program with a bundle reads the revisions from it, never from the
// script directory, so it runs without the source tree.
type Bundle struct {
	// Locations are the version locations, in load order.
	Locations []scriptdir.Location
	// Config holds the settings of migrate.toml at build time. They
	// replace the defaults only: a migrate.toml found at run time, the
	// MIGRATE_* environment variables and the flags still win.
	Config BundleConfig
}

// BundleConfig is the part of migrate.toml that a deploy binary keeps:
// what decides where and how revisions are recorded and run. The database
// URL is not kept; deploys give it with DATABASE_URL, MIGRATE_DATABASE_URL
// or --database-url.
type BundleConfig struct {
	VersionTable            string
	VersionTableSchema      string
	HistoryTable            string
	TransactionPerMigration bool
	LockTimeout             time.Duration
	// Lock and LockLease are the migration lock ("auto" or "table") and
	// its lease; empty and zero keep the defaults.
	Lock      string
	LockLease time.Duration
}

// NewBundleConfig returns the settings of cfg that a deploy binary keeps.
func NewBundleConfig(cfg *config.Config) BundleConfig {
	return BundleConfig{
		VersionTable:            cfg.VersionTable,
		VersionTableSchema:      cfg.VersionTableSchema,
		HistoryTable:            cfg.HistoryTable,
		TransactionPerMigration: cfg.TransactionPerMigration,
		LockTimeout:             cfg.LockTimeout,
		Lock:                    cfg.Lock,
		LockLease:               cfg.LockLease,
	}
}

// Apply replaces the defaults of cfg with the bundle's settings.
func (b BundleConfig) Apply(cfg *config.Config) {
	keep := func(key string) bool { return cfg.Source(key) == "default" }
	if keep("version_table") && b.VersionTable != "" {
		cfg.VersionTable = b.VersionTable
	}
	if keep("version_table_schema") {
		cfg.VersionTableSchema = b.VersionTableSchema
	}
	if keep("history_table") && b.HistoryTable != "" {
		cfg.HistoryTable = b.HistoryTable
	}
	if keep("transaction_per_migration") {
		cfg.TransactionPerMigration = b.TransactionPerMigration
	}
	if keep("lock_timeout") && b.LockTimeout > 0 {
		cfg.LockTimeout = b.LockTimeout
	}
	if keep("lock") && b.Lock != "" {
		cfg.Lock = b.Lock
	}
	if keep("lock_lease") && b.LockLease > 0 {
		cfg.LockLease = b.LockLease
	}
}

// BundleLocation returns the version location of the files in directory
// dir of fsys (an embed.FS of a deploy binary), shown to users as path.
func BundleLocation(fsys fs.FS, dir, path string) scriptdir.Location {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		// Only an invalid dir fails; Load then reports the location.
		sub = nil
	}
	return scriptdir.Location{FS: sub, Path: path}
}

// Open loads the bundle's revisions into a validated graph, as
// scriptdir.Open does for a script directory; workDir is the working
// directory. Problems are the user's (a *UserError).
func (b *Bundle) Open(workDir string) (*scriptdir.Dir, error) {
	loaded, err := scriptdir.Load(b.Locations)
	if err != nil {
		return nil, &UserError{Err: fmt.Errorf("load the revisions built into this program: %w", err)}
	}
	d, err := scriptdir.NewDir(loaded, workDir)
	if err != nil {
		return nil, &UserError{Err: err}
	}
	for _, loc := range b.Locations {
		d.Locations = append(d.Locations, loc.Path)
	}
	return d, nil
}
