package scriptdir

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Project templates of Init.
const (
	// TemplateGo writes env.go, the Go file declaring the target model.
	TemplateGo = "go"
	// TemplateSQL is for projects that write revisions as SQL files only.
	TemplateSQL = "sql"
)

// InitOptions says where Init starts a project.
type InitOptions struct {
	// ConfigPath is the absolute path of the configuration file to write.
	ConfigPath string
	// ScriptDir is the absolute path of the script directory to create.
	ScriptDir string
	// Template is TemplateGo or TemplateSQL; empty chooses TemplateGo when
	// the script directory lies in a Go module (a go.mod in it or above
	// it), else TemplateSQL.
	Template string
	// WorkDir is the working directory: Initialized shows paths relative
	// to it.
	WorkDir string
}

// Initialized is what Init made, as `migrate init` reports it (--json,
// and Write).
type Initialized struct {
	// Config is the configuration file (absolute) and Template the
	// template used.
	Config   string `json:"config"`
	Template string `json:"template"`
	// Created are the paths made, shown relative to the working directory
	// (directories with a trailing separator).
	Created []string `json:"created"`
	// shownConfig is Config as shown.
	shownConfig string
}

// Write prints a "Created <path>" line per path made and, with advice,
// what to do next.
func (r *Initialized) Write(w io.Writer, advice bool) error {
	for _, p := range r.Created {
		fmt.Fprintf(w, "Created %s\n", p)
	}
	if advice {
		fmt.Fprintf(w, "\nNext: set database_url in %s (now a SQLite file, app.db), then run `%s info`.\n", r.shownConfig, CommandName(r.Template))
	}
	return nil
}

// Init starts a project, like alembic init: it refuses to overwrite a
// configuration file or to use a non-empty script directory, then makes
// the script directory, versions/, env.go (go template), the
// configuration file and the .gitignore entries of the default SQLite
// database, and returns what it created. On failure it removes what it created, so that
// Init can simply be re-run. Problems of the request (a bad template, an
// existing file, a non-empty directory) are *InputError; others are I/O
// failures.
func Init(o InitOptions) (*Initialized, error) {
	if o.Template == "" {
		o.Template = DefaultTemplate(o.ScriptDir)
	}
	if o.Template != TemplateGo && o.Template != TemplateSQL {
		return nil, inputErrorf("init: unknown template %q (use go or sql)", o.Template)
	}
	if err := checkInitTargets(o.ConfigPath, o.ScriptDir); err != nil {
		return nil, err
	}
	loc, err := filepath.Rel(filepath.Dir(o.ConfigPath), o.ScriptDir)
	if err != nil {
		loc = o.ScriptDir
	}
	toml, err := renderTOML(filepath.ToSlash(loc), o.Template)
	if err != nil {
		return nil, fmt.Errorf("init: render %s: %w", filepath.Base(o.ConfigPath), err)
	}
	made, err := createProject(o.ConfigPath, o.ScriptDir, o.Template, toml)
	if err != nil {
		return nil, err
	}
	r := &Initialized{Config: o.ConfigPath, Template: o.Template, shownConfig: Display(o.WorkDir, o.ConfigPath)}
	for _, p := range made {
		r.Created = append(r.Created, Display(o.WorkDir, p))
	}
	return r, nil
}

// createProject makes the script directory, versions/, env.go (go
// template), the configuration file and the .gitignore entries of the
// default SQLite database, and returns what it created. On
// failure it removes what it created.
func createProject(tomlPath, scriptDir, tmpl, toml string) (made []string, err error) {
	var undo []string // paths to remove on failure, deepest last
	defer func() {
		if err != nil {
			for i := len(undo) - 1; i >= 0; i-- {
				os.Remove(undo[i])
			}
		}
	}()
	mkdir := func(dir string) error {
		var missing []string
		for d := dir; ; d = filepath.Dir(d) {
			if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
				break
			}
			missing = append(missing, d)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("init: create %s: %w", dir, err)
		}
		for i := len(missing) - 1; i >= 0; i-- {
			undo = append(undo, missing[i])
		}
		return nil
	}
	write := func(path, content string) error {
		if err := writeNew(path, content); err != nil {
			return err
		}
		undo = append(undo, path)
		made = append(made, path)
		return nil
	}

	versions := filepath.Join(scriptDir, "versions")
	if err := mkdir(versions); err != nil {
		return nil, err
	}
	made = append(made, scriptDir+string(filepath.Separator), versions+string(filepath.Separator))
	if tmpl == TemplateGo {
		if err := write(filepath.Join(scriptDir, "env.go"), renderEnvGo(PackageName(scriptDir))); err != nil {
			return nil, err
		}
	}
	if err := mkdir(filepath.Dir(tomlPath)); err != nil {
		return nil, err
	}
	if err := write(tomlPath, toml); err != nil {
		return nil, err
	}
	// Last, since an existing .gitignore is appended to and cannot be
	// undone: nothing after it can fail.
	ignore := filepath.Join(filepath.Dir(tomlPath), ".gitignore")
	created, err := addGitignore(ignore)
	if err != nil {
		return nil, err
	}
	if created {
		made = append(made, ignore)
	}
	return made, nil
}

// gitignoreEntries are the files of the default SQLite database
// (database_url = "sqlite:app.db"): the database, its journal, WAL and
// shared-memory files, and the migration lock file, which Unix removes
// after each run but Windows keeps.
var gitignoreEntries = []string{"/app.db", "/app.db-journal", "/app.db-wal", "/app.db-shm", "/app.db.migrate-lock"}

// addGitignore writes the entries of the default database into the
// .gitignore at path: a new file, or the lines an existing one lacks
// appended. It reports whether it created the file.
func addGitignore(path string) (bool, error) {
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("init: read %s: %w", path, err)
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(old), "\n") {
		have[strings.TrimSpace(l)] = true
	}
	var add []string
	for _, e := range gitignoreEntries {
		if !have[e] {
			add = append(add, e)
		}
	}
	if len(add) == 0 {
		return false, nil
	}
	text := "# migrate: the SQLite database of migrate.toml (sqlite:app.db) and its side files\n" + strings.Join(add, "\n") + "\n"
	if old == nil {
		return true, writeNew(path, text)
	}
	if len(old) > 0 && old[len(old)-1] != '\n' {
		text = "\n" + text
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return false, fmt.Errorf("init: %w", err)
	}
	_, err = io.WriteString(f, text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return false, fmt.Errorf("init: write %s: %w", path, err)
	}
	return false, nil
}

// checkInitTargets refuses to overwrite a configuration file or to use a
// non-empty script directory.
func checkInitTargets(tomlPath, scriptDir string) error {
	if _, err := os.Stat(tomlPath); err == nil {
		return inputErrorf("init: %s already exists; remove it to start over, or use -c to write the configuration elsewhere", tomlPath)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return inputErrorf("init: %s: %w", tomlPath, err)
	}
	st, err := os.Stat(scriptDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return inputErrorf("init: script directory %s: %w", scriptDir, err)
	case !st.IsDir():
		return inputErrorf("init: %s exists and is not a directory; choose another script directory (migrate init DIR)", scriptDir)
	}
	entries, err := os.ReadDir(scriptDir)
	if err != nil {
		return inputErrorf("init: script directory %s: %w", scriptDir, err)
	}
	if len(entries) > 0 {
		return inputErrorf("init: script directory %s is not empty; choose another directory (migrate init DIR) or empty it", scriptDir)
	}
	return nil
}

// writeNew creates a file that must not exist yet.
func writeNew(path, content string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return inputErrorf("init: %s already exists", path)
		}
		return fmt.Errorf("init: %w", err)
	}
	if _, err := io.WriteString(f, content); err != nil {
		f.Close()
		return fmt.Errorf("init: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("init: write %s: %w", path, err)
	}
	return nil
}

// DefaultTemplate returns the template of a new script directory:
// TemplateGo when it lies in a Go module (a go.mod in it or above it),
// else TemplateSQL, since Go revisions are built with their module.
func DefaultTemplate(scriptDir string) string {
	if inGoModule(scriptDir) {
		return TemplateGo
	}
	return TemplateSQL
}

// inGoModule reports whether dir or one of its parents holds a go.mod.
func inGoModule(dir string) bool {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if st, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !st.IsDir() {
			return true
		}
		if filepath.Dir(d) == d {
			return false
		}
	}
}

// CommandName returns how the documentation has a project of template
// tmpl run migrate: `go tool migrate` in a Go project, which requires
// migrate as a tool of its module (Go revisions are built with it), and
// `migrate` elsewhere.
func CommandName(tmpl string) string {
	if tmpl == TemplateGo {
		return "go tool migrate"
	}
	return "migrate"
}
