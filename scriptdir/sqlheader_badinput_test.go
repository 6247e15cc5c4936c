package scriptdir

import (
	"errors"
	"strings"
	"testing"
)

// TestSQLRevisionBadText: NUL bytes and invalid UTF-8 are refused when the
// file is loaded, naming the file, line and column; a revision listing a
// parent twice is refused (issue 10 point 10).
func TestSQLRevisionBadText(t *testing.T) {
	const head = "-- migrate:id a1\n-- migrate:revises\n\n-- migrate:upgrade\n"
	tests := []struct {
		name, src, want string
	}{
		{"NUL in a statement", head + "CREATE TABLE t (x int);\nINSERT INTO t VALUES (1);\x00DROP TABLE t;\n",
			"v/a1.sql:6: NUL byte at column 26"},
		{"NUL in the header", "-- migrate:id a1\x00\n", "v/a1.sql:1: NUL byte at column 17"},
		{"invalid UTF-8", head + "INSERT INTO t VALUES ('caf\xe9');\n", "v/a1.sql:5: invalid UTF-8 at column 27: save the file as UTF-8"},
		{"revises twice", "-- migrate:id a1\n-- migrate:revises x0 x0\n-- migrate:upgrade\n",
			"v/a1.sql:2: revises: x0 is listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSQLRevision("v/a1.sql", []byte(tt.src))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error = %v, want a *FileError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
	if _, err := ParseSQLRevision("v/a1.sql", []byte(head+"INSERT INTO t VALUES ('café ✓');\n")); err != nil {
		t.Errorf("valid UTF-8 refused: %v", err)
	}
}
