package runnerbuild

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/cli/config"
)

// TestBundleKeepsLock: a deploy binary keeps the project's lock and lease
// as defaults, which a setting at run time overrides.
func TestBundleKeepsLock(t *testing.T) {
	b := BundleConfig{Lock: "table", LockLease: 5 * time.Second}
	for _, tt := range []struct {
		name      string
		env       map[string]string
		lock      string
		leaseWant time.Duration
	}{
		{"built in", nil, "table", 5 * time.Second},
		{"overridden", map[string]string{"MIGRATE_LOCK": "auto", "MIGRATE_LOCK_LEASE": "9s"}, "auto", 9 * time.Second},
	} {
		cfg, err := config.Load(config.Options{WorkDir: t.TempDir(), LookupEnv: func(k string) (string, bool) {
			v, ok := tt.env[k]
			return v, ok
		}})
		if err != nil {
			t.Fatal(err)
		}
		b.Apply(cfg)
		if cfg.Lock != tt.lock || cfg.LockLease != tt.leaseWant {
			t.Errorf("%s: lock %q, lease %s; want %q, %s", tt.name, cfg.Lock, cfg.LockLease, tt.lock, tt.leaseWant)
		}
	}
}

func TestDeployTargetCheck(t *testing.T) {
	for _, tt := range []struct {
		target DeployTarget
		fail   string
	}{
		{DeployTarget{}, ""},
		{DeployTarget{GOOS: "linux", GOARCH: "mips64le"}, ""},
		{DeployTarget{GOOS: "Linux"}, `build: --goos "Linux" is not a GOOS/GOARCH name`},
		{DeployTarget{GOOS: "linux", GOARCH: "arm 64"}, `build: --goarch "arm 64" is not`},
	} {
		err := tt.target.Check()
		if (tt.fail == "") != (err == nil) || (err != nil && !strings.HasPrefix(err.Error(), tt.fail)) {
			t.Errorf("Check(%+v) = %v, want %q…", tt.target, err, tt.fail)
		}
		var user *UserError
		if err != nil && !errors.As(err, &user) {
			t.Errorf("Check(%+v): %T is not a *UserError", tt.target, err)
		}
	}
}
