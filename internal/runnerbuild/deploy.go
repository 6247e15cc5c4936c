package runnerbuild

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// BundleConfig is the part of migrate.toml that a deploy binary keeps:
// what decides where and how revisions are recorded and run. The database
// URL is not kept; deploys give it with DATABASE_URL, MIGRATE_DATABASE_URL
// or --database-url.
type BundleConfig struct {
	VersionTable            string
	VersionTableSchema      string
	HistoryTable            string
	TransactionPerMigration bool
	LockTimeout             time.Duration
	// Lock and LockLease are the migration lock ("auto" or "table") and
	// its lease; empty and zero keep the defaults.
	Lock      string
	LockLease time.Duration
}

// DeployTarget says what a deploy binary is built for and how.
type DeployTarget struct {
	// GOOS and GOARCH cross-compile (--goos, --goarch); empty means the
	// environment's GOOS/GOARCH, else this machine's.
	GOOS, GOARCH string
	// Debug keeps the symbol table, DWARF and build paths; by default the
	// binary is built with -trimpath -ldflags="-s -w".
	Debug bool
}

// env is the go build environment for t: BuildEnv, with GOOS and GOARCH
// set when t names them (appended last, they win over the environment).
func (t DeployTarget) env() []string {
	env := BuildEnv(false)
	if t.GOOS != "" {
		env = append(env, "GOOS="+t.GOOS)
	}
	if t.GOARCH != "" {
		env = append(env, "GOARCH="+t.GOARCH)
	}
	return env
}

// flags are the go build flags for t.
func (t DeployTarget) flags() []string {
	if t.Debug {
		return nil
	}
	return []string{"-trimpath", "-ldflags=-s -w"}
}

// DeployLocation is a version location whose revision files a deploy
// binary embeds: its directory, and the location as shown to users.
type DeployLocation struct {
	Dir, Shown string
}

// Deploy writes the deploy binary out (`migrate build -o`): the project's
// compiled runner with the revision files of locs embedded and cfg as its
// defaults, built for target. p must have its module resolved
// (ResolveModule); shownOut names out in messages.
func (b *Builder) Deploy(ctx context.Context, p *Project, locs []DeployLocation, cfg BundleConfig, target DeployTarget, out, shownOut string) error {
	tmp, err := os.MkdirTemp("", "migrate-build-")
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	defer os.RemoveAll(tmp)
	spec := &bundleSpec{config: cfg}
	for i, loc := range locs {
		rel := fmt.Sprintf("bundle/%d", i)
		if err := copyRevisionFiles(loc.Dir, filepath.Join(tmp, filepath.FromSlash(rel)), loc.Shown); err != nil {
			return err
		}
		spec.dirs, spec.paths = append(spec.dirs, rel), append(spec.paths, loc.Shown)
	}
	src, err := renderRunnerMain(p, spec)
	if err != nil {
		return err
	}
	mainFile := filepath.Join(tmp, "main.go")
	if err := os.WriteFile(mainFile, src, 0o644); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	b.infof("Building %s (go build in %s) ...", shownOut, p.module.Dir)
	return b.GoBuild(ctx, p.module.Dir, target.env(), out, mainFile, target.flags()...)
}

// copyRevisionFiles copies the files of a version location that the
// loader reads (.go and .sql, not hidden, not tests) into dst, with a
// LOCATION file naming it, so that the directory is never empty (go:embed
// refuses empty directories; the loader ignores that file).
func copyRevisionFiles(src, dst, shown string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dst, "LOCATION"), []byte(shown+"\n"), 0o644); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return userErrorf("build: version location %s: %w", shown, err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(GoSourceFile(name) || (strings.EqualFold(filepath.Ext(name), ".sql") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_"))) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			return userErrorf("build: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), data, 0o644); err != nil {
			return fmt.Errorf("build: %w", err)
		}
	}
	return nil
}
