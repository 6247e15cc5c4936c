package dialect

// errorHinter is implemented by dialects that can say what to do about
// some of their database's errors.
type errorHinter interface {
	hint(err error) string
}

// Hint returns what to do about err, an error of d's database, or "" when
// d has nothing to add to the database's message.
func Hint(d Dialect, err error) string {
	if h, ok := d.(errorHinter); ok && err != nil {
		return h.hint(err)
	}
	return ""
}
