package lint

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/scriptdir"
)

// Revision is one revision as lint reads it: a SQL revision's script, or
// what a Go revision's upgrade asked for (see Record).
type Revision struct {
	// Script is the revision file: its id, path (as findings name it) and,
	// for a SQL revision, its sections.
	Script *scriptdir.Script
	// InRange marks a revision to lint; the others (the ancestors of the
	// range) are read only to follow the schema.
	InRange bool
	// Recorded is what a Go revision's upgrade asked for, in order;
	// Stopped the error its upgrade returned while recorded, if any;
	// Source the revision file's text (suppressions, operation lines).
	Recorded []ops.Recorded
	Stopped  error
	Source   []byte
}

// Options configure Check.
type Options struct {
	// Dialect is the database the revisions run on.
	Dialect dialect.Dialect
	// RowEstimate returns the estimated number of rows of a table, when
	// known; nil when no estimate is known.
	RowEstimate func(schema, table string) (rows int64, ok bool)
	// LargeTable is the rows from which a SQLite rebuild is a warning
	// (default 100,000).
	LargeTable int64
	// EachDeployed lints every revision as deployed on its own: a table
	// created by an earlier revision of the range exists, with rows and
	// traffic, when a later one changes it. Without it the range is taken
	// for one deployment, whose tables are new until it ends. Project
	// sets it for Range.All, which cannot know what deploys together.
	EachDeployed bool
}

// Check lints revs, given in upgrade order from base (the revisions
// before the range first, so that the schema each linted revision sees
// is known), and returns the findings of the revisions in range. It fails
// only for a SQL revision the lexer cannot split.
func Check(ctx context.Context, o Options, revs []*Revision) (*Report, error) {
	if o.Dialect == nil {
		return nil, errors.New("lint: no dialect")
	}
	if o.LargeTable <= 0 {
		o.LargeTable = 100_000
	}
	l := &linter{o: o, db: o.Dialect.Name(), model: &model.MetaData{}, created: map[string]bool{}, createdNames: map[string]bool{},
		rebuilt: map[string]bool{}, checks: map[string]*checkState{}, indexes: map[string]indexTable{}}
	rep := &Report{Revisions: []string{}, Findings: []Finding{}}
	for _, rev := range revs {
		r := &revLint{l: l, rev: rev}
		if o.EachDeployed {
			clear(l.created)
			clear(l.createdNames)
			clear(l.rebuilt)
		}
		var err error
		if rev.Script.SQL != nil {
			err = r.sqlRevision()
		} else {
			r.goRevision(ctx)
		}
		if err != nil {
			return nil, err
		}
		if rev.InRange {
			rep.Revisions = append(rep.Revisions, rev.Script.ID)
			r.finish()
			slices.SortStableFunc(r.findings, func(a, b Finding) int { return a.Line - b.Line })
			rep.Findings = append(rep.Findings, r.findings...)
		}
	}
	return rep, nil
}

// linter is the state of a Check run across revisions.
type linter struct {
	o  Options
	db string
	// model is the schema the current revision sees; nil when unknown.
	model *model.MetaData
	// created are the tables created in the range (tableKey), rebuilt
	// the tables a rebuild dropped to put a copy in their place.
	created, rebuilt map[string]bool
	// createdNames are the names of the created tables, without schema.
	createdNames map[string]bool
	// checks are the check constraints "col IS NOT NULL" seen, by
	// table and constraint name.
	checks map[string]*checkState
	// indexes are the tables of the indexes created, by index name.
	indexes map[string]indexTable
}

// indexTable is the table of an index.
type indexTable struct{ schema, table string }

// checkState is a check constraint "col IS NOT NULL".
type checkState struct {
	table, column string
	validated     bool
}

// existing reports whether a table exists before the range. A name
// without a schema (the default one) and the same name with a schema are
// taken for the same table: revisions rarely mix the two spellings for
// different tables, and a table taken for new would hide its hazards.
func (l *linter) existing(schema, table string) bool {
	if table == "" {
		return true
	}
	return !l.created[tableKey(schema, table)] && !(schema != "" && l.created[tableKey("", table)]) && !(schema == "" && l.createdNames[strings.ToLower(table)])
}

// revLint lints one revision.
type revLint struct {
	l   *linter
	rev *Revision
	// revSup are the suppressions of the whole revision.
	revSup []suppression
	// checked are the lines of the suppressions checked already.
	checked  map[int]bool
	findings []Finding
	// lockTimeout: a lock_timeout is set; lockWarned: the revision got its
	// lock-timeout finding.
	lockTimeout, lockWarned bool
	// firstDDL and firstData are the lines of the first schema and data
	// change (0 none); sawDDL/sawData whether there were any.
	firstDDL, firstData int
	sawDDL, sawData     bool
}

// sqlRevision lints a SQL revision.
func (r *revLint) sqlRevision() error {
	if err := r.rev.Script.CheckDialect(r.l.db); err != nil {
		return fmt.Errorf("lint: %w", err)
	}
	stmts, err := r.rev.Script.UpgradeStatements(r.l.o.Dialect.Capabilities().Syntax)
	if err != nil {
		return fmt.Errorf("lint: %w", err)
	}
	var byStmt map[int][]suppression
	r.revSup, byStmt = sqlSuppressions(r.rev.Script.SQL, stmts)
	var changes []Change
	for _, st := range stmts {
		for _, c := range Classify(r.l.o.Dialect, st.Text, st.Line) {
			c.ignores = byStmt[st.Line]
			changes = append(changes, c)
		}
	}
	for _, s := range byStmt {
		r.checkSuppressions(s)
	}
	r.checkSuppressions(r.revSup)
	changes = r.rebuildSwaps(changes)
	for _, c := range changes {
		r.change(c)
	}
	// SQL changes the schema in ways the model does not follow.
	if slices.ContainsFunc(changes, func(c Change) bool { return c.DDL || c.Kind == KindUnclassified }) {
		r.l.model = nil
	}
	return nil
}

// rebuildSwaps turns the move-and-copy of a table written by hand on a
// database that rebuilds tables (SQLite: CREATE TABLE new, copy, DROP
// TABLE t, ALTER TABLE new RENAME TO t) into one rebuild of t.
func (r *revLint) rebuildSwaps(changes []Change) []Change {
	if _, ok := r.l.o.Dialect.(dialect.Rebuilder); !ok {
		return changes
	}
	createdHere := map[string]bool{}
	for i, c := range changes {
		switch c.Kind {
		case KindCreateTable:
			createdHere[tableKey(c.Schema, c.Table)] = true
		case KindDropTable:
			for _, later := range changes[i+1:] {
				if later.Kind == KindRenameTable && createdHere[tableKey(later.Schema, later.Table)] &&
					tableKey(later.Schema, later.NewName) == tableKey(c.Schema, c.Table) {
					changes[i].Kind = KindRebuild
					break
				}
			}
		}
	}
	return changes
}

// goRevision lints a Go revision from what its upgrade asked for.
func (r *revLint) goRevision(ctx context.Context) {
	src := parseGoSource(r.rev.Script.Path, r.rev.Source)
	r.revSup = src.header
	r.checkSuppressions(src.header)
	for _, rec := range r.rev.Recorded {
		line := r.line(rec, src)
		sups := src.at(line)
		r.checkSuppressions(sups)
		var changes []Change
		if rec.Operation != nil {
			changes = opChanges(ctx, r.l.o.Dialect, rec.Operation, r.l.model)
		} else {
			changes = Classify(r.l.o.Dialect, rec.SQL, line)
		}
		for _, c := range changes {
			c.Line, c.ignores = line, sups
			r.change(c)
		}
		r.follow(rec, changes, line)
	}
	if r.rev.Stopped != nil {
		msg := fmt.Sprintf("lint stopped recording the upgrade: %v; the rest of the upgrade is not checked", r.rev.Stopped)
		var ro *ops.ReadOfflineError
		if errors.As(r.rev.Stopped, &ro) {
			msg = fmt.Sprintf("the upgrade reads rows (%s), which needs a database: lint checked what comes before; the rest is not checked (guard the read with op.Offline() to let lint go on)", ro.Verb)
		}
		r.report(Change{}, RuleNotRecorded, msg)
		r.l.model = nil
	}
}

// line returns the line of the revision file that asked for rec: the
// innermost frame in the revision file, and for an operation of a Run
// call with several, the operation's own line.
func (r *revLint) line(rec ops.Recorded, src *goSource) int {
	base := filepath.Base(r.rev.Script.Path)
	for _, c := range rec.Callers {
		if filepath.Base(c.File) == base {
			if rec.Operation != nil {
				return src.operationLine(c.Line, rec.Index)
			}
			return c.Line
		}
	}
	return 0
}

// follow applies a recorded operation to the model of the schema, or
// marks the schema unknown after something the model cannot follow.
func (r *revLint) follow(rec ops.Recorded, changes []Change, line int) {
	if r.l.model == nil {
		return
	}
	changesSchema := slices.ContainsFunc(changes, func(c Change) bool { return c.DDL || c.Kind == KindUnclassified })
	if rec.Operation == nil || isExecute(rec.Operation) {
		if changesSchema {
			r.l.model = nil
			r.unknownSchema(line, "raw SQL")
		}
		return
	}
	err := ops.Apply(r.l.model, deref(rec.Operation))
	if err == nil {
		return
	}
	r.l.model = nil
	var uc *ops.UnknownChangeError
	if errors.As(err, &uc) {
		r.unknownSchema(line, "operation "+rec.Operation.Name())
		return
	}
	r.unknownSchema(line, fmt.Sprintf("operation %s (%v)", rec.Operation.Name(), err))
}

// isExecute reports an ops.Execute.
func isExecute(op ops.Operation) bool {
	_, ok := deref(op).(ops.Execute)
	return ok
}

// unknownSchema reports that the schema is unknown from line on.
func (r *revLint) unknownSchema(line int, what string) {
	r.report(Change{Line: line}, RuleSchemaUnknown, fmt.Sprintf("schema unknown after this operation: lint cannot apply %s to its model of the schema; "+
		"the rules that need a column's type before a change say so from here on", what))
}

// checkSuppressions reports malformed suppressions, each once.
func (r *revLint) checkSuppressions(sups []suppression) {
	for _, s := range sups {
		if r.checked[s.Line] {
			continue
		}
		if r.checked == nil {
			r.checked = map[int]bool{}
		}
		r.checked[s.Line] = true
		if p := s.problem(); p != "" {
			r.findings = append(r.findings, r.finding(Change{Line: s.Line}, RuleBadSuppression, p))
		}
	}
}
