package editor

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{nil, ""},
		{map[string]string{"VISUAL": "vi"}, "vi"},
		{map[string]string{"EDITOR": " code --wait ", "VISUAL": "vi"}, "code --wait"},
		{map[string]string{"EDITOR": "  ", "VISUAL": "vi"}, "vi"},
	} {
		got := Find(func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
		if got != tt.want {
			t.Errorf("Find(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestOpen(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the editors below are shell commands")
	}
	path := filepath.Join(t.TempDir(), "rev.sql")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	// The editor gets the path as its last argument, after its own.
	if err := Open(context.Background(), "echo edited", path, &out, &out); err != nil || out.String() != "edited "+path+"\n" {
		t.Errorf("Open(echo) = %v, output %q", err, out.String())
	}
	err := Open(context.Background(), "exit 4;", path, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "exited with status 4") || !strings.Contains(err.Error(), path) {
		t.Errorf("Open of a failing editor = %v", err)
	}
}
