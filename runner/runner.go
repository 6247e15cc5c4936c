package runner

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"os/user"
	"slices"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/versions"
)

// TransactionMode says how the runner groups revisions into transactions.
type TransactionMode int

// The transaction modes.
const (
	// TransactionPerRevision (the default) runs each revision in its own
	// transaction covering its statements, its version-table change and
	// its history row, on databases with transactional DDL.
	TransactionPerRevision TransactionMode = iota
	// TransactionAll wraps the whole run in one transaction. It is refused
	// on databases without transactional DDL (MySQL, MariaDB) and for runs
	// that include a non-transactional revision or statement.
	TransactionAll
)

// ParseTransactionMode reads a transaction mode by name: "per-revision"
// (or "per-migration", "revision") or "all". ok is false for another
// name.
func ParseTransactionMode(name string) (mode TransactionMode, ok bool) {
	switch name {
	case "per-revision", "per-migration", "revision":
		return TransactionPerRevision, true
	case "all":
		return TransactionAll, true
	}
	return 0, false
}

// DefaultLockTimeout bounds the wait for the migration lock.
const DefaultLockTimeout = 60 * time.Second

// Phase is the moment of a progress report.
type Phase int

// The phases of a step.
const (
	StepStarted Phase = iota + 1
	StepFinished
	StepFailed
	// RunCommitted: the one transaction of a --transaction all run
	// committed (Message says how many revisions).
	RunCommitted
	// Notice: something the user should know while the run goes on or
	// after it (Message): waiting for the lock or for the session of an
	// interrupted run, a lock lost after the work was done.
	Notice
)

// Progress reports one step of a run to the WithProgress callback: once
// when it starts and once when it ends.
type Progress struct {
	Phase Phase
	Step  versions.Step
	// Message is Alembic's log line: "Running upgrade a -> b, add users".
	Message string
	// Elapsed is the step's duration (StepFinished, StepFailed).
	Elapsed time.Duration
	// Resumed is the number of statements skipped because an earlier
	// run applied them (resuming a partly applied revision).
	Resumed int
	// Err is the failure (StepFailed).
	Err error
	// Pending marks a StepFinished whose changes wait for the commit of
	// the whole run (--transaction all).
	Pending bool
}

// Runner applies upgrade, downgrade and stamp plans of a revision graph
// to one database. It serialises concurrent runners with the migration
// lock, held on a dedicated connection for the whole run, keeps the
// version table and the history table, and runs each revision in a
// transaction where the database allows it.
type Runner struct {
	db  *dialect.DB
	set *Set
	g   *versions.Graph // set.Graph()
	d   dialect.Dialect
	rs  dialect.RunSupport
	vt  *versionTable
	ht  *historyTable

	mode        TransactionMode
	lockTimeout time.Duration
	lockMethod  dialect.LockMethod
	lockLease   time.Duration
	progress    func(Progress)
	tag         string
	toolVersion string
	operator    string
	now         func() time.Time
	resumeAt    int

	// Version-table configuration, applied by NewRunner.
	vtSchema, vtName, htName string
}

// Option configures a Runner.
type Option func(*Runner)

// WithVersionTable names the version table and its schema (empty: the
// connection's default); the history table lives in the same schema.
func WithVersionTable(schema, name string) Option {
	return func(r *Runner) { r.vtSchema, r.vtName = schema, name }
}

// WithHistoryTable names the history table.
func WithHistoryTable(name string) Option { return func(r *Runner) { r.htName = name } }

// WithTransactionMode chooses per-revision transactions (default) or one
// transaction for the whole run.
func WithTransactionMode(m TransactionMode) Option { return func(r *Runner) { r.mode = m } }

// WithLockTimeout bounds the wait for the migration lock (default 60s).
func WithLockTimeout(d time.Duration) Option { return func(r *Runner) { r.lockTimeout = d } }

// WithLock chooses the migration lock: the database's own (the default,
// dialect.LockAuto) or a lease row in the lock table (dialect.LockTable),
// for servers and poolers where session locks do not hold. A Galera
// cluster gets the lease row either way.
func WithLock(m dialect.LockMethod) Option { return func(r *Runner) { r.lockMethod = m } }

// WithLockLease sets how long the lease of a lease lock stays valid
// without a heartbeat (default dialect.DefaultLockLease): the longest a
// runner that died keeps the next one waiting.
func WithLockLease(d time.Duration) Option { return func(r *Runner) { r.lockLease = d } }

// WithProgress receives a report when each step starts and ends.
func WithProgress(f func(Progress)) Option { return func(r *Runner) { r.progress = f } }

// WithTag records a tag (the --tag of the command) in the history rows.
func WithTag(tag string) Option { return func(r *Runner) { r.tag = tag } }

// WithToolVersion records the tool's version in the history rows.
func WithToolVersion(v string) Option { return func(r *Runner) { r.toolVersion = v } }

// WithOperator overrides the operator recorded in the history rows
// (default: user@host of the process).
func WithOperator(op string) Option { return func(r *Runner) { r.operator = op } }

// WithResumeAt resumes the revision an earlier run left partly applied
// at its statement n (1-based): the statements before n count as applied
// and are not run. It is how a user settles a statement whose outcome is
// unknown (`upgrade --resume-at N`): n to run it again, n+1 when it took
// effect. The statements that the earlier run recorded as applied must be
// unchanged.
func WithResumeAt(n int) Option { return func(r *Runner) { r.resumeAt = n } }

// NewRunner returns a runner for the migration set on db.
func NewRunner(db *dialect.DB, set *Set, opts ...Option) (*Runner, error) {
	if db == nil || db.DB == nil || db.Dialect == nil {
		return nil, errors.New("no database")
	}
	r, err := newRunner(db.Dialect, set, opts)
	if err != nil {
		return nil, err
	}
	r.db = db
	return r, nil
}

// newRunner applies the options and builds the table handles; the
// offline runner shares it.
func newRunner(d dialect.Dialect, set *Set, opts []Option) (*Runner, error) {
	if set == nil {
		return nil, errors.New("no migration set")
	}
	r := &Runner{set: set, g: set.Graph(), d: d, lockTimeout: DefaultLockTimeout, now: time.Now}
	for _, o := range opts {
		o(r)
	}
	var err error
	if r.rs, err = dialect.RunSupportOf(r.d); err != nil {
		return nil, err
	}
	if r.vt, err = newVersionTable(r.d, r.rs, r.vtSchema, r.vtName); err != nil {
		return nil, err
	}
	if r.ht, err = newHistoryTable(r.d, r.rs, r.vtSchema, r.htName, r.vt.name); err != nil {
		return nil, err
	}
	if r.operator == "" {
		r.operator = defaultOperator()
	}
	return r, nil
}

// defaultOperator is user@host of the process.
func defaultOperator() string {
	name := "unknown"
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username
	} else if s := os.Getenv("USER"); s != "" {
		name = s
	}
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown"
	}
	return name + "@" + host
}

// Result says what a run did.
type Result struct {
	// Steps are the steps applied, in order.
	Steps []versions.Step
	// Before and After are the version table's rows around the run.
	Before, After []string
}

// session is one locked run: the lock on its dedicated connection and the
// migration connection.
type session struct {
	r    *Runner
	lock *dialect.Lock
	conn *sql.Conn
	// sc controls server sessions (nil on SQLite); sid is the migration
	// connection's session id on the server.
	sc  dialect.SessionControl
	sid int64
	// rows are the version table's rows as the run changed them.
	rows []string
	// broken is set once the migration connection was lost or its
	// statement interrupted: it is not used again.
	broken bool
	// lockLost is set once Check found the lock lost.
	lockLost bool
	// lockCheck is the result of a lock confirmation under way
	// (startLockCheck).
	lockCheck <-chan lockResult
	// syncRestore switches commits back to synchronous (asyncCommits).
	syncRestore func(context.Context) error
	// group is set while the run's revisions share one transaction
	// (groupCommits); groupOpen while that transaction is open, since
	// groupSince, with groupSteps revisions in it. groupLost is the number
	// of revisions an interruption took back with the transaction.
	group, groupOpen bool
	groupSince       time.Time
	groupSteps       []*preparedStep
	groupLost        []*preparedStep
	// groupStatements counts the statements run in the open shared
	// transaction; groupFrom and groupTo are the version table's rows
	// before and after its revisions, whose bookkeeping is deferred to
	// its commit: pending are their history entries.
	groupStatements int
	// groupMaxStatements bounds groupStatements (0: no bound).
	groupMaxStatements int
	groupFrom          []string
	groupTo            []string
	pending            []*HistoryEntry
	// then writes a tracked revision's entry in the shared transaction
	// just before its commit (commitWith).
	then func(q dialect.Querier) error
	// stmts are the runner's statements prepared on the migration
	// connection (see prepared).
	stmts map[string]*sql.Stmt
	// replaying is set while replayLost runs revisions again; lostSteps
	// are those it could not.
	replaying bool
	lostSteps []string
	// fk is set while foreign-key enforcement is switched off for the run
	// (SQLite batch rebuilds in Go revisions); fkBaseline is the number of
	// violations the database had before, which the run may not increase.
	fk         dialect.ForeignKeySwitch
	fkBaseline int64
	// restore undoes the dialect's tuning of the connection (SessionTuner).
	restore func(context.Context) error
}

// begin takes the lock, then a migration connection, and creates the
// version and history tables when missing.
func (r *Runner) begin(ctx context.Context) (*session, error) {
	lock, err := dialect.AcquireMigrationLock(ctx, r.db, r.vtSchema, r.vt.name, dialect.LockOptions{
		Timeout: r.lockTimeout,
		Owner:   fmt.Sprintf("migrate by %s, pid %d", r.operator, os.Getpid()),
		Waiting: func(holder string) {
			r.report(Progress{Phase: Notice, Message: "waiting for the migration lock held by " + holder})
		},
		Method: r.lockMethod,
		Lease:  r.lockLease,
		Notice: func(msg string) { r.report(Progress{Phase: Notice, Message: msg}) },
	})
	if err != nil {
		return nil, err
	}
	conn, err := r.db.Conn(ctx)
	if err != nil {
		_ = lock.Release(ctx)
		return nil, fmt.Errorf("connect: %w", err)
	}
	s := &session{r: r, lock: lock, conn: conn, sc: dialect.SessionControlOf(r.d)}
	if s.sc != nil {
		if s.sid, err = s.sc.SessionID(ctx, conn); err != nil {
			s.close(ctx)
			return nil, fmt.Errorf("migration session id: %w", err)
		}
	}
	if t, ok := r.d.(dialect.SessionTuner); ok {
		restore, err := t.TuneSession(ctx, conn)
		s.restore = restore
		if err != nil {
			s.close(ctx)
			return nil, err
		}
	}
	if err := s.ensureTables(ctx); err != nil {
		s.close(ctx)
		return nil, err
	}
	return s, nil
}

// close returns the connection and releases the lock, whatever ctx's
// state (Ctrl-C included). A lock that cannot be released because its
// session is gone is no error: the server released it with the session,
// and the run's work is done and recorded (a run that succeeded never
// fails for that); it is reported as a notice.
func (s *session) close(ctx context.Context) error {
	err := s.commitGroup(ctx)
	err = errors.Join(err, s.syncCommits(ctx))
	if s.restore != nil && !s.broken {
		if rerr := s.restore(context.WithoutCancel(ctx)); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	s.closeStatements()
	if s.broken {
		_ = s.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	if cerr := s.conn.Close(); cerr != nil && !errors.Is(cerr, sql.ErrConnDone) && !s.broken {
		err = errors.Join(err, cerr)
	}
	if lerr := s.lock.Release(ctx); lerr != nil && !s.lockLost {
		s.r.report(Progress{Phase: Notice, Message: fmt.Sprintf("the migration lock could not be released (%v); its session is gone, and the database released the lock with it", lerr)})
	}
	return err
}

// ensureTables creates the version and history tables when missing, in
// one transaction where DDL is transactional.
func (s *session) ensureTables(ctx context.Context) error {
	var stmts []string
	okV, err := s.r.vt.exists(ctx, s.conn)
	if err != nil {
		return err
	}
	if !okV {
		c, err := s.r.vt.createStatements()
		if err != nil {
			return err
		}
		stmts = append(stmts, c...)
	}
	okH, err := s.r.ht.exists(ctx, s.conn)
	if err != nil {
		return err
	}
	if !okH {
		c, err := s.r.ht.createStatements()
		if err != nil {
			return err
		}
		stmts = append(stmts, c...)
	} else {
		c, err := s.r.ht.upgradeStatements(ctx, s.conn)
		if err != nil {
			return err
		}
		stmts = append(stmts, c...)
	}
	if len(stmts) == 0 {
		return nil
	}
	return s.inTx(ctx, func(q dialect.Querier) error {
		for _, st := range stmts {
			if _, err := q.ExecContext(ctx, st); err != nil {
				return fmt.Errorf("create the version tables: %w\n  statement: %s", err, st)
			}
		}
		return nil
	})
}

// inTx runs f in a transaction on the migration connection and commits.
// While the run's revisions share a transaction (groupCommits), f runs in
// a savepoint of it instead, released when f succeeds and rolled back
// when it fails.
func (s *session) inTx(ctx context.Context, f func(q dialect.Querier) error) error {
	if s.group {
		return s.inSavepoint(ctx, f)
	}
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := f(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// checkKnown fails when a row of the version table is not in the graph.
func (r *Runner) checkKnown(rows []string) error {
	for _, id := range rows {
		if r.g.Revision(id) == nil {
			e := &UnknownRevisionError{Revision: id, Table: r.vt.display()}
			if s := r.g.ReplacedBy(id); s != nil {
				e.SquashedInto = s.ID
			}
			return e
		}
	}
	return nil
}

// Upgrade applies target (see Graph.PlanUpgrade: an identifier such as
// "head", "heads", an id, a label, "+2", "branch@head") and everything it
// needs that is not applied yet.
func (r *Runner) Upgrade(ctx context.Context, target string) (*Result, error) {
	return r.run(ctx, func(cur []string) ([]versions.Step, error) { return r.g.PlanUpgrade(cur, target) })
}

// Downgrade reverts everything above target (see Graph.PlanDowngrade:
// "base", an id, "-1", "branch@-1").
func (r *Runner) Downgrade(ctx context.Context, target string) (*Result, error) {
	return r.run(ctx, func(cur []string) ([]versions.Step, error) { return r.g.PlanDowngrade(cur, target) })
}

// Step upgrades (up) or downgrades exactly the revision id and nothing
// else (see Graph.PlanStep): its parents and dependencies must be applied
// for an upgrade, nothing above it for a downgrade. The stairway test
// walks the graph with it.
func (r *Runner) Step(ctx context.Context, id string, up bool) (*Result, error) {
	return r.run(ctx, func(cur []string) ([]versions.Step, error) {
		st, err := r.g.PlanStep(cur, id, up)
		if err != nil {
			return nil, err
		}
		return []versions.Step{st}, nil
	})
}

// locked begins a session (the migration lock and its connection), reads
// the version table and calls fn with both. The session is closed when fn
// returns; its error is returned when fn had none.
func (r *Runner) locked(ctx context.Context, fn func(s *session, cur []string) (*Result, error)) (res *Result, err error) {
	s, err := r.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := s.close(ctx); cerr != nil && err == nil {
			err = cerr
		}
	}()
	cur, err := r.vt.read(ctx, s.conn)
	if err != nil {
		return nil, err
	}
	return fn(s, cur)
}

// run is Upgrade and Downgrade: lock, read the rows, plan, check every
// step before running any, resume or refuse a partly applied revision,
// then run the steps.
func (r *Runner) run(ctx context.Context, plan func(cur []string) ([]versions.Step, error)) (*Result, error) {
	return r.locked(ctx, func(s *session, cur []string) (res *Result, err error) {
		if err := r.checkKnown(cur); err != nil {
			return nil, err
		}
		if err := r.checkRows(cur); err != nil {
			return nil, err
		}
		s.rows = cur
		steps, err := plan(cur)
		if err != nil {
			return nil, err
		}
		res = &Result{Before: cur, After: cur}
		prepared := make([]*preparedStep, len(steps))
		for i, st := range steps {
			if prepared[i], err = r.prepare(st); err != nil {
				return res, err
			}
		}
		if err := r.checkCluster(prepared); err != nil {
			return res, err
		}
		if err := r.checkPending(ctx, s, prepared); err != nil {
			return res, err
		}
		if len(steps) == 0 {
			return res, nil
		}
		if len(steps) > 1 && r.mode == TransactionPerRevision {
			if err := s.asyncCommits(ctx); err != nil {
				return res, err
			}
			s.groupCommits()
		}
		if err := s.foreignKeysOff(ctx, prepared); err != nil {
			return res, err
		}
		defer func() {
			if ferr := s.foreignKeysOn(ctx); ferr != nil && err == nil {
				err = ferr
			}
		}()
		if r.mode == TransactionAll {
			err = s.runAll(ctx, prepared)
			if err == nil {
				res.Steps = steps
			}
		} else {
			for i, p := range prepared {
				if err = s.runStep(ctx, p, i == len(prepared)-1); err != nil {
					break
				}
				res.Steps = append(res.Steps, p.step)
			}
			if cerr := s.commitGroup(ctx); cerr != nil && err == nil {
				err = cerr
			}
			if len(s.lostSteps) > 0 {
				res.Steps = slices.DeleteFunc(res.Steps, func(st versions.Step) bool { return slices.Contains(s.lostSteps, st.String()) })
			}
		}
		if after, rerr := r.vt.read(context.WithoutCancel(ctx), s.querier()); rerr == nil {
			res.After = after
		} else {
			res.After = s.rows
		}
		return res, err
	})
}

// Stamp sets the version table to targets without running migrations
// (see Graph.PlanStamp); purge empties the table first. All of it is one
// transaction, with a history row per step.
func (r *Runner) Stamp(ctx context.Context, targets []string, purge bool) (*Result, error) {
	return r.locked(ctx, func(s *session, cur []string) (res *Result, err error) {
		if !purge {
			if err := r.checkKnown(cur); err != nil {
				var ue *UnknownRevisionError
				if errors.As(err, &ue) && ue.SquashedInto == "" {
					ue.Stamping = true
				}
				return nil, err
			}
		}
		steps, err := r.g.PlanStamp(cur, targets, purge)
		if err != nil {
			return nil, err
		}
		res = &Result{Before: cur, After: cur}
		pending, err := r.pendingPartial(ctx, s.conn)
		if err != nil {
			return res, err
		}
		err = s.inTx(ctx, func(q dialect.Querier) error {
			if purge {
				if err := r.vt.purge(ctx, q); err != nil {
					return err
				}
			}
			for _, st := range steps {
				start := r.now()
				msg := "Running stamp_revision " + stepArrow(st)
				r.report(Progress{Phase: StepStarted, Step: st, Message: msg})
				if err := r.vt.apply(ctx, q, st); err != nil {
					return err
				}
				e := r.entry(st, DirectionStamp, start)
				e.Status, e.FinishedAt = StatusOK, r.now()
				e.Duration = e.FinishedAt.Sub(start)
				if err := r.ht.insert(ctx, q, e); err != nil {
					return err
				}
				r.report(Progress{Phase: StepFinished, Step: st, Message: msg, Elapsed: e.Duration})
			}
			if pending != nil {
				// A stamp is how a user settles a partly applied revision:
				// record that it is settled.
				now := r.now()
				e := &HistoryEntry{Revision: pending.Revision, Direction: DirectionStamp,
					Step: "stamp: settled " + pending.Step + " left partly applied by entry " + fmt.Sprint(pending.ID),
					Tag:  r.tag, Status: StatusOK, StartedAt: now, FinishedAt: now, Operator: r.operator, ToolVersion: r.toolVersion}
				return r.ht.insert(ctx, q, e)
			}
			return nil
		})
		if err != nil {
			return res, err
		}
		res.Steps = steps
		res.After, err = r.vt.read(ctx, s.conn)
		return res, err
	})
}

// stepArrow is "a -> b" of a stamp step.
func stepArrow(s versions.Step) string {
	return fmt.Sprintf("%s -> %s", versions.DescribeRows(s.From), versions.DescribeRows(s.To))
}

// EnsureVersionTables creates the version and history tables when they
// are missing (`migrate ensure-version`), under the migration lock.
func (r *Runner) EnsureVersionTables(ctx context.Context) error {
	s, err := r.begin(ctx)
	if err != nil {
		return err
	}
	return s.close(ctx)
}

// report calls the progress callback, if any.
func (r *Runner) report(p Progress) {
	if r.progress != nil {
		r.progress(p)
	}
}

// entry starts a history entry for a step.
func (r *Runner) entry(st versions.Step, direction string, start time.Time) *HistoryEntry {
	e := &HistoryEntry{
		Revision:    st.Revision.ID,
		Direction:   direction,
		Step:        st.String(),
		Tag:         r.tag,
		Status:      StatusRunning,
		StartedAt:   start,
		Operator:    r.operator,
		ToolVersion: r.toolVersion,
	}
	if sc := r.set.Script(st.Revision.ID); sc != nil {
		e.Checksum = sc.Checksum
	}
	return e
}
