package scriptdir

import (
	_ "embed"
	"fmt"
	"path"
	"strings"
	"text/template"
)

// envGoTemplate is the env.go of the go template; it is the compiled file
// scriptdir/scaffold/migrations/env.go, so it always builds.
//
//go:embed scaffold/migrations/env.go
var envGoTemplate string

// tomlData fills the migrate.toml template.
type tomlData struct {
	// Script and Versions are TOML strings, quoted.
	Script, Versions string
	Template         string
}

var tomlTemplate = template.Must(template.New("migrate.toml").Parse(`# migrate.toml: configuration of migrate (schema migrations).
#
# Precedence: command-line flag > MIGRATE_* environment variable > this
# file > default. Relative paths are relative to this file's directory.
# Unknown keys are errors, so typos do not go unnoticed.
{{- if eq .Template "sql"}}
#
# This project writes revisions as SQL files in versions/, like this:
#
#   -- migrate:id 3f2a9c1b7d4e
#   -- migrate:revises 0c1d2e3f4a5b
#   -- migrate:message add users table
#
#   -- migrate:upgrade
#   CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
#
#   -- migrate:downgrade
#   DROP TABLE users;
#
# The header may also hold labels, depends_on, create_date,
# "transactional false" (run outside a transaction) and "dialect postgres"
# (or mysql, sqlite) for a script written for one database. Statements may
# use the full syntax of the database: strings, comments, PostgreSQL
# dollar-quoted bodies, MySQL DELIMITER.
#
# Create one with:  migrate revision -m "create users"
{{- end}}

# Directory of the migration scripts{{if eq .Template "go"}} (env.go){{end}} and versions/.
script_location = {{.Script}}

# Directories of revision files, loaded in order; default
# ["<script_location>/versions"].
# version_locations = [{{.Versions}}]

# The database. ${VAR} and $VAR are replaced by environment variables ($$ is
# a literal $), so that no password needs to be written here:
#   postgres://app:${DB_PASSWORD}@localhost:5432/app?sslmode=disable
#   mysql://app:${DB_PASSWORD}@localhost:3306/app
#   sqlite:app.db   (a file, relative to this file)   sqlite::memory:
# MIGRATE_DATABASE_URL, then DATABASE_URL, override it.
database_url = "sqlite:app.db"

# Tables where migrate records the applied revisions (one row per head)
# and the history of every step.
version_table = "migrate_version"
# version_table_schema = "public"
history_table = "migrate_history"

# Name of new revision files, with Alembic's tokens: %(rev)s %(slug)s
# %(year)d %(month).2d %(day).2d %(hour).2d %(minute).2d %(second).2d %(epoch)s.
# file_template = "%(rev)s_%(slug)s"

# Time zone of revision dates (IANA name).
timezone = "UTC"

# true: one transaction per revision; false: one for the whole run, where
# the database supports transactional DDL.
transaction_per_migration = true

# How long to wait for the migration lock held by another migrate process.
lock_timeout = "60s"

[autogenerate]
# Glob patterns of the tables to compare (empty: all) and to ignore;
# "schema.table" matches qualified names.
include = []
exclude = []
# Schemas to compare, names or globs ("*": every schema); empty: the
# connection's default schema.
schemas = []

[model]
# The schema the database should have, for autogenerate and check: SQL
# files (globs allowed) applied to a scratch database{{if eq .Template "go"}}, instead of
# Target() in env.go{{end}}.
# sql = ["schema.sql"]
# dev_url = ""   # an empty database for them; default: a temporary one
`))

// renderTOML returns the migrate.toml of a new project.
func renderTOML(scriptLocation, tmpl string) (string, error) {
	var b strings.Builder
	err := tomlTemplate.Execute(&b, tomlData{
		Script:   tomlQuote(scriptLocation),
		Versions: tomlQuote(path.Join(scriptLocation, "versions")),
		Template: tmpl,
	})
	return b.String(), err
}

// tomlQuote returns s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// renderEnvGo returns env.go with the given package name.
func renderEnvGo(pkg string) string {
	return strings.Replace(envGoTemplate, "package migrations", "package "+pkg, 1)
}
