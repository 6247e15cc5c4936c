package scriptdir

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/versions"
)

// sqlDirectivePrefix starts every directive line.
const sqlDirectivePrefix = "-- migrate:"

// SQL header directive names.
const (
	dirID            = "id"
	dirRevises       = "revises"
	dirLabels        = "labels"
	dirDependsOn     = "depends_on"
	dirReplaces      = "replaces"
	dirMessage       = "message"
	dirCreateDate    = "create_date"
	dirTransactional = "transactional"
	dirDialect       = "dialect"
	dirUpgrade       = "upgrade"
	dirDowngrade     = "downgrade"
	dirLintIgnore    = "lint-ignore"
)

var sqlHeaderDirectives = []string{dirID, dirRevises, dirLabels, dirDependsOn, dirReplaces, dirMessage, dirCreateDate, dirTransactional, dirDialect}

// Dialect names accepted by "-- migrate:dialect", with their aliases.
var sqlDialectNames = map[string]string{
	"postgres": "postgres", "postgresql": "postgres",
	"mysql": "mysql", "mariadb": "mysql",
	"sqlite": "sqlite", "sqlite3": "sqlite",
}

// sqlFileParser holds the state of one ParseSQLRevision run.
type sqlFileParser struct {
	path    string
	rev     *versions.Revision
	script  *SQLScript
	seen    map[string]int // directive → line
	section string         // "", dirUpgrade or dirDowngrade
	body    strings.Builder
}

// ParseSQLRevision reads a SQL revision file. path
// names the file in errors and in the header's Path. Errors are *FileError values
// naming the line: unknown or duplicate directive, directive outside the
// header, missing id, missing upgrade section, bad boolean, unknown dialect.
//
// A SQL revision file looks like this:
//
//	-- migrate:id 3f2a9c1b7d4e
//	-- migrate:revises 0c1d2e3f4a5b
//	-- migrate:message add users table
//	-- migrate:create_date 2024-05-01 12:00:00
//	-- migrate:dialect postgres
//
//	-- migrate:upgrade
//	CREATE TABLE users (id bigint PRIMARY KEY);
//
//	-- migrate:downgrade
//	DROP TABLE users;
//
// The header holds "-- migrate:<name> <value>" directives, one per line,
// each at most once, with blank lines and ordinary "--" comments between
// them:
//
//	id             the revision id (required)
//	revises        parent ids separated by spaces or commas; empty or
//	               absent for a base, several for a merge point
//	labels         branch labels
//	depends_on     ids or labels this revision depends on
//	replaces       ids of the revisions this one was squashed from
//	               (migrate squash), oldest first
//	message        the one-line message
//	create_date    when the file was written
//	transactional  true (default) or false: run outside a transaction
//	dialect        postgres, mysql or sqlite (aliases postgresql, mariadb,
//	               sqlite3): the only database the script may run on
//	lint-ignore    RULE reason: a finding of `migrate lint` accepted for
//	               the whole revision (may repeat; in a section, the
//	               directive applies to the statement after it)
//
// Then comes "-- migrate:upgrade" (required) with the upgrade statements,
// and "-- migrate:downgrade" (optional; absent means an empty downgrade)
// with the downgrade statements. The runner splits each section into
// statements with SplitStatements and the database's dialect.Syntax.
func ParseSQLRevision(path string, src []byte) (*Script, error) {
	sum := sha256.Sum256(src)
	p := &sqlFileParser{
		path:   path,
		rev:    &versions.Revision{},
		script: &SQLScript{},
		seen:   map[string]int{},
	}
	text := string(bytes.TrimPrefix(src, []byte("\uFEFF")))
	lines := strings.SplitAfter(text, "\n")
	for i, raw := range lines {
		if err := checkSQLText(path, i+1, raw); err != nil {
			return nil, err
		}
		if err := p.line(i+1, raw); err != nil {
			return nil, err
		}
	}
	p.endSection()
	if _, ok := p.seen[dirID]; !ok {
		return nil, fileErrorf(path, 0, "missing id: add a line \"-- migrate:id <id>\" to the header")
	}
	if _, ok := p.seen[dirUpgrade]; !ok {
		return nil, fileErrorf(path, 0, "missing upgrade section: add a line \"-- migrate:upgrade\" followed by the upgrade statements")
	}
	p.rev.Path = path
	return &Script{Revision: p.rev, Kind: KindSQL, Checksum: hex.EncodeToString(sum[:]), SQL: p.script}, nil
}

// line handles one line of the file (with its newline, if any).
func (p *sqlFileParser) line(n int, raw string) error {
	trimmed := strings.TrimSpace(raw)
	name, arg, isDirective := cutDirective(trimmed)
	if !isDirective {
		if p.section != "" {
			p.body.WriteString(raw)
			return nil
		}
		if trimmed == "" || strings.HasPrefix(trimmed, "--") {
			return nil // blank line or comment in the header
		}
		return fileErrorf(p.path, n, "SQL before \"-- migrate:upgrade\": statements belong in the upgrade or downgrade section")
	}
	if name == dirLintIgnore {
		// A suppression of lint: in the header for the whole revision,
		// in a section for the statement after it. It may repeat.
		p.script.LintIgnores = append(p.script.LintIgnores, LintIgnore{Line: n, Text: arg})
		if p.section != "" {
			p.body.WriteString(raw)
		}
		return nil
	}
	if prev, dup := p.seen[name]; dup {
		return fileErrorf(p.path, n, "duplicate directive \"-- migrate:%s\" (first on line %d)", name, prev)
	}
	switch name {
	case dirUpgrade, dirDowngrade:
		if arg != "" {
			return fileErrorf(p.path, n, "\"-- migrate:%s\" takes no value, found %q", name, arg)
		}
		if name == dirDowngrade && p.section != dirUpgrade {
			return fileErrorf(p.path, n, "\"-- migrate:downgrade\" must come after \"-- migrate:upgrade\"")
		}
		p.endSection()
		p.seen[name] = n
		p.section = name
		if name == dirUpgrade {
			p.script.UpgradeLine = n + 1
		} else {
			p.script.DowngradeLine = n + 1
		}
		return nil
	}
	if !slices.Contains(sqlHeaderDirectives, name) {
		return fileErrorf(p.path, n, "unknown directive \"-- migrate:%s\" (known: %s, upgrade, downgrade, lint-ignore)", name, strings.Join(sqlHeaderDirectives, ", "))
	}
	if p.section != "" {
		return fileErrorf(p.path, n, "directive \"-- migrate:%s\" must be in the header, before \"-- migrate:upgrade\"", name)
	}
	p.seen[name] = n
	if err := p.header(name, arg); err != nil {
		return &FileError{Path: p.path, Line: n, Err: err}
	}
	return nil
}

// header applies one header directive.
func (p *sqlFileParser) header(name, arg string) error {
	switch name {
	case dirID:
		if arg == "" {
			return fmt.Errorf("\"-- migrate:id\" needs a value")
		}
		if err := versions.CheckRevisionID(arg); err != nil {
			return err
		}
		p.rev.ID = arg
	case dirRevises:
		ids, err := idList(arg)
		if err != nil {
			return fmt.Errorf("revises: %w", err)
		}
		for i, id := range ids {
			if slices.Contains(ids[:i], id) {
				return fmt.Errorf("revises: %s is listed twice; a merge point revises distinct revisions", id)
			}
		}
		p.rev.Revises = ids
	case dirDependsOn:
		p.rev.DependsOn = splitList(arg)
	case dirReplaces:
		p.rev.Replaces = splitList(arg)
	case dirLabels:
		p.rev.BranchLabels = splitList(arg)
	case dirMessage:
		p.rev.Message = arg
	case dirCreateDate:
		p.rev.CreateDate = arg
	case dirTransactional:
		switch strings.ToLower(arg) {
		case "true":
			p.rev.NonTransactional = false
		case "false":
			p.rev.NonTransactional = true
		default:
			return fmt.Errorf("\"-- migrate:transactional\" must be true or false, found %q", arg)
		}
	case dirDialect:
		d, ok := sqlDialectNames[strings.ToLower(arg)]
		if !ok {
			return fmt.Errorf("unknown dialect %q in \"-- migrate:dialect\" (use postgres, mysql or sqlite)", arg)
		}
		p.script.Dialect = d
	}
	return nil
}

// checkSQLText refuses a NUL byte or invalid UTF-8 in a line of a SQL
// revision file: drivers would cut the statement at the NUL or store
// replacement characters, so the file is refused when it is loaded.
func checkSQLText(path string, n int, line string) error {
	if i := strings.IndexByte(line, 0); i >= 0 {
		return fileErrorf(path, n, "NUL byte at column %d: a SQL revision file must be text; remove it", utf8.RuneCountInString(line[:i])+1)
	}
	if !utf8.ValidString(line) {
		col := 1
		for i, r := range line {
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(line[i:]); size == 1 {
					break
				}
			}
			col++
		}
		return fileErrorf(path, n, "invalid UTF-8 at column %d: save the file as UTF-8", col)
	}
	return nil
}

// endSection stores the text of the section being read.
func (p *sqlFileParser) endSection() {
	switch p.section {
	case dirUpgrade:
		p.script.Upgrade = p.body.String()
	case dirDowngrade:
		p.script.Downgrade = p.body.String()
	}
	p.body.Reset()
}

// cutDirective splits a trimmed "-- migrate:name value" line. Spaces
// after "--" are optional; the name is case-insensitive.
func cutDirective(line string) (name, arg string, ok bool) {
	rest, ok := strings.CutPrefix(line, "--")
	if !ok {
		return "", "", false
	}
	rest, ok = strings.CutPrefix(strings.TrimLeft(rest, " \t"), "migrate:")
	if !ok {
		return "", "", false
	}
	name, arg, _ = strings.Cut(rest, " ")
	if i := strings.IndexByte(name, '\t'); i >= 0 {
		name, arg = name[:i], name[i+1:]+" "+arg
	}
	return strings.ToLower(name), strings.TrimSpace(arg), true
}

// splitList splits a directive value at spaces and commas.
func splitList(s string) []string {
	list := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	if len(list) == 0 {
		return nil
	}
	return list
}

// idList splits and checks a list of revision ids.
func idList(s string) ([]string, error) {
	ids := splitList(s)
	for _, id := range ids {
		if err := versions.CheckRevisionID(id); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// CheckDialect reports whether the revision can run on the named database
// ("postgres", "mysql" or "sqlite", or an alias such as "postgresql"). A
// SQL revision written for one database ("-- migrate:dialect postgres")
// is refused on the others; Go revisions and SQL revisions without a
// dialect run anywhere.
func (r *Script) CheckDialect(name string) error {
	if r == nil || r.SQL == nil || r.SQL.Dialect == "" {
		return nil
	}
	want := r.SQL.Dialect
	got, ok := sqlDialectNames[strings.ToLower(name)]
	if !ok {
		got = name
	}
	if got == want {
		return nil
	}
	return &DialectMismatchError{Revision: r.ID, Path: r.Path, Want: want, Got: name}
}

// DialectMismatchError is a SQL revision run on a database it was not
// written for.
type DialectMismatchError struct {
	Revision string // revision id
	Path     string // revision file
	Want     string // the file's "-- migrate:dialect"
	Got      string // the database's dialect
}

// Error implements the error interface.
func (e *DialectMismatchError) Error() string {
	return fmt.Sprintf("revision %s (%s) is written for %s and cannot run on %s", e.Revision, e.Path, e.Want, e.Got)
}

// UpgradeStatements splits a SQL revision's upgrade section into
// statements with the database's syntax; statement lines are lines of the
// file. It is an error for a Go revision.
func (r *Script) UpgradeStatements(syn dialect.Syntax) ([]Statement, error) {
	return r.sqlStatements(dirUpgrade, syn)
}

// DowngradeStatements splits a SQL revision's downgrade section into
// statements (see UpgradeStatements).
func (r *Script) DowngradeStatements(syn dialect.Syntax) ([]Statement, error) {
	return r.sqlStatements(dirDowngrade, syn)
}

func (r *Script) sqlStatements(section string, syn dialect.Syntax) ([]Statement, error) {
	if r.SQL == nil {
		return nil, fmt.Errorf("revision %s: not a SQL revision, it has no %s script", r.ID, section)
	}
	s := r.SQL
	script, line := s.Upgrade, s.UpgradeLine
	if section == dirDowngrade {
		script, line = s.Downgrade, s.DowngradeLine
	}
	stmts, err := splitStatements(script, syn, max(line, 1))
	if err != nil {
		le, ok := err.(*LexError)
		if !ok {
			return nil, &FileError{Path: r.Path, Err: fmt.Errorf("%s section: %w", section, err)}
		}
		return nil, &FileError{Path: r.Path, Line: le.Line, Err: sectionLexError{section, le}}
	}
	for _, st := range stmts {
		if st.Copy {
			return nil, &FileError{Path: r.Path, Line: st.Line, Err: fmt.Errorf("%s section: COPY … FROM stdin: "+
				"a revision cannot send the rows that follow it; use INSERT, or COPY from a file the server reads", section)}
		}
	}
	return stmts, nil
}

// sectionLexError is a LexError inside a section of a SQL revision file,
// printed without the line (the FileError prefix has it).
type sectionLexError struct {
	section string
	err     *LexError
}

func (e sectionLexError) Error() string { return e.section + " section: " + e.err.Msg }
func (e sectionLexError) Unwrap() error { return e.err }
