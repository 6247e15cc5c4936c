// Package cmddoc writes the command reference of a cobra command tree as
// Markdown, one file per command: what `migrate CMD --help` says, in the
// repository (docs/commands/), so that the reference never drifts from
// the code. cobra's own doc package would do the same but brings a man
// page renderer and a YAML library into the module.
package cmddoc

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
)

// Files renders the reference of root and its subcommands: file name →
// content, with an index README.md. Hidden commands and cobra's help and
// completion commands are left out.
func Files(root *cobra.Command) map[string][]byte {
	root.InitDefaultHelpCmd()
	files := map[string][]byte{}
	var all []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !documented(c) {
			return
		}
		all = append(all, c)
		files[fileName(c)] = page(c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	files["README.md"] = index(root, all)
	return files
}

// documented reports whether c belongs in the reference.
func documented(c *cobra.Command) bool {
	if c.Hidden || c.Deprecated != "" {
		return false
	}
	switch c.Name() {
	case "help", "completion":
		return c.Parent() == nil
	}
	return true
}

// fileName is "migrate_upgrade.md" for `migrate upgrade`.
func fileName(c *cobra.Command) string {
	return strings.ReplaceAll(c.CommandPath(), " ", "_") + ".md"
}

// page renders one command.
func page(c *cobra.Command) []byte {
	var b bytes.Buffer
	b.WriteString(generatedNote)
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", c.CommandPath(), sentence(c.Short))
	fmt.Fprintf(&b, "```\n%s\n```\n\n", c.UseLine())
	if long := strings.TrimSpace(c.Long); long != "" {
		fmt.Fprintf(&b, "%s\n\n", long)
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(&b, "Aliases: %s\n\n", strings.Join(c.Aliases, ", "))
	}
	if ex := strings.TrimRight(c.Example, " \n"); ex != "" {
		fmt.Fprintf(&b, "## Examples\n\n```\n%s\n```\n\n", ex)
	}
	if subs := visibleSubcommands(c); len(subs) > 0 {
		b.WriteString("## Commands\n\n")
		for _, s := range subs {
			fmt.Fprintf(&b, "- [%s](%s): %s\n", s.Name(), fileName(s), sentence(s.Short))
		}
		b.WriteString("\n")
	}
	if fl := c.NonInheritedFlags(); fl.HasAvailableFlags() {
		fmt.Fprintf(&b, "## Options\n\n```\n%s```\n\n", fl.FlagUsages())
	}
	if fl := c.InheritedFlags(); fl.HasAvailableFlags() {
		fmt.Fprintf(&b, "## Options of every command\n\n```\n%s```\n\n", fl.FlagUsages())
	}
	if p := c.Parent(); p != nil {
		fmt.Fprintf(&b, "See also: [%s](%s), the [command index](README.md).\n", p.CommandPath(), fileName(p))
	}
	return append(bytes.TrimRight(b.Bytes(), "\n"), '\n')
}

// generatedNote heads every generated file.
const generatedNote = "<!-- Generated from the command tree by internal/cmddoc: do not edit; run `go generate ./cli` to refresh. -->\n\n"

// index lists every command with its one-line summary.
func index(root *cobra.Command, all []*cobra.Command) []byte {
	var b bytes.Buffer
	b.WriteString(generatedNote)
	fmt.Fprintf(&b, "# Command reference\n\n%s\n\n", sentence(root.Short))
	b.WriteString("Every page is what `" + root.Name() + " COMMAND --help` prints. Exit status: 0 success, 1 a check failed, 2 usage or input error, 3 database or migration failure.\n\n")
	b.WriteString("| command | what it does |\n|---|---|\n")
	sorted := append([]*cobra.Command(nil), all...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].CommandPath() < sorted[j].CommandPath() })
	for _, c := range sorted {
		fmt.Fprintf(&b, "| [`%s`](%s) | %s |\n", c.CommandPath(), fileName(c), sentence(c.Short))
	}
	return b.Bytes()
}

func visibleSubcommands(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, s := range c.Commands() {
		if documented(s) {
			out = append(out, s)
		}
	}
	return out
}

// sentence ends a summary with a period.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// Write replaces the Markdown files of dir with files: it removes the
// .md files that are no longer generated and writes the others.
func Write(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cmddoc: %w", err)
	}
	old, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return fmt.Errorf("cmddoc: %w", err)
	}
	for _, p := range old {
		if _, ok := files[filepath.Base(p)]; !ok {
			if err := os.Remove(p); err != nil {
				return fmt.Errorf("cmddoc: %w", err)
			}
		}
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
			return fmt.Errorf("cmddoc: %w", err)
		}
	}
	return nil
}

// Diff compares dir with files and returns the names that differ, are
// missing or are left over, sorted; none when dir is up to date.
func Diff(dir string, files map[string][]byte) ([]string, error) {
	var out []string
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil && !os.IsNotExist(err) {
			return nil, fmt.Errorf("cmddoc: %w", err)
		}
		if !bytes.Equal(got, want) {
			out = append(out, name)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("cmddoc: %w", err)
	}
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok && strings.HasSuffix(e.Name(), ".md") {
			out = append(out, e.Name()+" (no such command)")
		}
	}
	sort.Strings(out)
	return out, nil
}
