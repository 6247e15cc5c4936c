// Package query is the SQL expression core for data migrations: SELECT,
// INSERT (multi-row, INSERT … SELECT, upsert), UPDATE (with other tables),
// DELETE, RETURNING, CTEs (recursive too), joins, subqueries, CASE, CAST,
// functions and conditions, over model tables or plain names.
//
// Statements are values built with Select, Insert, Update, Delete and
// Raw, and compiled for one database by Compile (bound parameters, in
// the database's placeholder syntax) or Render (values written as escaped
// literals, for --sql output). The dialect decides every spelling that
// differs between databases (see dialect.QueryCompiler): quoting,
// placeholders, literals, concatenation, LIMIT/OFFSET, upsert, UPDATE with
// joins, RETURNING support. A revision runs them on its own connection and
// transaction through the ops.Op handle (Exec, Query, QueryRow, Stream,
// UpdateRows, Backfill); Rows scans results into structs (by their migrate
// tags) or maps.
//
// Every identifier is quoted by the dialect, and every Go value becomes a
// bound parameter (or, rendered, a literal): nothing is spliced into the
// SQL unquoted except Raw fragments and function names, which are checked
// to be plain identifiers.
package query
