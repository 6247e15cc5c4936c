// Package project opens a migrate project as the commands work on it:
// the revision files its configuration names (or the bundle of a deploy
// binary) loaded into a graph, its database, and runners with the
// configured tables, lock and transactions. It knows nothing of command
// lines or exit codes: an *InputError marks a problem of the user's input
// (files, configuration, settings), anything else is a failure.
package project

import (
	"time"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/internal/runnerbuild"
	"github.com/migratego/migrate/runner"
)

// Project is a project's configuration and what opens its parts.
type Project struct {
	// Config loads the configuration on first use; it is called by every
	// method that needs it and returns the same result every time.
	Config func() (*config.Config, error)
	// WorkDir is the working directory (absolute), LookupEnv reads the
	// environment and ToolVersion is the version of migrate.
	WorkDir     string
	LookupEnv   func(string) (string, bool)
	ToolVersion string
	// Compiled registers the Go revisions compiled into this program (nil:
	// none), and Bundle the revision files of a deploy binary (nil: read
	// the script directory).
	Compiled *runner.Registry
	Bundle   *runnerbuild.Bundle
	// Now is the clock of the revision header cache (nil: time.Now);
	// OnRead, when set, is called with the path of every revision file
	// read, possibly from several goroutines at once.
	Now    func() time.Time
	OnRead func(path string)
	// Debugf, when set, receives detail messages.
	Debugf func(format string, args ...any)
}

// InputError is a problem of the user's input: a revision file, the
// configuration, a setting, a database URL.
type InputError struct{ Err error }

// Error implements the error interface.
func (e *InputError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// input marks err as an *InputError; nil stays nil.
func input(err error) error {
	if err == nil {
		return nil
	}
	return &InputError{Err: err}
}

func (p *Project) debugf(format string, args ...any) {
	if p.Debugf != nil {
		p.Debugf(format, args...)
	}
}
