package config

import (
	"fmt"
	"os"
	"strings"
)

// expandEnv replaces ${VAR} and $VAR with the value of the environment
// variable VAR; "$$" is a literal "$". An unset variable is an error, so
// that a missing secret is reported instead of becoming an empty password.
func expandEnv(s string, lookup func(string) (string, bool)) (string, error) {
	var missing []string
	out := os.Expand(s, func(name string) string {
		if name == "$" {
			return "$"
		}
		v, ok := lookup(name)
		if !ok {
			missing = append(missing, name)
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("environment variable %s is not set (write $$ for a literal $)", strings.Join(missing, ", "))
	}
	return out, nil
}
