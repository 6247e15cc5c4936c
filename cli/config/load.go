package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/migratego/migrate/dialect"
)

// EnvConfig names the environment variable that selects the
// configuration file when -c is not given.
const EnvConfig = "MIGRATE_CONFIG"

// Options says where Load looks.
type Options struct {
	// File is the configuration file named on the command line (-c). When
	// empty, MIGRATE_CONFIG is used, then discovery from WorkDir upwards.
	File string
	// WorkDir is the directory discovery starts from and the base of
	// relative paths in flags and environment variables; empty means the
	// process's working directory.
	WorkDir string
	// LookupEnv reads the environment; nil means os.LookupEnv.
	LookupEnv func(string) (string, bool)
	// Flags holds command-line values by key name ("database_url",
	// "script_location", …); they override every other layer. Values are
	// text, parsed like environment variables.
	Flags map[string]string
}

// Load resolves the configuration: defaults, then the file, then the
// environment, then the flags. Every error is an *Error.
func Load(opts Options) (*Config, error) {
	wd := opts.WorkDir
	if wd == "" {
		var err error
		if wd, err = os.Getwd(); err != nil {
			return nil, &Error{Msg: "cannot determine the working directory", Err: err}
		}
	}
	wd, _ = filepath.Abs(wd)
	lookup := opts.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	c := &Config{
		Dir:                     wd,
		VersionTable:            DefaultVersionTable,
		HistoryTable:            DefaultHistoryTable,
		Timezone:                DefaultTimezone,
		TransactionPerMigration: true,
		LockTimeout:             DefaultLockTimeout,
		Lock:                    DefaultLock,
		LockLease:               DefaultLockLease,
		Sources:                 map[string]string{},
	}
	c.ScriptLocation = filepath.Join(wd, DefaultScriptLocation)

	file, err := locate(opts.File, lookup, wd)
	if err != nil {
		return nil, err
	}
	if file != "" {
		c.File, c.Dir = file, filepath.Dir(file)
		c.ScriptLocation = filepath.Join(c.Dir, DefaultScriptLocation)
		if err := c.applyFile(file, lookup); err != nil {
			return nil, err
		}
	}
	if err := c.applyEnv(lookup, wd); err != nil {
		return nil, err
	}
	if err := c.applyFlags(opts.Flags, wd); err != nil {
		return nil, err
	}
	if err := c.finish(); err != nil {
		return nil, err
	}
	return c, nil
}

// locate returns the absolute path of the configuration file, or "" when
// there is none.
func locate(explicit string, lookup func(string) (string, bool), wd string) (string, error) {
	from := "-c"
	if explicit == "" {
		if v, ok := lookup(EnvConfig); ok && v != "" {
			explicit, from = v, EnvConfig
		}
	}
	if explicit != "" {
		p := resolve(wd, explicit)
		st, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return "", &Error{File: p, Msg: fmt.Sprintf("configuration file (from %s) does not exist; create it with `migrate init` or fix the path", from), Err: err}
		case err != nil:
			return "", &Error{File: p, Msg: "cannot read configuration file: " + pathErr(err), Err: err}
		case st.IsDir():
			return "", &Error{File: p, Msg: fmt.Sprintf("is a directory (from %s); name the %s file itself", from, FileName)}
		}
		return p, nil
	}
	return Discover(wd), nil
}

// Discover returns the migrate.toml in dir or its nearest parent, or ""
// when there is none up to the root.
func Discover(dir string) string {
	for {
		p := filepath.Join(dir, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func (c *Config) applyEnv(lookup func(string) (string, bool), wd string) error {
	for _, k := range keys {
		set := false
		for _, name := range k.env {
			v, ok := lookup(name)
			if !ok || v == "" {
				continue
			}
			if k.name == "database_url" {
				c.seenURLs = append(c.seenURLs, v)
			}
			if set {
				continue // a higher-precedence variable already won
			}
			if err := k.setString(c, v, wd); err != nil {
				return &Error{Msg: fmt.Sprintf("environment variable %s: %v", name, err)}
			}
			c.Sources[k.name] = "env " + name
			set = true
		}
	}
	return nil
}

func (c *Config) applyFlags(flags map[string]string, wd string) error {
	for name := range flags {
		if _, ok := lookupKey(name); !ok {
			return &Error{Msg: fmt.Sprintf("internal: flag for unknown configuration key %q", name)}
		}
	}
	for _, k := range keys {
		v, ok := flags[k.name]
		if !ok {
			continue
		}
		if k.name == "database_url" {
			c.seenURLs = append(c.seenURLs, v)
		}
		if err := k.setString(c, v, wd); err != nil {
			return &Error{Msg: fmt.Sprintf("command line: %v", err)}
		}
		c.Sources[k.name] = "command line"
	}
	return nil
}

// finish fills derived defaults and checks values that depend on no layer.
func (c *Config) finish() error {
	c.expandFileURL()
	if _, ok := c.Sources["version_locations"]; !ok {
		c.VersionLocations = []string{filepath.Join(c.ScriptLocation, "versions")}
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return c.keyError("timezone", fmt.Sprintf("timezone: unknown time zone %q (use an IANA name such as UTC or Europe/Paris)", c.Timezone))
	}
	c.Location = loc
	if c.VersionTable == "" {
		return c.keyError("version_table", "version_table: empty name")
	}
	if c.HistoryTable == "" {
		return c.keyError("history_table", "history_table: empty name")
	}
	if _, ok := dialect.ParseLockMethod(c.Lock); !ok {
		return c.keyError("lock", fmt.Sprintf("lock: %q is not a lock (use auto or table)", c.Lock))
	}
	if c.LockLease < dialect.MinLockLease {
		return c.keyError("lock_lease", fmt.Sprintf("lock_lease: %s is too short (use at least %s)", c.LockLease, dialect.MinLockLease))
	}
	if c.VersionTable == c.HistoryTable {
		return c.keyError("history_table", fmt.Sprintf("history_table: %q is also the version table; choose another name", c.HistoryTable))
	}
	return nil
}

// keyError reports a bad value, naming where it came from.
func (c *Config) keyError(name, msg string) error {
	src := c.Source(name)
	if src == c.File && c.File != "" {
		return &Error{File: c.File, Line: keyLineInFile(c.File, "", name), Msg: msg}
	}
	if src == "default" {
		return &Error{Msg: msg}
	}
	return &Error{Msg: src + ": " + msg}
}

func pathErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
