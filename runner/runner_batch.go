package runner

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/model"
)

// foreignKeysOff switches foreign-key enforcement off for the run when the
// dialect needs that for batch (move-and-copy) rebuilds and a Go revision
// may perform one (SQLite: dropping the old table would otherwise cascade
// deletes into the tables that reference it, and the pragma cannot change
// inside a transaction). It records how many violations exist already, so
// that checkForeignKeys can refuse to commit new ones.
func (s *session) foreignKeysOff(ctx context.Context, prepared []*preparedStep) error {
	fk, ok := s.r.d.(dialect.ForeignKeySwitch)
	if !ok {
		return nil
	}
	anyGo := false
	for _, p := range prepared {
		anyGo = anyGo || !p.isSQL
	}
	if !anyGo {
		return nil
	}
	var on int
	if err := s.conn.QueryRowContext(ctx, fk.ForeignKeysQuery()).Scan(&on); err != nil {
		return fmt.Errorf("read foreign-key enforcement: %w", err)
	}
	if on == 0 {
		return nil // already off: the user chose so, leave it
	}
	if err := s.conn.QueryRowContext(ctx, fk.ForeignKeyViolationsQuery()).Scan(&s.fkBaseline); err != nil {
		return fmt.Errorf("count foreign-key violations: %w", err)
	}
	if _, err := s.conn.ExecContext(ctx, fk.SetForeignKeys(false)); err != nil {
		return fmt.Errorf("switch foreign-key enforcement off: %w", err)
	}
	s.fk = fk
	return nil
}

// foreignKeysOn restores enforcement after the run, even when ctx is done.
func (s *session) foreignKeysOn(ctx context.Context) error {
	if s.fk == nil {
		return nil
	}
	if _, err := s.conn.ExecContext(context.WithoutCancel(ctx), s.fk.SetForeignKeys(true)); err != nil {
		return fmt.Errorf("switch foreign-key enforcement back on: %w", err)
	}
	s.fk = nil
	return nil
}

// checkForeignKeys fails a Go revision, before its transaction commits,
// when it left more foreign-key violations than the database had when the
// run started (enforcement being off, the database did not stop them).
func (s *session) checkForeignKeys(ctx context.Context, q dialect.Querier, p *preparedStep) *StatementError {
	if s.fk == nil {
		return nil
	}
	n, err := countRows(ctx, q, s.fk.ForeignKeyViolationsQuery())
	if err != nil {
		fe := &StatementError{Err: fmt.Errorf("count foreign-key violations: %w", err)}
		fillStatementError(fe, p)
		return fe
	}
	if n > s.fkBaseline {
		fe := &StatementError{Err: fmt.Errorf("the revision leaves %d row(s) violating foreign keys (there were %d before); "+
			"foreign keys are not enforced while a Go revision runs on this database, so delete or fix the dependent rows in the revision", n, s.fkBaseline)}
		fillStatementError(fe, p)
		return fe
	}
	return nil
}

// liveTable returns the Op's reader of a table's current definition,
// inspecting through the migration's own connection or transaction so that
// it sees the revision's earlier changes.
func liveTable(d dialect.Dialect, q dialect.Querier) func(ctx context.Context, schema, name string) (*model.Table, error) {
	in, err := inspect.For(d)
	if err != nil {
		return nil
	}
	return func(ctx context.Context, schema, name string) (*model.Table, error) {
		opts := inspect.Options{Include: []string{name}}
		if schema != "" {
			opts.Schemas = []string{schema}
		}
		md, err := in.Inspect(ctx, q, opts)
		if err != nil {
			return nil, fmt.Errorf("read table %q: %w", name, err)
		}
		for _, t := range md.Tables {
			if t.Name == name {
				return t, nil
			}
		}
		return nil, fmt.Errorf("table %q does not exist", name)
	}
}

// countRows runs a query returning one integer.
func countRows(ctx context.Context, q dialect.Querier, query string) (int64, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}
