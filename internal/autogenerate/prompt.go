package autogenerate

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/migratego/migrate/autogen"
)

// Prompt returns the rename question of --interactive: for each compatible
// drop+add pair it writes "Did you rename users.email to
// users.email_address? [y/N] " to out and reads a line from in; "y" or
// "yes" (any case) makes it a rename, anything else (or the end of the
// input) keeps the drop and add.
func Prompt(in io.Reader, out io.Writer) func(autogen.RenameCandidate) bool {
	r := bufio.NewReader(in)
	return func(c autogen.RenameCandidate) bool {
		from, to := c.From, c.To
		if c.Kind == "column" {
			from, to = qualify(c.Table, from), qualify(c.Table, to)
		}
		from, to = qualify(c.Schema, from), qualify(c.Schema, to)
		if c.Kind == "table" {
			from = "table " + from
		}
		fmt.Fprintf(out, "Did you rename %s to %s? [y/N] ", from, to)
		line, err := r.ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintln(out)
			return false
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
			return true
		}
		return false
	}
}

// qualify is prefix.name, or name when prefix is empty.
func qualify(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
