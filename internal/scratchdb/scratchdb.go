// Package scratchdb gives autogenerate, check and the stairway test a
// scratch database of the same kind as the project's database: SQL schema
// files are applied to it and the result is inspected into a model, or
// revisions are run on it, and it is thrown away afterwards.
//
// Where the scratch database lives:
//
//   - SQLite: a private in-memory database;
//   - PostgreSQL, MySQL and MariaDB: a temporary database with a unique
//     name (migrate_scratch_…) created on the server of the project's
//     database, with its defaults, and dropped by Close;
//   - or a development database the user names (--dev-url, [model]
//     dev_url), which must be empty: Close drops what was created in it,
//     so that it is empty again for the next run.
package scratchdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/model"
)

// Prefix starts the name of every temporary database, so that one left
// behind by a killed process is recognisable.
const Prefix = "migrate_scratch_"

// DB is an open scratch database. Close it: that removes it.
type DB struct {
	// DB is the connection to the scratch database.
	*dialect.DB
	// Dev reports that the scratch database is the user's development
	// database rather than a temporary one.
	Dev bool

	admin   *dialect.DB // the connection that created the database, or nil
	name    string      // the temporary database's name, or ""
	creator dialect.DatabaseCreator
}

// UserError is a scratch database that cannot be used as asked: a
// development database that is not empty or of another kind. Its message
// says what to do.
type UserError struct{ Err error }

// Error implements the error interface.
func (e *UserError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *UserError) Unwrap() error { return e.Err }

// Open opens a scratch database for the database of targetURL: the
// development database devURL when it is not empty, else a temporary one
// (see the package doc). The caller must Close it.
func Open(ctx context.Context, targetURL, devURL string) (*DB, error) {
	target, err := dialect.ParseURL(targetURL)
	if err != nil {
		return nil, err
	}
	if devURL != "" {
		return openDev(ctx, target, devURL)
	}
	if mem, ok := target.MemoryURL(); ok {
		db, err := dialect.Open(ctx, mem)
		if err != nil {
			return nil, fmt.Errorf("scratch database: %w", err)
		}
		return &DB{DB: db}, nil
	}
	return openTemporary(ctx, target)
}

// openTemporary creates a database with a unique name on the server of
// target and connects to it.
func openTemporary(ctx context.Context, target *dialect.URL) (*DB, error) {
	admin, err := dialect.OpenURL(ctx, target)
	if err != nil {
		return nil, fmt.Errorf("scratch database: %w", err)
	}
	creator, ok := admin.Dialect.(dialect.DatabaseCreator)
	if !ok {
		admin.Close()
		return nil, fmt.Errorf("scratch database: %s cannot create databases; name an empty database with --dev-url", admin.Dialect.Name())
	}
	name := Prefix + randomSuffix()
	if err := creator.CreateDatabase(ctx, admin.DB, name); err != nil {
		admin.Close()
		return nil, &UserError{Err: fmt.Errorf("cannot create a temporary database on the server of %s: %w; "+
			"allow the user to create databases, or name an empty database with --dev-url (or dev_url in [model] of migrate.toml)",
			target.Redacted, err)}
	}
	s := &DB{admin: admin, name: name, creator: creator}
	u, err := target.WithDatabase(name)
	if err == nil {
		s.DB, err = dialect.OpenURL(ctx, u)
	}
	if err == nil {
		err = creator.PrepareLike(ctx, s.DB.DB, admin.DB)
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("scratch database: %w", err), s.Close())
	}
	return s, nil
}

// openDev connects to the user's development database and checks that it
// is empty and of the target's kind.
func openDev(ctx context.Context, target *dialect.URL, devURL string) (*DB, error) {
	u, err := dialect.ParseURL(devURL)
	if err != nil {
		return nil, &UserError{Err: fmt.Errorf("dev database: %w", err)}
	}
	if u.Dialect != target.Dialect {
		return nil, &UserError{Err: fmt.Errorf("the dev database %s is %s but the project's database is %s; name a %s database",
			u.Redacted, u.Dialect, target.Dialect, target.Dialect)}
	}
	db, err := dialect.OpenURL(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("dev database: %w", err)
	}
	md, err := inspect.Database(ctx, db, inspect.Options{})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("dev database %s: %w", u.Redacted, err)
	}
	if what := firstObject(md); what != "" {
		db.Close()
		return nil, &UserError{Err: fmt.Errorf("the dev database %s is not empty (it has %s); "+
			"migrate creates the model in it and empties it afterwards, so name an empty database", u.Redacted, what)}
	}
	return &DB{DB: db, Dev: true}, nil
}

// Close removes the scratch database: it drops a temporary database, and
// drops everything in a development database. It is safe to call after a
// failure, and more than once. It gives the server up to five minutes:
// PostgreSQL's DROP DATABASE waits for a checkpoint, which queues behind
// others on a busy server.
func (s *DB) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var errs []error
	if s.Dev && s.DB != nil {
		errs = append(errs, s.empty(ctx))
	}
	if s.DB != nil {
		errs = append(errs, s.DB.Close())
		s.DB = nil
	}
	if s.admin != nil {
		if err := s.creator.DropDatabase(ctx, s.admin.DB, s.name); err != nil {
			errs = append(errs, fmt.Errorf("scratch database: %w; drop it by hand", err))
		}
		errs = append(errs, s.admin.Close())
		s.admin = nil
	}
	return errors.Join(errs...)
}

// empty drops every object of the development database.
func (s *DB) empty(ctx context.Context) error {
	md, err := inspect.Database(ctx, s.DB, inspect.Options{})
	if err != nil {
		return fmt.Errorf("empty the dev database: %w", err)
	}
	stmts, err := dialect.DropAll(s.Dialect, md)
	if err != nil {
		return fmt.Errorf("empty the dev database: %w", err)
	}
	for _, st := range stmts {
		if _, err := s.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("empty the dev database %s: %s: %w", s.URL.Redacted, st, err)
		}
	}
	return nil
}

// ApplyError is a statement of a schema file that the scratch database
// refused (or a file that cannot be split into statements).
type ApplyError struct {
	// File is the file as named to Apply; Line the statement's first line.
	File string
	Line int
	// Statement is the statement's text (empty for a lexer error).
	Statement string
	Err       error
	// Hint says what to do, when the dialect knows (see dialect.Hint).
	Hint string
}

// Error implements the error interface.
func (e *ApplyError) Error() string {
	if e.Statement == "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	msg := fmt.Sprintf("%s:%d: %v\n  in: %s", e.File, e.Line, e.Err, shorten(e.Statement))
	if e.Hint != "" {
		msg += "\n  " + e.Hint
	}
	return msg
}

// Unwrap returns the database's error.
func (e *ApplyError) Unwrap() error { return e.Err }

// Inspect reads the scratch database's schema.
func (s *DB) Inspect(ctx context.Context, opts inspect.Options) (*model.MetaData, error) {
	md, err := inspect.Database(ctx, s.DB, opts)
	if err != nil {
		return nil, fmt.Errorf("scratch database: %w", err)
	}
	return md, nil
}

// File is a SQL schema file: its path, and its name in messages.
type File struct{ Path, Name string }

// LoadModel opens a scratch database for targetURL (see Open), applies the
// files in order, inspects the result with opts and removes the scratch
// database.
func LoadModel(ctx context.Context, targetURL, devURL string, files []File, opts inspect.Options) (md *model.MetaData, err error) {
	s, err := Open(ctx, targetURL, devURL)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := s.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	for _, f := range files {
		if err := s.ApplyFile(ctx, f.Path, f.Name); err != nil {
			return nil, err
		}
	}
	return s.Inspect(ctx, opts)
}

// firstObject names one object of md, or returns "" when md is empty.
func firstObject(md *model.MetaData) string {
	switch {
	case len(md.Tables) > 0:
		return "table " + md.Tables[0].QualifiedName()
	case len(md.Views) > 0:
		return "view " + md.Views[0].Name
	case len(md.Enums) > 0:
		return "type " + md.Enums[0].Name
	case len(md.Sequences) > 0:
		return "sequence " + md.Sequences[0].Name
	case len(md.Domains) > 0:
		return "domain " + md.Domains[0].Name
	case len(md.Definitions) > 0:
		return md.Definitions[0].Identity()
	case len(md.Schemas) > 0:
		return "schema " + md.Schemas[0].Name
	case len(md.Extensions) > 0:
		return "extension " + md.Extensions[0].Name
	}
	return ""
}

// shorten cuts a statement to a readable length for a message.
func shorten(stmt string) string {
	stmt = strings.Join(strings.Fields(stmt), " ")
	if len(stmt) > 200 {
		return stmt[:200] + " …"
	}
	return stmt
}

// randomSuffix returns 12 random hex digits.
func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
