package dialect

import "fmt"

// UnsupportedError reports a model feature a database cannot express.
// Object names what carries the feature ("index \"ix_a\" on table \"t\"").
type UnsupportedError struct {
	Dialect string
	Object  string
	Feature string
	// Hint says what to do instead, when there is something to say.
	Hint string
}

// Error implements the error interface.
func (e *UnsupportedError) Error() string {
	msg := fmt.Sprintf("%s: %s: %s is not supported", e.Dialect, e.Object, e.Feature)
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

// Unsupported returns an *UnsupportedError.
func Unsupported(dialect, object, feature, hint string) error {
	return &UnsupportedError{Dialect: dialect, Object: object, Feature: feature, Hint: hint}
}

// IdentifierError reports a name no database can hold (empty, or with NUL).
type IdentifierError struct {
	Name   string
	Reason string
}

// Error implements the error interface.
func (e *IdentifierError) Error() string {
	return fmt.Sprintf("invalid identifier %q: %s", e.Name, e.Reason)
}
