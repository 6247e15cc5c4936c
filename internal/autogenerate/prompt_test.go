package autogenerate

import (
	"strings"
	"testing"

	"github.com/migratego/migrate/autogen"
)

func TestPrompt(t *testing.T) {
	column := autogen.RenameCandidate{Kind: "column", Table: "users", From: "email", To: "email_address"}
	table := autogen.RenameCandidate{Kind: "table", Schema: "app", From: "users", To: "accounts"}
	cases := []struct {
		input    string
		c        autogen.RenameCandidate
		want     bool
		question string
	}{
		{"y\n", column, true, "Did you rename users.email to users.email_address? [y/N] "},
		{"YES\n", column, true, "Did you rename users.email to users.email_address? [y/N] "},
		{"\n", column, false, "Did you rename users.email to users.email_address? [y/N] "},
		{"n\n", table, false, "Did you rename table app.users to app.accounts? [y/N] "},
		{"", table, false, "Did you rename table app.users to app.accounts? [y/N] \n"},
	}
	for _, c := range cases {
		var out strings.Builder
		if got := Prompt(strings.NewReader(c.input), &out)(c.c); got != c.want {
			t.Errorf("answer %q: rename = %v, want %v", c.input, got, c.want)
		}
		if out.String() != c.question {
			t.Errorf("answer %q: asked %q, want %q", c.input, out.String(), c.question)
		}
	}
}
