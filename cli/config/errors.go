package config

import "fmt"

// Error is a configuration problem: a file that cannot be found, read or
// parsed, an unknown key, or a bad value in the file, an environment
// variable or a flag. Its message names where the problem is.
type Error struct {
	// File is the configuration file, empty for a flag or variable.
	File string
	// Line is the 1-based line in File, 0 when unknown.
	Line int
	// Msg says what is wrong and, where possible, what to do.
	Msg string
	// Err is the underlying error, if any.
	Err error
}

// Error implements the error interface.
func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return e.Msg
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }
