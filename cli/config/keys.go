package config

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/migratego/migrate/dialect"
)

// key describes one top-level key of migrate.toml: its environment
// variables and the Config field it sets.
type key struct {
	name string
	// flag is the command-line flag that sets the key, if any.
	flag string
	// env lists the environment variables that set the key, highest
	// precedence first.
	env []string
	// path marks values that are file paths, resolved against a base
	// directory when relative.
	path bool
	// field returns a pointer to the Config field: *string, *[]string,
	// *bool or *time.Duration.
	field func(c *Config) any
	help  string
}

// Keys of migrate.toml, in documentation order. The tables ([autogenerate],
// [model]) are handled separately (see tables).
var keys = []key{
	{name: "script_location", flag: "dir", env: []string{"MIGRATE_SCRIPT_LOCATION"}, path: true,
		field: func(c *Config) any { return &c.ScriptLocation }},
	{name: "version_locations", env: []string{"MIGRATE_VERSION_LOCATIONS"}, path: true,
		field: func(c *Config) any { return &c.VersionLocations }},
	{name: "database_url", flag: "database-url", env: []string{"MIGRATE_DATABASE_URL", "DATABASE_URL"},
		field: func(c *Config) any { return &c.DatabaseURL }},
	{name: "version_table", env: []string{"MIGRATE_VERSION_TABLE"},
		field: func(c *Config) any { return &c.VersionTable }},
	{name: "version_table_schema", env: []string{"MIGRATE_VERSION_TABLE_SCHEMA"},
		field: func(c *Config) any { return &c.VersionTableSchema }},
	{name: "history_table", env: []string{"MIGRATE_HISTORY_TABLE"},
		field: func(c *Config) any { return &c.HistoryTable }},
	{name: "file_template", env: []string{"MIGRATE_FILE_TEMPLATE"},
		field: func(c *Config) any { return &c.FileTemplate }},
	{name: "timezone", env: []string{"MIGRATE_TIMEZONE"},
		field: func(c *Config) any { return &c.Timezone }},
	{name: "transaction_per_migration", env: []string{"MIGRATE_TRANSACTION_PER_MIGRATION"},
		field: func(c *Config) any { return &c.TransactionPerMigration }},
	{name: "lock_timeout", env: []string{"MIGRATE_LOCK_TIMEOUT"},
		field: func(c *Config) any { return &c.LockTimeout }},
	{name: "lock", env: []string{"MIGRATE_LOCK"},
		field: func(c *Config) any { return &c.Lock }},
	{name: "lock_lease", env: []string{"MIGRATE_LOCK_LEASE"},
		field: func(c *Config) any { return &c.LockLease }},
}

// tableKey sets one key of a TOML table of migrate.toml from its value;
// full is "table.key", base the directory of relative paths.
type tableKey func(c *Config, full string, v any, base string, lookup func(string) (string, bool)) error

// tables are the TOML tables of migrate.toml and their keys.
var tables = map[string]map[string]tableKey{
	"autogenerate": {
		"include": globList(func(c *Config) *[]string { return &c.Autogenerate.Include }),
		"exclude": globList(func(c *Config) *[]string { return &c.Autogenerate.Exclude }),
		"schemas": func(c *Config, full string, v any, _ string, _ func(string) (string, bool)) (err error) {
			c.Autogenerate.Schemas, err = stringList(full, v)
			return err
		},
		"drop_views": func(c *Config, full string, v any, _ string, _ func(string) (string, bool)) error {
			b, ok := v.(bool)
			if !ok {
				return typeError(full, "true or false", v)
			}
			c.Autogenerate.DropViews = b
			return nil
		},
	},
	"model": {
		"sql": func(c *Config, full string, v any, base string, _ func(string) (string, bool)) error {
			list, err := stringList(full, v)
			for i := range list {
				list[i] = resolve(base, list[i])
			}
			c.Model.SQL = list
			return err
		},
		"dev_url": func(c *Config, full string, v any, base string, lookup func(string) (string, bool)) error {
			s, ok := v.(string)
			if !ok {
				return typeError(full, "a string", v)
			}
			u, err := expandEnv(s, lookup)
			if err != nil {
				return fmt.Errorf("%s: %w", full, err)
			}
			c.Model.DevURL = dialect.ResolveFileURL(u, base)
			return nil
		},
	},
}

// globList is a table key holding glob patterns (path.Match syntax).
func globList(field func(c *Config) *[]string) tableKey {
	return func(c *Config, full string, v any, _ string, _ func(string) (string, bool)) error {
		list, err := stringList(full, v)
		if err != nil {
			return err
		}
		for _, pat := range list {
			if _, perr := path.Match(pat, ""); perr != nil {
				return fmt.Errorf("%s: bad glob pattern %q", full, pat)
			}
		}
		*field(c) = list
		return nil
	}
}

// Keys returns the names of the top-level keys and tables of migrate.toml.
func Keys() []string {
	names := make([]string, 0, len(keys)+len(tables))
	for _, k := range keys {
		names = append(names, k.name)
	}
	for t := range tables {
		names = append(names, t)
	}
	return names
}

// EnvVars returns, for each key that environment variables can set, their
// names (highest precedence first). MIGRATE_CONFIG, which names the file,
// is not included.
func EnvVars() map[string][]string {
	m := make(map[string][]string, len(keys))
	for _, k := range keys {
		m[k.name] = append([]string(nil), k.env...)
	}
	return m
}

func lookupKey(name string) (key, bool) {
	for _, k := range keys {
		if k.name == name {
			return k, true
		}
	}
	return key{}, false
}

// setString sets the key from the text of a flag or environment variable.
// Lists are separated by the OS path list separator (':' on Unix).
func (k key) setString(c *Config, s, base string) error {
	switch p := k.field(c).(type) {
	case *string:
		if k.path {
			s = resolve(base, s)
		}
		*p = s
	case *[]string:
		var list []string
		for _, part := range filepath.SplitList(s) {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			if k.path {
				part = resolve(base, part)
			}
			list = append(list, part)
		}
		if len(list) == 0 {
			return fmt.Errorf("%s: empty list", k.name)
		}
		*p = list
	case *bool:
		b, err := strconv.ParseBool(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("%s: %q is not a boolean (use true or false)", k.name, s)
		}
		*p = b
	case *time.Duration:
		d, err := parseDuration(s)
		if err != nil {
			return fmt.Errorf("%s: %w", k.name, err)
		}
		*p = d
	}
	return nil
}

// setTOML sets the key from a decoded TOML value.
func (k key) setTOML(c *Config, v any, base string) error {
	switch p := k.field(c).(type) {
	case *string:
		s, ok := v.(string)
		if !ok {
			return typeError(k.name, "a string", v)
		}
		return k.setString(c, s, base)
	case *[]string:
		list, err := stringList(k.name, v)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return fmt.Errorf("%s: empty list; remove the key to use the default", k.name)
		}
		if k.path {
			for i := range list {
				list[i] = resolve(base, list[i])
			}
		}
		*p = list
	case *bool:
		b, ok := v.(bool)
		if !ok {
			return typeError(k.name, "true or false", v)
		}
		*p = b
	case *time.Duration:
		s, ok := v.(string)
		if !ok {
			return typeError(k.name, `a duration string such as "60s"`, v)
		}
		return k.setString(c, s, base)
	}
	return nil
}

func stringList(name string, v any) ([]string, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, typeError(name, `a list of strings such as ["a", "b"]`, v)
	}
	list := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, typeError(name, "a list of strings", v)
		}
		list = append(list, s)
	}
	return list, nil
}

func typeError(name, want string, got any) error {
	return fmt.Errorf("%s must be %s, not %s", name, want, tomlTypeName(got))
}

func tomlTypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}

func parseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration (use e.g. 30s, 2m or 1m30s)", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	return d, nil
}

// resolve makes p absolute against base, expanding a leading "~/".
func resolve(base, p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, p[1:])
		}
	}
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(base, p)
}
