package scriptdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/versions"
)

func TestRewriteRevisesSQL(t *testing.T) {
	tests := []struct {
		name, src string
		revises   []string
		want      string
	}{
		{"replace", "-- migrate:id b\n-- migrate:revises a\n-- migrate:message m\n\n-- migrate:upgrade\nSELECT 1;\n-- revises a: a comment of the body\n",
			[]string{"z"},
			"-- migrate:id b\n-- migrate:revises z\n-- migrate:message m\n\n-- migrate:upgrade\nSELECT 1;\n-- revises a: a comment of the body\n"},
		{"spelling and CRLF kept", "-- migrate:id b\r\n  --  migrate:Revises a, c\r\n-- migrate:upgrade\r\n",
			[]string{"x", "y"},
			"-- migrate:id b\r\n  --  migrate:Revises x y\r\n-- migrate:upgrade\r\n"},
		{"base gets a parent", "-- note\n-- migrate:id b\n-- migrate:message m\n-- migrate:upgrade\n",
			[]string{"a"},
			"-- note\n-- migrate:id b\n-- migrate:revises a\n-- migrate:message m\n-- migrate:upgrade\n"},
		{"to base", "-- migrate:id b\n-- migrate:revises a\n-- migrate:upgrade\n",
			nil,
			"-- migrate:id b\n-- migrate:revises\n-- migrate:upgrade\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RewriteRevises("b.sql", []byte(tt.src), tt.revises)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestRewriteRevisesGo(t *testing.T) {
	rendered := func(revises ...string) string {
		b, err := RenderGoFile(GoFile{Revision: &versions.Revision{ID: "b", Revises: revises, Message: "m", CreateDate: "2026-01-01 00:00:00"},
			UpgradeBody: "return op.Execute(ctx, \"SELECT 1\") // Revises: a"})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	inline := "package versions\n\nimport \"github.com/migratego/migrate/runner\"\n\nfunc init() { runner.Register(&runner.Revision{ID: \"b\",   Message: \"m\"}) }\n"
	tests := []struct {
		name, src string
		revises   []string
		want      string
	}{
		// The comment above init follows; the one in the body does not.
		{"replace", rendered("a"), []string{"z"}, rendered("z")},
		{"merge", rendered("a"), []string{"x", "y"}, rendered("x", "y")},
		{"base gets a parent", rendered(), []string{"a"}, rendered("a")},
		{"to base", rendered("a"), nil, strings.Replace(rendered(), "\t\tID:         \"b\",\n", "\t\tID:         \"b\",\n\t\tRevises:    nil,\n", 1)},
		{"not gofmt'd stays as written", inline, []string{"a"},
			strings.Replace(inline, `ID: "b",`, `ID: "b", Revises: []string{"a"},`, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RewriteRevises("b.go", []byte(tt.src), tt.revises)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestRewriteRevisesRefusals(t *testing.T) {
	if _, err := RewriteRevises("b.sql", []byte("-- migrate:id b\n-- migrate:upgrade\n"), []string{"a-b"}); err == nil {
		t.Error("an invalid parent id was written")
	}
	if _, err := RewriteRevises("b.sql", []byte("SELECT 1;\n"), []string{"a"}); err == nil || !strings.Contains(err.Error(), "b.sql") {
		t.Errorf("a malformed file: %v, want an error naming it", err)
	}
}

// TestReplaceFile: the new content, the old permissions, a new inode (so
// that the header cache reads the file again), no temporary file left.
func TestReplaceFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.sql")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)
	if err := ReplaceFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(p)
	if b, _ := os.ReadFile(p); string(b) != "new" || after.Mode().Perm() != 0o600 || os.SameFile(before, after) {
		t.Errorf("content %q, mode %v, same file %v", b, after.Mode().Perm(), os.SameFile(before, after))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the directory, want 1", len(entries))
	}
}
