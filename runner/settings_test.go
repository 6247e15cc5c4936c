package runner

import (
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
)

func TestSettingsOptions(t *testing.T) {
	ok := Settings{VersionTable: "v", HistoryTable: "h", Lock: "auto", LockLease: dialect.MinLockLease, LockTimeout: time.Second}
	for _, tt := range []struct {
		name    string
		change  func(*Settings)
		dialect string
		mode    TransactionMode
		fail    string
	}{
		{"defaults, PostgreSQL", func(*Settings) {}, "postgres", TransactionPerRevision, ""},
		{"one transaction where DDL is transactional", func(s *Settings) { s.TransactionPerMigration = false }, "postgres", TransactionAll, ""},
		{"not on MySQL", func(s *Settings) { s.TransactionPerMigration = false }, "mysql", TransactionPerRevision, ""},
		{"asked for", func(s *Settings) { s.Transaction = "all" }, "mysql", TransactionAll, ""},
		{"bad transaction", func(s *Settings) { s.Transaction = "sometimes" }, "sqlite", 0, `--transaction "sometimes": use per-revision or all`},
		{"negative wait", func(s *Settings) { s.LockTimeout = -time.Second }, "sqlite", 0, "--lock-timeout -1s: a wait cannot be negative"},
		{"bad lock", func(s *Settings) { s.Lock = "row" }, "sqlite", 0, `--lock "row": use auto or table`},
		{"short lease", func(s *Settings) { s.LockLease = time.Millisecond }, "sqlite", 0, "--lock-lease 1ms: use at least"},
		{"bad resume", func(s *Settings) { s.ResumeAt = -1 }, "sqlite", 0, "--resume-at -1: statements are numbered from 1"},
	} {
		s := ok
		s.TransactionPerMigration = true
		tt.change(&s)
		d, err := dialect.ForName(tt.dialect)
		if err != nil {
			t.Fatal(err)
		}
		opts, err := s.Options(d)
		if tt.fail != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.fail) {
				t.Errorf("%s: error %v, want %q…", tt.name, err, tt.fail)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		r := &Runner{}
		for _, o := range opts {
			o(r)
		}
		if r.mode != tt.mode || r.vtName != "v" || r.htName != "h" || r.lockTimeout != time.Second {
			t.Errorf("%s: mode %v, tables %q %q, wait %s", tt.name, r.mode, r.vtName, r.htName, r.lockTimeout)
		}
	}
}
