package runner

import (
	"context"
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
	return rows, r.checkKnown(rows)
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
	// Problem is "changed" or "vanished".
	Problem string `json:"problem"`
	// Path is the revision's file (empty when vanished).
	Path string `json:"path,omitempty"`
	// AppliedChecksum is the checksum recorded by the last successful
	// upgrade; FileChecksum the file's now.
	AppliedChecksum string `json:"applied_checksum,omitempty"`
	FileChecksum    string `json:"file_checksum,omitempty"`
	// HistoryID is the history entry of that upgrade.
	HistoryID int64 `json:"history_id,omitempty"`
}

// Verify compares the applied revisions with their files: a revision is
// applied when it is a row of the version table or below one, and, for
// revisions the scripts no longer have, when its last successful upgrade
// in the history table was not followed by a downgrade. A file whose
// checksum differs from the one recorded at its last successful upgrade
// is "changed"; an applied revision without a file is "vanished".
// Revisions applied without a history entry (stamped, or applied before
// the history table existed) are not checked.
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
	entries, err := r.AppliedHistory(ctx)
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
		case rev == nil:
			if e.Direction == DirectionUpgrade && !slices.ContainsFunc(problems, func(p VerifyProblem) bool { return p.Revision == id }) {
				problems = append(problems, VerifyProblem{Revision: id, Problem: "vanished", AppliedChecksum: e.Checksum, HistoryID: e.ID})
			}
		case !applied[id] || e.Direction != DirectionUpgrade:
		case sc == nil || e.Checksum == "":
		case sc.Checksum != e.Checksum:
			problems = append(problems, VerifyProblem{Revision: id, Problem: "changed", Path: sc.Path,
				AppliedChecksum: e.Checksum, FileChecksum: sc.Checksum, HistoryID: e.ID})
		}
	}
	return problems, nil
}
