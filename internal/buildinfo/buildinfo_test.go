package buildinfo

import (
	"runtime"
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
