package autogenerate

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/ops"
)

func TestRewriteHook(t *testing.T) {
	up := []ops.Operation{ops.DropTable{Table: "a"}, ops.DropTable{Table: "b"}}
	cases := []struct {
		name string
		hook RewriteFunc
		want int
		err  string
	}{
		{"keeps", func(up []ops.Operation) ([]ops.Operation, error) { return up, nil }, 2, ""},
		{"drops one", func(up []ops.Operation) ([]ops.Operation, error) { return up[1:], nil }, 1, ""},
		{"error", func([]ops.Operation) ([]ops.Operation, error) { return nil, errors.New("no drops here") }, 0, "env.go: Rewrite: no drops here"},
		{"panic", func(up []ops.Operation) ([]ops.Operation, error) { return up[5:], nil }, 0, "diff_test.go:23: runtime error: slice bounds out of range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := rewrite(c.hook, up)
			if c.err != "" {
				var ie *InputError
				if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("rewrite = %v, want an InputError containing %q", err, c.err)
				}
				return
			}
			if err != nil || len(got) != c.want {
				t.Fatalf("rewrite = %d ops, %v; want %d", len(got), err, c.want)
			}
		})
	}
	if len(up) != 2 {
		t.Errorf("the hook changed the caller's list")
	}
}

func TestNoChangesWrite(t *testing.T) {
	var b strings.Builder
	if err := (NoChanges{}).Write(&b); err != nil || b.String() != "No changes detected\n" {
		t.Errorf("Write() = %q, %v", b.String(), err)
	}
	if got, _ := json.Marshal(NoChanges{}); string(got) != `{"changes":false}` {
		t.Errorf("JSON = %s", got)
	}
}
