package runner

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/migratego/migrate/scriptdir"
)

// Current returns the version table's rows (the database's current
// heads), sorted; none when the table does not exist. It takes no lock
// and never creates the table. Rows naming revisions the graph does not
// have are returned with an *UnknownRevisionError.
func (r *Runner) Current(ctx context.Context) ([]string, error) {
	// Read first: one query in the common case. The catalog lookup, which
	// costs several milliseconds on a new PostgreSQL connection, only runs
	// when the read fails, to tell a missing table from a real error.
	rows, err := r.vt.read(ctx, r.db)
	if err != nil {
		ok, xerr := r.vt.exists(ctx, r.db)
		if xerr == nil && !ok {
			return nil, nil
		}
		return nil, err
	}
	if err := r.checkKnown(rows); err != nil {
		return rows, err
	}
	return rows, r.checkRows(rows)
}

// AppliedHistory returns the history table's entries, newest first; none
// when the table does not exist. It takes no lock and creates nothing.
func (r *Runner) AppliedHistory(ctx context.Context) ([]HistoryEntry, error) {
	ok, err := r.ht.exists(ctx, r.db)
	if err != nil || !ok {
		return nil, err
	}
	return r.ht.list(ctx, r.db, 0)
}

// VerifyProblem is an applied revision whose file changed or vanished.
type VerifyProblem struct {
	Revision string `json:"revision"`
	// Problem is "changed", "vanished" or "partly applied".
	Problem string `json:"problem"`
	// Path is the revision's file (empty when vanished).
	Path string `json:"path,omitempty"`
	// AppliedChecksum is the checksum recorded by the last successful
	// upgrade; FileChecksum the file's now.
	AppliedChecksum string `json:"applied_checksum,omitempty"`
	FileChecksum    string `json:"file_checksum,omitempty"`
	// HistoryID is the history entry of that upgrade.
	HistoryID int64 `json:"history_id,omitempty"`
	// Partial is the state of a "partly applied" revision.
	Partial *Partial `json:"partial,omitempty"`
}

// Verify compares the applied revisions with their files: a revision is
// applied when it is a row of the version table or below one. Below a row
// the scripts no longer have (a database newer than the checkout), the
// graph cannot say which revisions are applied: there, a revision the
// scripts lack is taken as applied when its last successful upgrade in
// the history table was not followed by a downgrade. When every row is
// in the scripts, so is every applied revision: a revision the scripts
// lack was stamped or downgraded away, and is not reported. A file whose
// checksum differs from the one recorded at its last successful upgrade
// is "changed"; an applied revision without a file is "vanished".
// Revisions applied without a history entry (stamped, or applied before
// the history table existed) are not checked. Revisions replaced by a
// squash are not vanished, and a squashed revision is not checked on a
// database that applied the revision whose id it keeps before the squash.
func (r *Runner) Verify(ctx context.Context) ([]VerifyProblem, error) {
	var rows []string
	ok, err := r.vt.exists(ctx, r.db)
	if err != nil {
		return nil, err
	}
	if ok {
		if rows, err = r.vt.read(ctx, r.db); err != nil {
			return nil, err
		}
	}
	hok, err := r.ht.exists(ctx, r.db)
	if err != nil {
		return nil, err
	}
	if !hok {
		if len(rows) > 0 {
			return nil, ErrNoHistory
		}
		return nil, nil
	}
	entries, err := r.ht.list(ctx, r.db, 0)
	if err != nil {
		return nil, err
	}
	var problems []VerifyProblem
	applied := map[string]bool{}
	var known []string
	for _, id := range rows {
		if r.g.Revision(id) == nil {
			problems = append(problems, VerifyProblem{Revision: id, Problem: "vanished"})
			continue
		}
		known = append(known, id)
	}
	if len(known) > 0 {
		anc, err := r.g.Ancestors(true, known...)
		if err != nil {
			return nil, err
		}
		for _, rev := range anc {
			applied[rev.ID] = true
		}
		for _, id := range known {
			applied[id] = true
		}
	}
	// The latest successful upgrade or downgrade of each revision, newest
	// first in entries.
	latest := map[string]HistoryEntry{}
	for _, e := range entries {
		if e.Status != StatusOK || e.Direction == DirectionStamp {
			continue
		}
		if e.Direction == DirectionAccept {
			// An accepted edit sets the checksum of the latest upgrade.
			if _, seen := latest[e.Revision]; !seen {
				latest[e.Revision] = e
			}
			continue
		}
		if _, seen := latest[e.Revision]; !seen {
			latest[e.Revision] = e
		}
	}
	ids := make([]string, 0, len(latest))
	for id := range latest {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		e := latest[id]
		rev := r.g.Revision(id)
		var sc *scriptdir.Script
		if rev != nil {
			sc = r.set.Script(id)
		}
		switch {
		case rev == nil && r.g.ReplacedBy(id) != nil:
			// Squashed: the revision that replaced it stands for it.
		case rev == nil:
			if len(known) < len(rows) && e.Direction != DirectionDowngrade && !slices.ContainsFunc(problems, func(p VerifyProblem) bool { return p.Revision == id }) {
				problems = append(problems, VerifyProblem{Revision: id, Problem: "vanished", AppliedChecksum: e.Checksum, HistoryID: e.ID})
			}
		case !applied[id] || (e.Direction != DirectionUpgrade && e.Direction != DirectionAccept):
		case sc == nil || e.Checksum == "":
		case sc.Checksum != e.Checksum && slices.Contains(rev.Replaces, id):
			// A squashed revision keeps the id of the last revision it
			// replaced: a database that applied that one recorded the
			// checksum of the file the squash removed.
		case sc.Checksum != e.Checksum:
			problems = append(problems, VerifyProblem{Revision: id, Problem: "changed", Path: sc.Path,
				AppliedChecksum: e.Checksum, FileChecksum: sc.Checksum, HistoryID: e.ID})
		}
	}
	part, err := r.Partial(ctx)
	if err != nil {
		return nil, err
	}
	if part != nil {
		problems = append(problems, VerifyProblem{Revision: part.Revision, Problem: "partly applied", Path: part.Path, HistoryID: part.HistoryID, Partial: part})
	}
	return problems, nil
}

// Partial is a revision that an earlier run left partly applied, as the
// history table tells it, with what is known of each statement.
type Partial struct {
	Revision  string `json:"revision"`
	Step      string `json:"step"`
	Direction string `json:"direction"`
	// Path is the revision's file (empty when it is gone).
	Path string `json:"path,omitempty"`
	// Status is the entry's: failed, interrupted, unknown, or running
	// (a run works on it now, or died; the next run finds out which).
	Status string `json:"status"`
	// Statements are the revision's statements with their state; for a
	// Go revision, those that ran and the next one.
	Statements []StatementState `json:"statements"`
	// HistoryID is the history entry.
	HistoryID int64  `json:"history_id"`
	Error     string `json:"error,omitempty"`
}

// StatementState is a statement of a partly applied revision: "ran",
// "failed" (refused, did not take effect), "not run", or "unknown".
type StatementState struct {
	Index int    `json:"index"`
	State string `json:"state"`
	Text  string `json:"text,omitempty"`
}

// Partial returns the revision an earlier run left partly applied, or
// nil. It takes no lock and creates nothing.
func (r *Runner) Partial(ctx context.Context) (*Partial, error) {
	ok, err := r.ht.exists(ctx, r.db)
	if err != nil || !ok {
		return nil, err
	}
	e, err := r.pendingPartial(ctx, r.db)
	if err != nil || e == nil {
		return nil, err
	}
	p := &Partial{Revision: e.Revision, Step: e.Step, Direction: e.Direction, Status: e.Status, HistoryID: e.ID, Error: e.Error}
	if sc := r.set.Script(e.Revision); sc != nil {
		p.Path = sc.Path
	}
	var texts []string
	if ps := r.pendingStep(e, nil); ps != nil && ps.isSQL {
		texts = statementTexts(ps.stmts)
	}
	// The statement it stopped at: the recorded one, else the one after
	// those that ran; those between were rolled back with it.
	stop := e.FailedIndex
	if stop == 0 {
		stop = e.StatementsDone + 1
	}
	n := max(len(texts), e.StatementCount, stop)
	for i := 1; i <= n; i++ {
		st := StatementState{Index: i, State: "not run"}
		switch {
		case i <= e.StatementsDone:
			st.State = "ran"
		case i != stop:
		case e.Status == StatusFailed:
			st.State = "failed"
		case e.Status == StatusUnknown || e.Status == StatusRunning:
			st.State = "unknown"
		}
		if i <= len(texts) {
			st.Text = abbreviate(texts[i-1], 120)
		} else if i == stop && e.FailedStatement != "" {
			st.Text = abbreviate(e.FailedStatement, 120)
		}
		p.Statements = append(p.Statements, st)
	}
	return p, nil
}

// Accept records that the file of the applied revision id was edited on
// purpose: verify compares it with the file's checksum now. It takes the
// migration lock.
func (r *Runner) Accept(ctx context.Context, id string) error {
	rev := r.g.Revision(id)
	sc := r.set.Script(id)
	if rev == nil || sc == nil {
		return &ResumeError{Msg: fmt.Sprintf("verify --accept %s: no revision file declares it", id)}
	}
	s, err := r.begin(ctx)
	if err != nil {
		return err
	}
	defer s.close(ctx)
	now := r.now()
	e := &HistoryEntry{Revision: id, Direction: DirectionAccept, Step: "accept the edited file of " + id, Checksum: sc.Checksum,
		Tag: r.tag, Status: StatusOK, StartedAt: now, FinishedAt: now, Operator: r.operator, ToolVersion: r.toolVersion}
	return r.ht.insert(ctx, s.conn, e)
}

// ErrNoHistory is returned by Verify when revisions are applied but the
// history table, which holds their checksums, does not exist.
var ErrNoHistory = errors.New("the history table does not exist, so the applied revisions cannot be checked (they were stamped, or applied by a tool that does not keep it)")
