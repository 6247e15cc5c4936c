package versions

import (
	"regexp"
	"strings"
	"testing"
)

func TestRevisionIDs(t *testing.T) {
	hex12 := regexp.MustCompile(`^[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 100 {
		id := NewRevisionID()
		if !hex12.MatchString(id) || seen[id] {
			t.Fatalf("NewRevisionID() = %q", id)
		}
		if err := CheckRevisionID(id); err != nil {
			t.Fatal(err)
		}
		seen[id] = true
	}
	for _, ok := range []string{"a", "0001", "my_custom_id", "日本", strings.Repeat("x", 255)} {
		if err := CheckRevisionID(ok); err != nil {
			t.Errorf("CheckRevisionID(%q) = %v", ok, err)
		}
	}
	bad := map[string]string{
		"":                       "empty",
		strings.Repeat("x", 256): "256 characters, at most 255",
		"a@b":                    "'@' is not allowed",
		"a-b":                    "'-' is not allowed",
		"a+b":                    "'+' is not allowed",
		"a:b":                    "':' is not allowed",
		"a b":                    "white space",
		"a,b":                    "',' is not allowed",
		"a/b":                    "'/' is not allowed",
		"Head":                   "reserved word",
		"base":                   "reserved word",
	}
	for id, want := range bad {
		err := CheckRevisionID(id)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckRevisionID(%.30q) = %v, want %q", id, err, want)
		}
	}
}
