package cli

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/cmddoc"
)

var updateCommands = flag.Bool("update-commands", false, "rewrite docs/commands from the command tree")

// commandsDir is the command reference in the repository.
var commandsDir = filepath.Join("..", "docs", "commands")

// TestCommandReference fails when docs/commands is not what the command
// tree says: a command, flag or help text changed without
// `go generate ./cli` (or go test ./cli -run TestCommandReference -update-commands).
func TestCommandReference(t *testing.T) {
	files := cmddoc.Files(NewRootCommand(WithVersion("dev")))
	if *updateCommands {
		if err := cmddoc.Write(commandsDir, files); err != nil {
			t.Fatal(err)
		}
	}
	stale, err := cmddoc.Diff(commandsDir, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) > 0 {
		t.Errorf("docs/commands is out of date (%s): run `go generate ./cli`", strings.Join(stale, ", "))
	}
	for _, want := range []string{"README.md", "migrate.md", "migrate_upgrade.md", "migrate_init.md"} {
		if _, ok := files[want]; !ok {
			t.Errorf("no %s generated", want)
		}
	}
	if up := string(files["migrate_upgrade.md"]); !strings.Contains(up, "--sql") || !strings.Contains(up, "--database-url") {
		t.Errorf("migrate_upgrade.md lacks its flags:\n%s", up)
	}
}
