package versions

import (
	"errors"
	"strings"
	"testing"
)

// TestGraphRefusesRepeatedLinks: a revision (Go or SQL) that revises or
// depends on the same revision twice is refused by the graph.
func TestGraphRefusesRepeatedLinks(t *testing.T) {
	for _, specs := range [][]string{{"a", "b <a,a"}, {"a", "x", "b <x &a,a"}} {
		_, err := NewGraph(mkRevs(specs...))
		var ge *GraphError
		if !errors.As(err, &ge) || ge.Kind != DuplicateParent || !strings.Contains(err.Error(), "lists a twice") {
			t.Errorf("%v: error = %v, want DuplicateParent naming a", specs, err)
		}
	}
}
