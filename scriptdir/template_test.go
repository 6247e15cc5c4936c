package scriptdir

import (
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/versions"
)

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"":                          "",
		"Add users table":           "add_users_table",
		"  add   'email' column!! ": "add_email_column",
		"drop users.email (v2)":     "drop_users_email_v2",
		"Ajouter la télé":           "ajouter_la_télé",
		"!!!":                       "",
		"add a very long message that goes on and on":          "add_a_very_long_message_that_goes_on_and",
		"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz": "abcdefghijklmnopqrstuvwxyzabcdefghijklmn",
		"line one\nline two":                                   "line_one_line_two",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if n := len([]rune(Slug(in))); n > MaxSlugLength {
			t.Errorf("Slug(%q) has %d characters", in, n)
		}
	}
}

func TestFileName(t *testing.T) {
	now := time.Date(2024, 5, 1, 9, 3, 7, 0, time.UTC)
	rev := &versions.Revision{ID: "3f2a9c1b7d4e", Message: "Add users table"}
	cases := []struct {
		tmpl, ext, want, err string
	}{
		{"", ".go", "3f2a9c1b7d4e_add_users_table.go", ""},
		{DefaultFileTemplate, ".sql", "3f2a9c1b7d4e_add_users_table.sql", ""},
		{"%(year)d%(month).2d%(day).2d_%(hour).2d%(minute).2d%(second).2d_%(rev)s_%(slug)s", ".go", "20240501_090307_3f2a9c1b7d4e_add_users_table.go", ""},
		{"%(epoch)s_%(rev)s", ".sql", "1714554187_3f2a9c1b7d4e.sql", ""},
		{"%(year)s-%(month)02d-%(day)d_%(rev).4s", ".go", "2024-05-1_3f2a.go", ""},
		{"100%%_%(rev)s", ".go", "100%_3f2a9c1b7d4e.go", ""},
		{"%(rev)s_%(slug)s", ".go", "3f2a9c1b7d4e.go", "empty-message"},
		{"%(name)s", ".go", "", "unknown token %(name)"},
		{"%(rev)", ".go", "", "must end with the conversion s or d"},
		{"%(rev", ".go", "", "unterminated token"},
		{"%rev", ".go", "", "a '%' must start a token"},
		{"%(slug)d", ".go", "", "is a string: use %(slug)s"},
		{"%(year)d/%(rev)s", ".go", "", "may not contain a path separator"},
		{"_%(rev)s", ".go", "", "may not start with '.' or '_'"},
		{"%(rev)s_test", ".go", "", "may not end in _test"},
	}
	for _, tc := range cases {
		r := rev
		if tc.err == "empty-message" {
			r, tc.err = &versions.Revision{ID: rev.ID}, ""
		}
		got, err := FileName(tc.tmpl, r, tc.ext, now)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("FileName(%q) error = %v, want %q", tc.tmpl, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("FileName(%q) = %q, %v; want %q", tc.tmpl, got, err, tc.want)
		}
	}
}
