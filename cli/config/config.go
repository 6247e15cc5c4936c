// Package config loads the project configuration of migrate: the file
// migrate.toml, MIGRATE_* environment variables and command-line flags.
//
// Precedence, highest first: flag > environment variable > migrate.toml >
// default. The file is the one named by -c (Options.File), else by
// MIGRATE_CONFIG, else the migrate.toml of the working directory or its
// nearest parent (like git). Relative paths in the file are relative to the
// file's directory; relative paths in flags and environment variables are
// relative to the working directory.
//
// Unknown keys are errors that name the key and the file, so that a typo is
// never silently ignored.
package config

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // timezone names work on hosts without a zoneinfo database

	"github.com/migratego/migrate/dialect"
)

// FileName is the name of the configuration file looked up by discovery.
const FileName = "migrate.toml"

// Default values of the keys.
const (
	DefaultScriptLocation = "migrations"
	DefaultVersionTable   = "migrate_version"
	DefaultHistoryTable   = "migrate_history"
	DefaultLockTimeout    = 60 * time.Second
	DefaultLock           = "auto"
	DefaultLockLease      = dialect.DefaultLockLease
	DefaultDatabaseURL    = "" // no default: a project states its database
	DefaultTimezone       = "UTC"
)

// Config is the resolved configuration of one project. Paths are absolute.
type Config struct {
	// File is the absolute path of the migrate.toml in use; empty when no
	// file was found (commands then run on defaults, flags and environment).
	File string
	// Dir is the directory relative paths of the file are resolved against:
	// the file's directory, or the working directory without a file.
	Dir string

	// ScriptLocation is the script directory (env.go, versions/).
	ScriptLocation string
	// VersionLocations are the directories holding revision files, in
	// load order; by default ScriptLocation/versions.
	VersionLocations []string
	// DatabaseURL is the database URL, environment variables expanded; empty
	// when the file's value names an unset variable (DatabaseURLValue
	// returns that error). It may contain a password: print
	// dialect.URL.Redacted instead.
	DatabaseURL string
	// VersionTable and VersionTableSchema name the version table; an empty
	// schema means the connection's default.
	VersionTable       string
	VersionTableSchema string
	// HistoryTable names the append-only history table (in
	// VersionTableSchema).
	HistoryTable string
	// FileTemplate is the revision file name template with Alembic's
	// %(rev)s/%(slug)s/%(year)d… tokens; empty means "%(rev)s_%(slug)s"
	// (see scriptdir.FileName).
	FileTemplate string
	// Timezone is the IANA name used for revision create dates, and
	// Location the loaded zone.
	Timezone string
	Location *time.Location
	// TransactionPerMigration runs each revision in its own transaction
	// (true, the default); false wraps the whole run in one transaction
	// where the database allows it.
	TransactionPerMigration bool
	// LockTimeout bounds the wait for the migration lock.
	LockTimeout time.Duration
	// Lock is the migration lock: "auto" (the database's own) or "table"
	// (a lease row in the lock table).
	Lock string
	// LockLease is how long a lease lock stays valid without a heartbeat.
	LockLease time.Duration
	// Autogenerate holds the [autogenerate] table.
	Autogenerate Autogenerate
	// Model holds the [model] table.
	Model Model

	// Sources tells, for every key that did not keep its default, where
	// its value came from: "flag --NAME", "env NAME" or the file path.
	Sources map[string]string

	seenURLs []string
	// fileURL is the file's database_url before expansion, and urlErr
	// the error of expanding it (see expandFileURL).
	fileURL *fileURL
	urlErr  error
}

// Autogenerate is the [autogenerate] table of migrate.toml.
type Autogenerate struct {
	// Include and Exclude are glob patterns (path.Match syntax) matched
	// against table names, or "schema.table" for qualified names. An empty
	// Include means every table.
	Include []string
	Exclude []string
	// Schemas lists the schemas to compare; empty means the default schema.
	Schemas []string
	// DropViews drops the views of the database that the model lacks
	// (autogen.Options.DropViews); by default they stay, with a warning.
	DropViews bool
}

// Model is the [model] table of migrate.toml: the SQL schema files of the
// target model of autogenerate and check.
type Model struct {
	// SQL lists schema files and globs (absolute), applied in this order
	// (each glob's matches sorted).
	SQL []string
	// DevURL names an empty database to apply them to instead of a
	// temporary one; environment variables are expanded.
	DevURL string
}

// Found reports whether a configuration file was found.
func (c *Config) Found() bool { return c.File != "" }

// Name names the configuration file in messages: its path, or FileName
// when none was found.
func (c *Config) Name() string {
	if c.Found() {
		return c.File
	}
	return FileName
}

// SeenURLs returns every database URL met while loading (flags,
// environment, file), including those overridden by a higher layer, so
// that their passwords can be masked in messages.
func (c *Config) SeenURLs() []string { return append([]string(nil), c.seenURLs...) }

// Origin says where the value of key came from, for people: "flag
// --database-url", "env DATABASE_URL", "/path/migrate.toml:3" (the line of
// the key) or "default".
func (c *Config) Origin(key string) string {
	src := c.Source(key)
	switch {
	case src == "command line":
		if k, ok := lookupKey(key); ok && k.flag != "" {
			return "flag --" + k.flag
		}
	case src == c.File && c.File != "":
		table, name := "", key
		if t, n, ok := strings.Cut(key, "."); ok {
			table, name = t, n
		}
		if line := keyLineInFile(c.File, table, name); line > 0 {
			return fmt.Sprintf("%s:%d", c.File, line)
		}
	}
	return src
}

// Source returns where the value of key came from, or "default".
func (c *Config) Source(key string) string {
	if s, ok := c.Sources[key]; ok {
		return s
	}
	return "default"
}
