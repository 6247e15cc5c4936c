package cli

import (
	"errors"
	"fmt"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/project"
)

// Exit codes of the migrate command (SPEC §6).
const (
	ExitOK          = 0 // success
	ExitCheckFailed = 1 // a check failed: check, verify, current --check-heads, lint
	ExitUsage       = 2 // a usage or input error: bad flag, argument, file or configuration
	ExitFailure     = 3 // a database or migration failure
)

// UsageError is a usage or input error: a bad argument, flag, file or
// configuration. It exits with status 2.
type UsageError struct{ Err error }

// Error implements the error interface.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *UsageError) Unwrap() error { return e.Err }

// ExitCode returns ExitUsage.
func (e *UsageError) ExitCode() int { return ExitUsage }

// Usage marks err as a usage or input error (exit 2); nil stays nil.
func Usage(err error) error {
	if err == nil {
		return nil
	}
	return &UsageError{Err: err}
}

// Usagef returns a usage or input error (exit 2) with a formatted message;
// %w wraps as in fmt.Errorf.
func Usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// CheckFailedError reports that a check found a problem (exit 1). The
// command has usually printed the details already; Msg is the summary
// line, or empty for none.
type CheckFailedError struct{ Msg string }

// Error implements the error interface.
func (e *CheckFailedError) Error() string { return e.Msg }

// ExitCode returns ExitCheckFailed.
func (e *CheckFailedError) ExitCode() int { return ExitCheckFailed }

// CheckFailed returns a *CheckFailedError with a formatted summary.
func CheckFailed(format string, args ...any) error {
	return &CheckFailedError{Msg: fmt.Sprintf(format, args...)}
}

// FailureError is a database or migration failure (exit 3): the database
// cannot be reached or refused a statement, a migration failed.
type FailureError struct{ Err error }

// Error implements the error interface.
func (e *FailureError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *FailureError) Unwrap() error { return e.Err }

// ExitCode returns ExitFailure.
func (e *FailureError) ExitCode() int { return ExitFailure }

// Failure marks err as a database or migration failure (exit 3); nil
// stays nil.
func Failure(err error) error {
	if err == nil {
		return nil
	}
	return &FailureError{Err: err}
}

// ExitCode maps an error to the exit status of SPEC §6. The outermost
// error with an ExitCode() int method decides; configuration, URL and
// project input errors are usage errors; anything else is a failure (3).
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var coder interface{ ExitCode() int }
	if errors.As(err, &coder) {
		return coder.ExitCode()
	}
	if errors.As(err, new(*config.Error)) || errors.As(err, new(*dialect.URLError)) || errors.As(err, new(*project.InputError)) {
		return ExitUsage
	}
	return ExitFailure
}
