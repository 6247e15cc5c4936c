package autogenerate

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/scratchdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/scriptdir"
)

// ModelSource says where the target model comes from. SQL schema files,
// when there are any, win over the Go model: --model on the command line
// replaces [model] sql of migrate.toml, and either replaces env.go's
// Target (Shadowed then reports that Target was left aside).
type ModelSource struct {
	// Files are the SQL schema files, in the order they are applied.
	Files []scratchdb.File
	// DevURL names an empty database to apply them to ("" for a temporary
	// one).
	DevURL string
	// Go is env.go's Target compiled into this program, or nil.
	Go func() *model.MetaData
}

// InputError is a model that cannot be loaded because of the user's input:
// no model at all, a schema file missing or refused, a dev database that
// cannot be used. Its message says what to do.
type InputError struct{ Err error }

// Error implements the error interface.
func (e *InputError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// ExitCode returns 2, the exit status of the migrate command for a usage
// or input error, so that a command may return an InputError as it is.
func (e *InputError) ExitCode() int { return 2 }

// ErrNoModel is the message when a project declares no model.
var ErrNoModel = errors.New("no model to compare the database with: declare func Target() *model.MetaData in env.go of the script directory, " +
	"list SQL schema files under [model] sql in migrate.toml, or pass --model schema.sql")

// Shadowed returns a warning when env.go's Target exists but SQL files
// are used instead, or "".
func (s ModelSource) Shadowed() string {
	if s.Go == nil || len(s.Files) == 0 {
		return ""
	}
	return fmt.Sprintf("the model is %s; env.go's Target() is not used (remove [model] sql or --model to use it)", s.Describe())
}

// Describe names the source for messages: "env.go Target()" or the files.
func (s ModelSource) Describe() string {
	if len(s.Files) == 0 {
		return "env.go Target()"
	}
	names := make([]string, len(s.Files))
	for i, f := range s.Files {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// Load returns the target model: the SQL files applied to a scratch
// database of the kind of targetURL and inspected with opts, or the Go
// model. Problems of the user's input are *InputError.
func (s ModelSource) Load(ctx context.Context, targetURL string, opts inspect.Options) (*model.MetaData, error) {
	if len(s.Files) == 0 {
		if s.Go == nil {
			return nil, &InputError{Err: ErrNoModel}
		}
		md, err := callTarget(s.Go)
		if err != nil {
			return nil, err
		}
		if md == nil {
			return nil, &InputError{Err: errors.New("env.go: Target() returned nil; return the model (an empty &model.MetaData{} for no tables)")}
		}
		if err := md.Validate(); err != nil {
			return nil, &InputError{Err: fmt.Errorf("env.go: Target(): %w", err)}
		}
		return md, nil
	}
	md, err := scratchdb.LoadModel(ctx, targetURL, s.DevURL, s.Files, opts)
	var ae *scratchdb.ApplyError
	var ue *scratchdb.UserError
	if errors.As(err, &ae) || errors.As(err, &ue) {
		return nil, &InputError{Err: fmt.Errorf("model: %w", err)}
	}
	return md, err
}

// ResolveFiles returns the SQL schema files of the model: the --model
// paths (relative to workDir) when given, else the [model] sql patterns of
// migrate.toml (absolute). Each entry is a file, a directory (its *.sql
// files, sorted) or a glob (its matches, sorted); an entry that names no
// file is an *InputError. Files are named relative to workDir.
func ResolveFiles(flagPaths, configPatterns []string, workDir string) ([]scratchdb.File, error) {
	entries, from := configPatterns, "[model] sql in migrate.toml"
	if len(flagPaths) > 0 {
		entries, from = nil, "--model"
		for _, p := range flagPaths {
			if !filepath.IsAbs(p) {
				p = filepath.Join(workDir, p)
			}
			entries = append(entries, p)
		}
	}
	var out []scratchdb.File
	seen := map[string]bool{}
	for _, e := range entries {
		paths, err := expand(e)
		if err != nil {
			return nil, &InputError{Err: fmt.Errorf("model: %s (%s): %w", scriptdir.Display(workDir, e), from, err)}
		}
		for _, p := range paths {
			if !seen[p] {
				seen[p] = true
				out = append(out, scratchdb.File{Path: p, Name: scriptdir.Display(workDir, p)})
			}
		}
	}
	return out, nil
}

// expand returns the files an entry names: the file itself, a
// directory's *.sql files, or a glob's matches.
func expand(entry string) ([]string, error) {
	if strings.ContainsAny(entry, "*?[") {
		matches, err := filepath.Glob(entry)
		if err != nil {
			return nil, fmt.Errorf("bad glob pattern: %w", err)
		}
		matches = slices.DeleteFunc(matches, func(p string) bool {
			st, err := os.Stat(p)
			return err != nil || st.IsDir()
		})
		if len(matches) == 0 {
			return nil, errors.New("matches no file")
		}
		slices.Sort(matches)
		return matches, nil
	}
	st, err := os.Stat(entry)
	if err != nil {
		return nil, errors.New("no such file or directory")
	}
	if !st.IsDir() {
		return []string{entry}, nil
	}
	matches, _ := filepath.Glob(filepath.Join(entry, "*.sql"))
	if len(matches) == 0 {
		return nil, errors.New("the directory holds no .sql file")
	}
	slices.Sort(matches)
	return matches, nil
}

// callTarget calls env.go's Target; a panic in it (a bad struct tag, say)
// is an *InputError with its message instead of a crash.
func callTarget(target func() *model.MetaData) (md *model.MetaData, err error) {
	defer recoverHook("env.go: Target()", &err)
	return target(), nil
}

// recoverHook turns a panic in the user's code named what into an
// *InputError in *err. It must be deferred.
func recoverHook(what string, err *error) {
	if r := recover(); r != nil {
		if at := panicSite(); at != "" {
			what += " panicked at " + at
		} else {
			what += " panicked"
		}
		*err = &InputError{Err: fmt.Errorf("%s: %v", what, r)}
	}
}

// panicSite returns "file:line" of the code that panicked, called from
// the deferred function that recovered: the first frame below the
// runtime's panic machinery (a nil map assignment panics inside
// runtime.mapassign; the user's line is the caller), or "" when there is
// none.
func panicSite() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs) // runtime.Callers, panicSite, recoverHook
	frames := runtime.CallersFrames(pcs[:n])
	inPanic := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic" || strings.HasPrefix(f.Function, "runtime.panic"):
			inPanic = true
		case inPanic && !strings.HasPrefix(f.Function, "runtime."):
			return fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		if !more {
			return ""
		}
	}
}
