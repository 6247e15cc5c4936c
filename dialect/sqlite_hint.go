package dialect

import "regexp"

// sqliteMissingModule finds the module SQLite names in "no such module:
// fts4".
var sqliteMissingModule = regexp.MustCompile(`no such module: ([A-Za-z0-9_]+)`)

// hint implements errorHinter: a virtual table of a module migrate's
// SQLite lacks (FTS3 and FTS4 are not compiled in; FTS5, R*Tree and
// Geopoly are) can only be declared with one it has.
func (d *sqliteDialect) hint(err error) string {
	m := sqliteMissingModule.FindStringSubmatch(err.Error())
	if m == nil {
		return ""
	}
	return "migrate's built-in SQLite has the virtual table modules fts5, rtree and geopoly, not " + m[1] +
		": declare the table with one of those (an FTS3/FTS4 table as USING fts5(…) with the same columns)"
}
