// Package autogenerate runs `migrate revision --autogenerate` and `migrate
// check` for the command line: it loads the target model (env.go's
// Target compiled into the program, or SQL schema files applied to a
// scratch database), inspects the database, compares the two with
// autogen.Compare, and gives the revision's upgrade and downgrade or the
// check report. The cli commands only parse flags and print.
package autogenerate
