package project

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/migratego/migrate/internal/oneline"
	"github.com/migratego/migrate/scriptdir"
)

// Info describes a project as `migrate info` prints it (as JSON, and
// as text with Write): its configuration, its database URL and where it
// came from, and what its database says when it can be reached.
type Info struct {
	Config           string   `json:"config"`
	ScriptLocation   string   `json:"script_location,omitempty"`
	VersionLocations []string `json:"version_locations,omitempty"`
	// BuiltIn is the number of revisions built into a deploy binary.
	BuiltIn         int    `json:"built_in_revisions,omitempty"`
	DatabaseURL     string `json:"database_url"`
	DatabaseURLFrom string `json:"database_url_source"`
	DatabaseURLOrig string `json:"database_url_origin"`
	Dialect         string `json:"dialect"`
	ServerVersion   string `json:"server_version,omitempty"`
	Connected       bool   `json:"connected"`
	// Status is "connected", or why info did not connect.
	Status string `json:"status"`
	// Current lists the database's current revisions; empty at base.
	Current []string `json:"current"`
	// CurrentError says why the current revisions could not be read (the
	// scripts do not load, the version table cannot be read).
	CurrentError string `json:"current_error,omitempty"`
}

// Info describes the project and checks its database: it connects, asks
// the server's version and reads the current revisions (revisions the
// scripts do not know are listed all the same: info describes, it does
// not judge). It only looks: a SQLite file that does not exist is not
// created, and Status says so. A database that cannot be reached is an
// error, returned with the description (Status "not connected"), so that
// info still shows which URL it tried and where that came from.
func (p *Project) Info(ctx context.Context) (*Info, error) {
	cfg, err := p.Config()
	if err != nil {
		return nil, err
	}
	u, err := p.ParseURL()
	if err != nil {
		return nil, err
	}
	i := &Info{
		Config:          cfg.File,
		DatabaseURL:     u.Redacted,
		DatabaseURLFrom: cfg.Source("database_url"),
		DatabaseURLOrig: cfg.Origin("database_url"),
		Dialect:         u.Dialect,
		Current:         []string{},
	}
	if p.Bundle == nil {
		i.ScriptLocation, i.VersionLocations = cfg.ScriptLocation, cfg.VersionLocations
	} else if s, err := p.LoadScripts(false); err == nil {
		// A deploy binary carries its revisions: it has no script
		// directory to show.
		i.BuiltIn = len(s.Dir.Scripts)
	}
	if path := p.MissingDatabaseFile(); path != "" {
		// Connecting would create the file.
		i.Status = "no database file yet (" + path + " does not exist; " + MissingFileAdvice(path) + ")"
		return i, nil
	}
	db, err := p.OpenDB(ctx)
	if err != nil {
		i.Status = "not connected (the error follows)"
		return i, err
	}
	defer db.Close()
	if i.ServerVersion, err = db.ServerVersion(ctx); err != nil {
		i.Status = "not connected (the error follows)"
		return i, err
	}
	i.Dialect, i.Connected, i.Status = db.Dialect.Name(), true, "connected"
	var scripts []*scriptdir.Script
	if s, err := p.LoadScripts(true); err == nil {
		scripts = s.Dir.Scripts
	}
	r, err := p.ReadRunner(db, scripts)
	var cur []string
	if err == nil {
		cur, err = CurrentRows(ctx, r)
	}
	if err != nil {
		i.CurrentError = oneline.Join(err.Error())
	} else if cur != nil {
		i.Current = cur
	}
	return i, nil
}

// Write prints the description as `migrate info` does, one "key: value"
// line each; verbose adds the version locations.
func (i *Info) Write(w io.Writer, verbose bool) error {
	file := i.Config
	if file == "" {
		file = "(none: defaults, environment and flags)"
	}
	fmt.Fprintf(w, "config:    %s\n", file)
	if i.ScriptLocation != "" {
		fmt.Fprintf(w, "scripts:   %s\n", i.ScriptLocation)
		if verbose {
			for _, v := range i.VersionLocations {
				fmt.Fprintf(w, "versions:  %s\n", v)
			}
		}
	}
	if i.BuiltIn > 0 {
		fmt.Fprintf(w, "revisions: %d, built into this program\n", i.BuiltIn)
	}
	fmt.Fprintf(w, "database:  %s\n", i.DatabaseURL)
	fmt.Fprintf(w, "  from:    %s\n", i.DatabaseURLOrig)
	fmt.Fprintf(w, "dialect:   %s\n", i.Dialect)
	if i.ServerVersion != "" {
		fmt.Fprintf(w, "server:    %s\n", i.ServerVersion)
	}
	fmt.Fprintf(w, "status:    %s\n", i.Status)
	switch {
	case !i.Connected:
	case i.CurrentError != "":
		fmt.Fprintf(w, "current:   unknown (%s)\n", i.CurrentError)
	case len(i.Current) == 0:
		fmt.Fprintf(w, "current:   (base)\n")
	default:
		fmt.Fprintf(w, "current:   %s\n", strings.Join(i.Current, ", "))
	}
	return nil
}
