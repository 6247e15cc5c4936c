package runner

import (
	"fmt"
	"time"

	"github.com/migratego/migrate/dialect"
)

// Settings are a project's settings for its runs, from migrate.toml, the
// environment and the command line: where revisions are recorded, the
// migration lock and the transactions. Options turns them into runner
// options.
type Settings struct {
	// VersionTableSchema, VersionTable and HistoryTable name the tables.
	VersionTableSchema, VersionTable, HistoryTable string
	// Lock names the lock method ("auto" or "table"; see
	// dialect.ParseLockMethod), LockLease its lease and LockTimeout the
	// wait for it.
	Lock                   string
	LockLease, LockTimeout time.Duration
	// Transaction names the transaction mode asked for (see
	// ParseTransactionMode); empty: TransactionPerMigration decides,
	// false meaning one transaction where the database has transactional
	// DDL and per revision elsewhere.
	Transaction             string
	TransactionPerMigration bool
	// ResumeAt is the statement to resume a partly applied revision at
	// (0: none); Tag and ToolVersion are recorded in the history table;
	// Progress, when set, receives the run's progress.
	ResumeAt         int
	Tag, ToolVersion string
	Progress         func(Progress)
}

// SettingsError is a setting that cannot be used; its message names the
// flag that gave it.
type SettingsError struct{ Msg string }

// Error implements the error interface.
func (e *SettingsError) Error() string { return e.Msg }

// Check checks the settings that do not depend on the database: the
// lock's wait, method and lease, and the resume point.
func (s *Settings) Check() error {
	if s.LockTimeout < 0 {
		return &SettingsError{Msg: fmt.Sprintf("--lock-timeout %s: a wait cannot be negative (use 0 to fail at once when the lock is held)", s.LockTimeout)}
	}
	if _, ok := dialect.ParseLockMethod(s.Lock); !ok {
		return &SettingsError{Msg: fmt.Sprintf("--lock %q: use auto or table", s.Lock)}
	}
	if s.LockLease < dialect.MinLockLease {
		return &SettingsError{Msg: fmt.Sprintf("--lock-lease %s: use at least %s", s.LockLease, dialect.MinLockLease)}
	}
	if s.ResumeAt < 0 {
		return &SettingsError{Msg: fmt.Sprintf("--resume-at %d: statements are numbered from 1", s.ResumeAt)}
	}
	return nil
}

// Options returns the runner options of the settings for a run on a
// database of dialect d (nil: leave the transaction mode to the runner's
// default). It checks the settings first (Check).
func (s *Settings) Options(d dialect.Dialect) ([]Option, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	method, _ := dialect.ParseLockMethod(s.Lock)
	opts := []Option{
		WithLock(method),
		WithLockLease(s.LockLease),
		WithVersionTable(s.VersionTableSchema, s.VersionTable),
		WithHistoryTable(s.HistoryTable),
		WithLockTimeout(s.LockTimeout),
		WithToolVersion(s.ToolVersion),
		WithTag(s.Tag),
		WithProgress(s.Progress),
	}
	if s.ResumeAt != 0 {
		opts = append(opts, WithResumeAt(s.ResumeAt))
	}
	if d == nil {
		return opts, nil
	}
	mode := TransactionPerRevision
	switch {
	case s.Transaction != "":
		var ok bool
		if mode, ok = ParseTransactionMode(s.Transaction); !ok {
			return nil, &SettingsError{Msg: fmt.Sprintf("--transaction %q: use per-revision or all", s.Transaction)}
		}
	case !s.TransactionPerMigration && d.Capabilities().TransactionalDDL:
		mode = TransactionAll
	}
	return append(opts, WithTransactionMode(mode)), nil
}
