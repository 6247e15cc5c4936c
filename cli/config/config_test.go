package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/internal/suggest"
)

// envMap is a fake environment.
type envMap map[string]string

func (m envMap) lookup(name string) (string, bool) {
	v, ok := m[name]
	return v, ok
}

// project writes files (path → content) under a temporary directory and
// returns it.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDefaultsWithoutFile(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(Options{WorkDir: dir, LookupEnv: envMap{}.lookup})
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Dir:                     dir,
		ScriptLocation:          filepath.Join(dir, "migrations"),
		VersionLocations:        []string{filepath.Join(dir, "migrations", "versions")},
		VersionTable:            "migrate_version",
		HistoryTable:            "migrate_history",
		Timezone:                "UTC",
		Location:                time.UTC,
		TransactionPerMigration: true,
		LockTimeout:             60 * time.Second,
		Lock:                    "auto",
		LockLease:               30 * time.Second,
		Sources:                 map[string]string{},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load = %+v\nwant %+v", c, want)
	}
	if c.Found() || c.Name() != FileName {
		t.Errorf("Found() = %v, Name() = %q without a file", c.Found(), c.Name())
	}
}

func TestPrecedence(t *testing.T) {
	const file = `
script_location = "db"
database_url = "postgres://file@h/db"
version_table = "file_version"
lock_timeout = "5s"
transaction_per_migration = false
`
	tests := []struct {
		name  string
		env   envMap
		flags map[string]string
		check func(t *testing.T, dir string, c *Config)
	}{
		{
			name: "file over default",
			check: func(t *testing.T, dir string, c *Config) {
				eq(t, c.DatabaseURL, "postgres://file@h/db")
				eq(t, c.VersionTable, "file_version")
				eq(t, c.ScriptLocation, filepath.Join(dir, "db"))
				eq(t, c.VersionLocations[0], filepath.Join(dir, "db", "versions"))
				eq(t, c.LockTimeout, 5*time.Second)
				eq(t, c.TransactionPerMigration, false)
				eq(t, c.HistoryTable, "migrate_history")
				eq(t, c.Source("database_url"), filepath.Join(dir, FileName))
				eq(t, c.Source("history_table"), "default")
			},
		},
		{
			name: "DATABASE_URL over file",
			env:  envMap{"DATABASE_URL": "postgres://plain@h/db"},
			check: func(t *testing.T, dir string, c *Config) {
				eq(t, c.DatabaseURL, "postgres://plain@h/db")
				eq(t, c.Source("database_url"), "env DATABASE_URL")
			},
		},
		{
			name: "MIGRATE_DATABASE_URL over DATABASE_URL",
			env:  envMap{"DATABASE_URL": "postgres://plain@h/db", "MIGRATE_DATABASE_URL": "postgres://env@h/db"},
			check: func(t *testing.T, dir string, c *Config) {
				eq(t, c.DatabaseURL, "postgres://env@h/db")
				eq(t, c.Source("database_url"), "env MIGRATE_DATABASE_URL")
				eq(t, len(c.SeenURLs()), 3)
			},
		},
		{
			name:  "flag over environment",
			env:   envMap{"MIGRATE_DATABASE_URL": "postgres://env@h/db", "MIGRATE_SCRIPT_LOCATION": "envdir"},
			flags: map[string]string{"database_url": "postgres://flag@h/db", "script_location": "flagdir"},
			check: func(t *testing.T, dir string, c *Config) {
				eq(t, c.DatabaseURL, "postgres://flag@h/db")
				eq(t, c.ScriptLocation, filepath.Join(dir, "sub", "flagdir"))
				eq(t, c.Source("script_location"), "command line")
			},
		},
		{
			name: "environment paths are relative to the working directory",
			env:  envMap{"MIGRATE_SCRIPT_LOCATION": "envdir", "MIGRATE_VERSION_LOCATIONS": "a" + string(os.PathListSeparator) + "/abs/b"},
			check: func(t *testing.T, dir string, c *Config) {
				eq(t, c.ScriptLocation, filepath.Join(dir, "sub", "envdir"))
				eq(t, c.VersionLocations, []string{filepath.Join(dir, "sub", "a"), "/abs/b"})
			},
		},
		{
			name: "scalar environment variables",
			env: envMap{"MIGRATE_VERSION_TABLE": "v", "MIGRATE_VERSION_TABLE_SCHEMA": "s", "MIGRATE_HISTORY_TABLE": "h",
				"MIGRATE_LOCK_TIMEOUT": "2m", "MIGRATE_TRANSACTION_PER_MIGRATION": "true", "MIGRATE_TIMEZONE": "Europe/Paris",
				"MIGRATE_FILE_TEMPLATE": "%(rev)s"},
			check: func(t *testing.T, dir string, c *Config) {
				eq(t, c.VersionTable, "v")
				eq(t, c.VersionTableSchema, "s")
				eq(t, c.HistoryTable, "h")
				eq(t, c.LockTimeout, 2*time.Minute)
				eq(t, c.TransactionPerMigration, true)
				eq(t, c.Location.String(), "Europe/Paris")
				eq(t, c.FileTemplate, "%(rev)s")
			},
		},
		{
			name: "empty variable is unset",
			env:  envMap{"MIGRATE_DATABASE_URL": "", "MIGRATE_VERSION_TABLE": ""},
			check: func(t *testing.T, dir string, c *Config) {
				eq(t, c.DatabaseURL, "postgres://file@h/db")
				eq(t, c.VersionTable, "file_version")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := project(t, map[string]string{FileName: file, "sub/.keep": ""})
			env := tt.env
			if env == nil {
				env = envMap{}
			}
			c, err := Load(Options{WorkDir: filepath.Join(dir, "sub"), LookupEnv: env.lookup, Flags: tt.flags})
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, dir, c)
		})
	}
}

func TestDiscovery(t *testing.T) {
	dir := project(t, map[string]string{
		FileName:              `version_table = "root"`,
		"a/b/c/.keep":         "",
		"other/custom.toml":   `version_table = "custom"`,
		"nested/" + FileName:  `version_table = "nested"`,
		"nested/deeper/.keep": "",
	})
	tests := []struct {
		name, wd, file string
		env            envMap
		want           string // version_table
		wantFile       string
	}{
		{name: "current directory", wd: ".", want: "root", wantFile: FileName},
		{name: "nearest parent", wd: "a/b/c", want: "root", wantFile: FileName},
		{name: "nearer file wins", wd: "nested/deeper", want: "nested", wantFile: "nested/" + FileName},
		{name: "-c relative to working directory", wd: "a", file: "../other/custom.toml", want: "custom", wantFile: "other/custom.toml"},
		{name: "MIGRATE_CONFIG", wd: "a", env: envMap{EnvConfig: filepath.Join(dir, "other/custom.toml")}, want: "custom", wantFile: "other/custom.toml"},
		{name: "-c over MIGRATE_CONFIG", wd: ".", file: "nested/" + FileName, env: envMap{EnvConfig: "other/custom.toml"}, want: "nested", wantFile: "nested/" + FileName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := tt.env
			if env == nil {
				env = envMap{}
			}
			c, err := Load(Options{WorkDir: filepath.Join(dir, tt.wd), File: tt.file, LookupEnv: env.lookup})
			if err != nil {
				t.Fatal(err)
			}
			eq(t, c.VersionTable, tt.want)
			eq(t, c.File, filepath.Join(dir, filepath.FromSlash(tt.wantFile)))
			eq(t, c.Dir, filepath.Dir(c.File))
		})
	}
}

func TestFileValues(t *testing.T) {
	dir := project(t, map[string]string{FileName: `
script_location = "scripts"
version_locations = ["scripts/versions", "/abs/shared"]
database_url = "postgres://app:${DB_PASSWORD}@$DB_HOST/app?x=$$y"
version_table_schema = "meta"
file_template = "%(year)s_%(rev)s_%(slug)s"

[autogenerate]
include = ["app_*"]
exclude = ["tmp_*", "audit.*"]
schemas = ["public", "audit"]
drop_views = true

[model]
sql = ["schema.sql", "schema/*.sql"]
dev_url = "postgres://dev:${DB_PASSWORD}@localhost/dev"
`})
	env := envMap{"DB_PASSWORD": "s3cret", "DB_HOST": "db.example"}
	c, err := Load(Options{WorkDir: dir, LookupEnv: env.lookup})
	if err != nil {
		t.Fatal(err)
	}
	eq(t, c.DatabaseURL, "postgres://app:s3cret@db.example/app?x=$y")
	eq(t, c.ScriptLocation, filepath.Join(dir, "scripts"))
	eq(t, c.VersionLocations, []string{filepath.Join(dir, "scripts", "versions"), "/abs/shared"})
	eq(t, c.VersionTableSchema, "meta")
	eq(t, c.FileTemplate, "%(year)s_%(rev)s_%(slug)s")
	eq(t, c.Autogenerate, Autogenerate{Include: []string{"app_*"}, Exclude: []string{"tmp_*", "audit.*"}, Schemas: []string{"public", "audit"}, DropViews: true})
	eq(t, c.Model, Model{SQL: []string{filepath.Join(dir, "schema.sql"), filepath.Join(dir, "schema", "*.sql")}, DevURL: "postgres://dev:s3cret@localhost/dev"})
}

func TestSQLitePathRelativeToFile(t *testing.T) {
	tests := []struct{ url, want string }{
		{"sqlite:app.db", "sqlite:{dir}/app.db"},
		{"sqlite:data/app.db?_pragma=x", "sqlite:{dir}/data/app.db?_pragma=x"},
		{"sqlite://rel.db", "sqlite:{dir}/rel.db"},
		{"sqlite:///abs/app.db", "sqlite:///abs/app.db"},
		{"sqlite:/abs/app.db", "sqlite:/abs/app.db"},
		{"sqlite::memory:", "sqlite::memory:"},
		{"file:x.db?mode=memory", "file:x.db?mode=memory"},
		{"postgres://h/app.db", "postgres://h/app.db"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			dir := project(t, map[string]string{FileName: "database_url = " + `"` + tt.url + `"`, "sub/.keep": ""})
			c, err := Load(Options{WorkDir: filepath.Join(dir, "sub"), LookupEnv: envMap{}.lookup})
			if err != nil {
				t.Fatal(err)
			}
			eq(t, c.DatabaseURL, strings.ReplaceAll(tt.want, "{dir}", dir))
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string // migrate.toml content; "" means no file
		env   envMap
		opts  Options
		line  int
		wants []string // substrings of the message
	}{
		{name: "unknown key", file: "script_location = \"m\"\ndatabse_url = \"x\"\n", line: 2,
			wants: []string{FileName + ":2:", `unknown key "databse_url"`, `did you mean "database_url"?`}},
		{name: "unknown key without suggestion", file: "zzz = 1\n", line: 1,
			wants: []string{`unknown key "zzz"`, "known keys: script_location"}},
		{name: "unknown autogenerate key", file: "[autogenerate]\ninclude = []\nexclud = [\"a\"]\n", line: 3,
			wants: []string{`unknown key "autogenerate.exclud"`, `did you mean "autogenerate.exclude"?`}},
		{name: "unknown table", file: "x = 1\n[autogen]\nfoo = 1\n", line: 1,
			wants: []string{`unknown key "x"`, `line 2: unknown key "autogen"`}},
		{name: "syntax error", file: "script_location = \"m\"\n\ndatabase_url = \"unterminated\n", line: 3,
			wants: []string{FileName + ":3:", "TOML syntax error"}},
		{name: "table twice", file: "[model]\nsql = []\n\n[model]\ndev_url = \"x\"\n", line: 4,
			wants: []string{FileName + ":4:", "Key 'model' is defined twice", "set it where it first appears"}},
		{name: "wrong type", file: "\nlock_timeout = 60\n", line: 2,
			wants: []string{"lock_timeout must be a duration string such as \"60s\", not an integer"}},
		{name: "bad duration", file: "lock_timeout = \"soon\"\n", line: 1,
			wants: []string{`lock_timeout: "soon" is not a duration`}},
		{name: "bool as string", file: "transaction_per_migration = \"yes\"\n", line: 1,
			wants: []string{"transaction_per_migration must be true or false, not a string"}},
		{name: "list expected", file: "version_locations = \"v\"\n", line: 1,
			wants: []string{"version_locations must be a list of strings"}},
		{name: "empty list", file: "version_locations = []\n", line: 1,
			wants: []string{"version_locations: empty list"}},
		{name: "bad glob", file: "[autogenerate]\nexclude = [\"[a\"]\n", line: 2,
			wants: []string{`autogenerate.exclude: bad glob pattern "[a"`}},
		{name: "model sql not a list", file: "[model]\nsql = \"schema.sql\"\n", line: 2,
			wants: []string{"model.sql must be a list of strings"}},
		{name: "model dev_url unset variable", file: "[model]\ndev_url = \"$NOPE\"\n", line: 2,
			wants: []string{"model.dev_url: environment variable NOPE is not set"}},
		{name: "autogenerate not a table", file: "autogenerate = 1\n", line: 1,
			wants: []string{"autogenerate must be a table"}},
		{name: "unknown timezone in file", file: "\n\ntimezone = \"Mars/Olympus\"\n", line: 3,
			wants: []string{FileName + ":3:", `unknown time zone "Mars/Olympus"`}},
		{name: "unknown timezone in env", env: envMap{"MIGRATE_TIMEZONE": "Nowhere"},
			wants: []string{`env MIGRATE_TIMEZONE: timezone: unknown time zone "Nowhere"`}},
		{name: "same table names", file: "version_table = \"t\"\nhistory_table = \"t\"\n", line: 2,
			wants: []string{`history_table: "t" is also the version table`}},
		{name: "bad env bool", env: envMap{"MIGRATE_TRANSACTION_PER_MIGRATION": "maybe"},
			wants: []string{"environment variable MIGRATE_TRANSACTION_PER_MIGRATION: transaction_per_migration: \"maybe\" is not a boolean"}},
		{name: "bad flag duration", opts: Options{Flags: map[string]string{"lock_timeout": "-1s"}},
			wants: []string{`command line: lock_timeout: "-1s" is negative`}},
		{name: "missing -c file", opts: Options{File: "nope.toml"},
			wants: []string{"nope.toml: configuration file (from -c) does not exist"}},
		{name: "missing MIGRATE_CONFIG file", env: envMap{EnvConfig: "gone.toml"},
			wants: []string{"gone.toml: configuration file (from MIGRATE_CONFIG) does not exist"}},
		{name: "-c names a directory", opts: Options{File: "."},
			wants: []string{"is a directory (from -c)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{".keep": ""}
			if tt.file != "" {
				files[FileName] = tt.file
			}
			dir := project(t, files)
			opts := tt.opts
			opts.WorkDir = dir
			env := tt.env
			if env == nil {
				env = envMap{}
			}
			opts.LookupEnv = env.lookup
			_, err := Load(opts)
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *config.Error: %v", err, err)
			}
			if ce.Line != tt.line {
				t.Errorf("Line = %d, want %d (%v)", ce.Line, tt.line, err)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("message has several lines: %q", msg)
			}
			for _, w := range tt.wants {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
		})
	}
}

// TestDatabaseURLExpansion: ${VAR} in the file's database_url is expanded
// only when the file's value is the one used, and an unset variable is an
// error only for the commands that need the URL (DatabaseURLValue), never
// for Load (issue 11 point 1).
func TestDatabaseURLExpansion(t *testing.T) {
	const file = "\ndatabase_url = \"postgres://u:${NOPE}@h/db\"\n"
	tests := []struct {
		name    string
		env     envMap
		flags   map[string]string
		want    string // DatabaseURLValue
		wantErr []string
		dialect string // DatabaseURLForDialect
		origin  string
	}{
		{name: "unset variable", env: envMap{},
			wantErr: []string{FileName + ":2:", "database_url: environment variable NOPE is not set", "--database-url"},
			dialect: "postgres://u:@h/db", origin: FileName + ":2"},
		{name: "set variable", env: envMap{"NOPE": "pw"},
			want: "postgres://u:pw@h/db", dialect: "postgres://u:pw@h/db", origin: FileName + ":2"},
		{name: "environment overrides", env: envMap{"DATABASE_URL": "postgres://env@h/db"},
			want: "postgres://env@h/db", dialect: "postgres://env@h/db", origin: "env DATABASE_URL"},
		{name: "flag overrides", env: envMap{}, flags: map[string]string{"database_url": "sqlite:x.db"},
			want: "sqlite:x.db", dialect: "sqlite:x.db", origin: "flag --database-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := project(t, map[string]string{FileName: file})
			c, err := Load(Options{WorkDir: dir, LookupEnv: tt.env.lookup, Flags: tt.flags})
			if err != nil {
				t.Fatalf("Load: %v (an unset variable must not fail Load)", err)
			}
			got, err := c.DatabaseURLValue()
			if len(tt.wantErr) > 0 {
				var ce *Error
				if !errors.As(err, &ce) || ce.Line != 2 {
					t.Fatalf("DatabaseURLValue error = %v, want a *config.Error at line 2", err)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not contain %q", err, w)
					}
				}
			} else if err != nil || got != tt.want {
				t.Errorf("DatabaseURLValue = %q, %v; want %q", got, err, tt.want)
			}
			eq(t, c.DatabaseURLForDialect(), tt.dialect)
			eq(t, strings.TrimPrefix(c.Origin("database_url"), dir+string(filepath.Separator)), tt.origin)
		})
	}
}

func TestKeyLine(t *testing.T) {
	text := "a = 1\n\"b\" = 2\n[autogenerate]\ninclude = []\n# c\n  exclude=[]\n[other]\nautogenerate.schemas = []\n"
	tests := []struct {
		table, name string
		want        int
	}{
		{"", "a", 1}, {"", "b", 2}, {"", "autogenerate", 3}, {"autogenerate", "include", 4},
		{"autogenerate", "exclude", 6}, {"", "missing", 0},
	}
	for _, tt := range tests {
		if got := keyLine(text, tt.table, tt.name); got != tt.want {
			t.Errorf("keyLine(%q, %q) = %d, want %d", tt.table, tt.name, got, tt.want)
		}
	}
}

func TestExpandEnv(t *testing.T) {
	env := envMap{"A": "x", "EMPTY": ""}
	tests := []struct{ in, want, err string }{
		{in: "$A-${A}", want: "x-x"},
		{in: "p$$w", want: "p$w"},
		{in: "${EMPTY}z", want: "z"},
		{in: "${B}${C}", err: "B, C is not set"},
	}
	for _, tt := range tests {
		got, err := expandEnv(tt.in, env.lookup)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("expandEnv(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("expandEnv(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := Keys()
	for in, want := range map[string]string{
		"databse_url": "database_url", "DATABASE_URL": "database_url", "versiontable": "version_table", "nothing_like": "",
	} {
		if got := suggest.Closest(in, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func eq[T any](t *testing.T, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}
