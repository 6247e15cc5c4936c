package buildinfo

import (
	"runtime"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	// A test binary has no module version: "dev" stays.
	for v, want := range map[string]string{"v1.2.3": "v1.2.3", "dev": "dev"} {
		if got := Version(v); got != want {
			t.Errorf("Version(%q) = %q, want %q", v, got, want)
		}
	}
	// migrate is the main module here: no dependency version.
	for _, v := range []string{"v1.2.3", "dev"} {
		if got := DependencyVersion(v); got != "" {
			t.Errorf("DependencyVersion(%q) = %q, want none", v, got)
		}
	}
	if info := Read("v9"); info.Version != "v9" || info.GoVersion != runtime.Version() {
		t.Errorf("Read = %+v", info)
	}
}

func TestInfoWrite(t *testing.T) {
	for _, tt := range []struct {
		info    Info
		verbose bool
		want    string
	}{
		{Info{Version: "v1.2.3", GoVersion: "go1.24"}, false, "migrate v1.2.3\n"},
		{Info{Version: "v1.2.3", GoVersion: "go1.24"}, true, "migrate v1.2.3\ngo:     go1.24\n"},
		{Info{Version: "dev", GoVersion: "go1.24", Commit: "abc", Modified: true}, true, "migrate dev\ngo:     go1.24\ncommit: abc (modified)\n"},
	} {
		var b strings.Builder
		if err := tt.info.Write(&b, tt.verbose); err != nil || b.String() != tt.want {
			t.Errorf("%+v.Write(verbose %v) = %q, %v; want %q", tt.info, tt.verbose, b.String(), err, tt.want)
		}
	}
}
