package runner

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/versions"
)

// OfflineRunner prints the SQL script of an upgrade, downgrade or stamp
// instead of running it (--sql): for a database that the tool cannot
// reach, or for a DBA to review and apply. It never connects.
//
// The script has BEGIN/COMMIT around each revision (or around the whole
// run with TransactionAll) on databases with transactional DDL, the
// creation of the version and history tables when it starts from base,
// "-- Running upgrade a -> b" comments, each revision's statements, and
// the version-table and history statements of every step with values as
// escaped literals.
type OfflineRunner struct {
	r *Runner
	w io.Writer
	// err is the first write error.
	err error
}

// NewOfflineRunner returns an offline runner printing SQL for d to w.
// Options are those of NewRunner; the lock timeout and progress callback
// are ignored.
func NewOfflineRunner(d dialect.Dialect, set *Set, w io.Writer, opts ...Option) (*OfflineRunner, error) {
	if d == nil {
		return nil, fmt.Errorf("offline: no dialect")
	}
	r, err := newRunner(d, set, opts)
	if err != nil {
		return nil, err
	}
	return &OfflineRunner{r: r, w: w}, nil
}

// Upgrade prints `upgrade spec`: spec is a target (starting from base) or
// a range "from:to" (an empty from means base).
func (o *OfflineRunner) Upgrade(ctx context.Context, spec string) error {
	from, to := "", spec
	if versions.IsRange(spec) {
		rg, err := versions.ParseRange(spec)
		if err != nil {
			return err
		}
		from, to = rg.Lower, rg.Upper
		if to == "" {
			to = "heads"
		}
	}
	cur, err := o.startRows(from)
	if err != nil {
		return err
	}
	steps, err := o.r.g.PlanUpgrade(cur, to)
	if err != nil {
		return err
	}
	return o.print(ctx, "upgrade "+spec, cur, steps)
}

// Downgrade prints `downgrade from:to`; offline, the starting point must
// be given, so spec must be a range.
func (o *OfflineRunner) Downgrade(ctx context.Context, spec string) error {
	if !versions.IsRange(spec) {
		return fmt.Errorf("downgrade with --sql needs a range FROM:TO (the database is not read), e.g. head:base")
	}
	rg, err := versions.ParseRange(spec)
	if err != nil {
		return err
	}
	if rg.Lower == "" || rg.Upper == "" {
		return fmt.Errorf("downgrade with --sql needs both ends of the range FROM:TO, got %q", spec)
	}
	cur, err := o.startRows(rg.Lower)
	if err != nil {
		return err
	}
	steps, err := o.r.g.PlanDowngrade(cur, rg.Upper)
	if err != nil {
		return err
	}
	return o.print(ctx, "downgrade "+spec, cur, steps)
}

// Stamp prints `stamp targets`. A target may be a range "from:to" to say
// where the version table stands; without one it is taken to be empty
// (and is created first).
func (o *OfflineRunner) Stamp(ctx context.Context, targets []string, purge bool) error {
	from := ""
	var dests []string
	for _, t := range targets {
		if versions.IsRange(t) {
			rg, err := versions.ParseRange(t)
			if err != nil {
				return err
			}
			from = rg.Lower
			t = rg.Upper
		}
		dests = append(dests, t)
	}
	cur, err := o.startRows(from)
	if err != nil {
		return err
	}
	steps, err := o.r.g.PlanStamp(cur, dests, purge)
	if err != nil {
		return err
	}
	o.header("stamp " + strings.Join(targets, " "))
	tx := o.r.d.Capabilities().TransactionalDDL
	if len(cur) == 0 {
		o.createTables()
	}
	if tx {
		o.line("BEGIN;\n")
	}
	if purge {
		o.stmt("DELETE FROM " + o.r.vt.qname)
	}
	for _, st := range steps {
		o.line("\n-- Running stamp_revision " + stepArrow(st) + "\n")
		o.bookkeeping(st, DirectionStamp, 0)
	}
	if tx {
		o.line("\nCOMMIT;\n")
	}
	return o.err
}

// startRows resolves the lower end of a range to version-table rows.
func (o *OfflineRunner) startRows(from string) ([]string, error) {
	if from == "" || from == "base" {
		return nil, nil
	}
	revs, err := o.r.g.Resolve(from, nil)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(revs))
	for i, r := range revs {
		ids[i] = r.ID
	}
	return ids, nil
}

// print writes the script of steps, starting from the rows cur.
func (o *OfflineRunner) print(ctx context.Context, what string, cur []string, steps []versions.Step) error {
	r := o.r
	prepared := make([]*preparedStep, len(steps))
	for i, st := range steps {
		p, err := prepareStep(r.d, r.rs, r.set, st)
		if err != nil {
			return err
		}
		prepared[i] = p
	}
	caps := r.d.Capabilities()
	all := r.mode == TransactionAll
	if all {
		if !caps.TransactionalDDL {
			return &TransactionModeError{Msg: fmt.Sprintf("--transaction all needs a database with transactional DDL; %s commits every DDL statement implicitly", r.d.Name())}
		}
		for _, p := range prepared {
			if p.step.Revision.NonTransactional || p.anyAutocommit {
				return &TransactionModeError{Msg: fmt.Sprintf("--transaction all cannot include revision %s (%s): it must run outside a transaction", p.step.Revision.ID, p.path)}
			}
		}
	}
	o.header(what)
	if len(cur) == 0 {
		o.createTables()
	}
	if all {
		o.line("BEGIN;\n")
	}
	for _, p := range prepared {
		o.line("\n-- " + strings.NewReplacer("\r", " ", "\n", " ").Replace(p.message) + "\n")
		inTx := caps.TransactionalDDL && !p.step.Revision.NonTransactional
		if inTx && !all {
			o.line("BEGIN;\n")
		}
		o.guard(p.step)
		n := 0
		if p.isSQL {
			for i, st := range p.stmts {
				if inTx && p.autocommit[i] {
					o.line("COMMIT;\n")
					o.stmt(st.Text)
					o.line("BEGIN;\n")
				} else {
					o.stmt(st.Text)
				}
			}
			n = len(p.stmts)
		} else if p.goFn != nil {
			op := ops.NewOfflineOp(r.d, func(stmt string) error { n++; o.stmt(stmt); return o.err })
			op.Revision = p.step.Revision.ID
			if err := p.goFn(ctx, op); err != nil {
				return fmt.Errorf("%s (%s): %w", p.step, p.path, err)
			}
		}
		o.bookkeeping(p.step, p.direction, n)
		if inTx && !all {
			o.line("COMMIT;\n")
		}
	}
	if all {
		o.line("\nCOMMIT;\n")
	}
	return o.err
}

// header writes the script's opening comments.
func (o *OfflineRunner) header(what string) {
	o.line(fmt.Sprintf("-- migrate %s (offline, %s)\n", what, o.r.d.Name()))
	if o.r.toolVersion != "" {
		o.line("-- generated by migrate " + o.r.toolVersion + "\n")
	}
	if _, ok := o.r.d.(dialect.OfflineGuard); ok {
		o.line("-- Run it so that it stops at the first error, e.g. psql -v ON_ERROR_STOP=1 -f FILE;\n" +
			"-- otherwise each step checks the version table first and a failed step stops the ones after it.\n")
	}
	o.line("\n")
}

// guard writes, where the dialect can, a check that the version table
// holds the rows the step changes, so that a step after a failed one
// fails too (see dialect.OfflineGuard).
func (o *OfflineRunner) guard(st versions.Step) {
	g, ok := o.r.d.(dialect.OfflineGuard)
	if !ok {
		return
	}
	var from []string
	for _, op := range st.Rows() {
		if op.Kind != versions.RowInsert {
			from = append(from, op.From)
		}
	}
	if len(from) == 0 {
		return
	}
	s, err := g.RequireRows(o.r.vt.qname, o.r.vt.qcol, from)
	if err != nil {
		o.fail(err)
		return
	}
	o.stmt(s)
}

// createTables writes the creation of the version and history tables.
func (o *OfflineRunner) createTables() {
	tx := o.r.d.Capabilities().TransactionalDDL
	vs, err := o.r.vt.createStatements()
	if err != nil {
		o.fail(err)
		return
	}
	hs, err := o.r.ht.createStatements()
	if err != nil {
		o.fail(err)
		return
	}
	if tx {
		o.line("BEGIN;\n")
	}
	for _, s := range append(vs, hs...) {
		o.stmt(s)
	}
	if tx {
		o.line("COMMIT;\n")
	}
}

// bookkeeping writes a step's version-table statements and history row.
func (o *OfflineRunner) bookkeeping(st versions.Step, direction string, n int) {
	rows, err := o.r.vt.offlineStatements(st)
	if err != nil {
		o.fail(fmt.Errorf("%s: %w", st, err))
		return
	}
	for _, s := range rows {
		o.stmt(s)
	}
	e := o.r.entry(st, direction, o.r.now())
	if direction == DirectionStamp {
		e.Step = "stamp " + stepArrow(st)
	}
	e.Status, e.StatementsDone, e.StatementCount = StatusOK, n, n
	ins, err := o.r.ht.offlineInsert(e)
	if err != nil {
		o.fail(err)
		return
	}
	o.stmt(ins)
}

// stmt writes one statement with its terminator. On MySQL a statement
// holding ';' (a routine body) is wrapped in DELIMITER commands.
func (o *OfflineRunner) stmt(s string) {
	s = strings.TrimRight(strings.TrimSpace(s), ";")
	if o.r.d.Capabilities().Syntax.DelimiterCommand && strings.Contains(s, ";") {
		o.line("DELIMITER $$\n" + s + "$$\nDELIMITER ;\n")
		return
	}
	o.line(s + ";\n")
}

func (o *OfflineRunner) line(s string) {
	if o.err != nil {
		return
	}
	_, o.err = io.WriteString(o.w, s)
}

func (o *OfflineRunner) fail(err error) {
	if o.err == nil {
		o.err = err
	}
}
