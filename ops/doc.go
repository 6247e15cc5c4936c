// Package ops holds the schema operations (create_table, add_column, …):
// their validation, their SQL through the dialect, their inverses, their Go
// rendering, SQLite batch rebuilds, custom-operation registration, and the
// Op handle that revision code calls.
package ops
