package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/scriptdir"
)

func newInitCommand(app *App) *cobra.Command {
	var tmpl string
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create migrate.toml and a script directory (default: migrations)",
		Long: `init starts a project, like alembic init: it writes migrate.toml in the
current directory (or the file named by -c) and creates the script
directory DIR (default: --dir, else "migrations") with versions/ inside.

--template go (default) also writes DIR/env.go, a Go file declaring the
target model for autogenerate; --template sql is for projects that write
revisions as SQL files only.

The new project uses a SQLite file (sqlite:app.db), so it works at once;
edit database_url in migrate.toml for another database.`,
		Example: `  migrate init
  migrate init db --template sql`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := config.DefaultScriptLocation
			switch {
			case len(args) == 1:
				dir = args[0]
			case app.flags.dir != "":
				dir = app.flags.dir
			}
			return runInit(app, dir, tmpl)
		},
	}
	cmd.Flags().StringVar(&tmpl, "template", "go", "project template: go (with env.go) or sql")
	return cmd
}

// initResult is the --json output of init.
type initResult struct {
	Config   string   `json:"config"`
	Template string   `json:"template"`
	Created  []string `json:"created"`
}

func runInit(app *App, dir, tmpl string) error {
	if tmpl != "go" && tmpl != "sql" {
		return Usagef("init: unknown template %q (use go or sql)", tmpl)
	}
	wd := app.WorkDir()
	tomlPath := filepath.Join(wd, config.FileName)
	if f := app.ConfigFlag(); f != "" {
		tomlPath = abs(wd, f)
	}
	scriptDir := abs(wd, dir)
	if err := checkInitTargets(tomlPath, scriptDir); err != nil {
		return err
	}
	loc, err := filepath.Rel(filepath.Dir(tomlPath), scriptDir)
	if err != nil {
		loc = scriptDir
	}
	toml, err := renderTOML(filepath.ToSlash(loc), tmpl)
	if err != nil {
		return fmt.Errorf("init: render %s: %w", config.FileName, err)
	}

	res := initResult{Config: tomlPath, Template: tmpl}
	made, err := createProject(tomlPath, scriptDir, tmpl, toml)
	if err != nil {
		return err
	}
	for _, p := range made {
		res.Created = append(res.Created, display(wd, p))
	}

	return app.Result(res, func(w io.Writer) error {
		for _, p := range res.Created {
			fmt.Fprintf(w, "Created %s\n", p)
		}
		fmt.Fprintf(w, "\nNext: set database_url in %s (now a SQLite file, app.db), then run `migrate info`.\n",
			display(wd, tomlPath))
		return nil
	})
}

// createProject makes the script directory, versions/, env.go (go
// template), the configuration file and the .gitignore entries of the
// default SQLite database, and returns what it created. On
// failure it removes what it created, so that init can simply be re-run.
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
			return Failure(fmt.Errorf("init: create %s: %w", dir, err))
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
	if tmpl == "go" {
		if err := write(filepath.Join(scriptDir, "env.go"), renderEnvGo(scriptdir.PackageName(scriptDir))); err != nil {
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
		return false, Failure(fmt.Errorf("init: read %s: %w", path, err))
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
		return false, Failure(fmt.Errorf("init: %w", err))
	}
	_, err = io.WriteString(f, text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return false, Failure(fmt.Errorf("init: write %s: %w", path, err))
	}
	return false, nil
}

// checkInitTargets refuses to overwrite a configuration file or to use a
// non-empty script directory.
func checkInitTargets(tomlPath, scriptDir string) error {
	if _, err := os.Stat(tomlPath); err == nil {
		return Usagef("init: %s already exists; remove it to start over, or use -c to write the configuration elsewhere", tomlPath)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return Usagef("init: %s: %w", tomlPath, err)
	}
	st, err := os.Stat(scriptDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return Usagef("init: script directory %s: %w", scriptDir, err)
	case !st.IsDir():
		return Usagef("init: %s exists and is not a directory; choose another script directory (migrate init DIR)", scriptDir)
	}
	entries, err := os.ReadDir(scriptDir)
	if err != nil {
		return Usagef("init: script directory %s: %w", scriptDir, err)
	}
	if len(entries) > 0 {
		return Usagef("init: script directory %s is not empty; choose another directory (migrate init DIR) or empty it", scriptDir)
	}
	return nil
}

// writeNew creates a file that must not exist yet.
func writeNew(path, content string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return Usagef("init: %s already exists", path)
		}
		return Failure(fmt.Errorf("init: %w", err))
	}
	if _, err := io.WriteString(f, content); err != nil {
		f.Close()
		return Failure(fmt.Errorf("init: write %s: %w", path, err))
	}
	if err := f.Close(); err != nil {
		return Failure(fmt.Errorf("init: write %s: %w", path, err))
	}
	return nil
}

// abs returns p made absolute against base.
func abs(base, p string) string { return scriptdir.Abs(base, p) }

// display shows p relative to the working directory when it is inside it.
func display(wd, p string) string { return scriptdir.Display(wd, p) }
