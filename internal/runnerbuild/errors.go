package runnerbuild

import "fmt"

// UserError is a problem the user can fix: no Go module, no go command,
// revisions that do not compile, an unreadable directory. The migrate
// command reports it as an input error (exit 2).
type UserError struct{ Err error }

// Error implements the error interface.
func (e *UserError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *UserError) Unwrap() error { return e.Err }

// userErrorf returns a *UserError with a formatted message; %w wraps as in
// fmt.Errorf.
func userErrorf(format string, args ...any) error {
	return &UserError{Err: fmt.Errorf(format, args...)}
}
