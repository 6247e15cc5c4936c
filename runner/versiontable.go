package runner

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/versions"
)

// Default names of the runner's tables.
const (
	DefaultVersionTable = "migrate_version"
	DefaultHistoryTable = "migrate_history"
)

// versionColumn is the version table's one column.
const versionColumn = "version_num"

// versionTable is the table holding one row per current head, as
// Alembic's alembic_version: one column version_num varchar(255), the
// primary key.
type versionTable struct {
	d      dialect.Dialect
	rs     dialect.RunSupport
	schema string
	name   string
	// qname and qcol are the quoted table (schema-qualified) and column.
	qname, qcol string
}

func newVersionTable(d dialect.Dialect, rs dialect.RunSupport, schema, name string) (*versionTable, error) {
	if name == "" {
		name = DefaultVersionTable
	}
	qname, err := d.QuoteQualified(schema, name)
	if err != nil {
		return nil, fmt.Errorf("version table: %w", err)
	}
	qcol, err := d.QuoteIdent(versionColumn)
	if err != nil {
		return nil, fmt.Errorf("version table: %w", err)
	}
	return &versionTable{d: d, rs: rs, schema: schema, name: name, qname: qname, qcol: qcol}, nil
}

// display names the table in messages.
func (v *versionTable) display() string { return v.qname }

// model describes the table for dialect.CreateTable.
func (v *versionTable) model() *model.Table {
	return &model.Table{
		Schema:     v.schema,
		Name:       v.name,
		Columns:    []*model.Column{{Name: versionColumn, Type: model.Varchar(255)}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{versionColumn}},
	}
}

// createStatements returns the table's DDL.
func (v *versionTable) createStatements() ([]string, error) {
	stmts, err := v.d.CreateTable(v.model())
	if err != nil {
		return nil, fmt.Errorf("version table %s: %w", v.display(), err)
	}
	return stmts, nil
}

// exists reports whether the table exists.
func (v *versionTable) exists(ctx context.Context, q dialect.Querier) (bool, error) {
	ok, err := v.rs.TableExists(ctx, q, v.schema, v.name)
	if err != nil {
		return false, fmt.Errorf("look for version table %s: %w", v.display(), err)
	}
	return ok, nil
}

// read returns the rows, sorted.
func (v *versionTable) read(ctx context.Context, q dialect.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+v.qcol+" FROM "+v.qname)
	if err != nil {
		return nil, fmt.Errorf("read version table %s: %w", v.display(), err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read version table %s: %w", v.display(), err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read version table %s: %w", v.display(), err)
	}
	slices.Sort(ids)
	return ids, nil
}

// apply runs a step's row statements with bound parameters; every UPDATE
// and DELETE must touch exactly one row.
func (v *versionTable) apply(ctx context.Context, q dialect.Querier, s versions.Step) error {
	return v.applyOps(ctx, q, s, s.Rows())
}

// applyDiff changes the rows from into to, for the steps of a shared
// transaction whose row changes were deferred to its commit; last is the
// last of those steps, which messages name. Every UPDATE and DELETE must
// touch exactly one row.
func (v *versionTable) applyDiff(ctx context.Context, q dialect.Querier, last versions.Step, from, to []string) error {
	var gone, added []string
	for _, id := range from {
		if !slices.Contains(to, id) {
			gone = append(gone, id)
		}
	}
	for _, id := range to {
		if !slices.Contains(from, id) {
			added = append(added, id)
		}
	}
	var ops []versions.RowOp
	for len(gone) > 0 && len(added) > 0 {
		ops = append(ops, versions.RowOp{Kind: versions.RowUpdate, From: gone[0], To: added[0]})
		gone, added = gone[1:], added[1:]
	}
	for _, id := range gone {
		ops = append(ops, versions.RowOp{Kind: versions.RowDelete, From: id})
	}
	for _, id := range added {
		ops = append(ops, versions.RowOp{Kind: versions.RowInsert, To: id})
	}
	return v.applyOps(ctx, q, last, ops)
}

// applyOps runs row statements for step s.
func (v *versionTable) applyOps(ctx context.Context, q dialect.Querier, s versions.Step, rowOps []versions.RowOp) error {
	for _, op := range rowOps {
		var (
			query, verb, row string
			args             []any
		)
		switch op.Kind {
		case versions.RowInsert:
			verb, row = "INSERT", op.To
			query = "INSERT INTO " + v.qname + " (" + v.qcol + ") VALUES (" + v.rs.Placeholder(1) + ")"
			args = []any{op.To}
		case versions.RowUpdate:
			verb, row = "UPDATE", op.From
			query = "UPDATE " + v.qname + " SET " + v.qcol + " = " + v.rs.Placeholder(1) +
				" WHERE " + v.qcol + " = " + v.rs.Placeholder(2)
			args = []any{op.To, op.From}
		case versions.RowDelete:
			verb, row = "DELETE", op.From
			query = "DELETE FROM " + v.qname + " WHERE " + v.qcol + " = " + v.rs.Placeholder(1)
			args = []any{op.From}
		default:
			return fmt.Errorf("%s: unknown version-table operation %d", s, op.Kind)
		}
		res, err := q.ExecContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("%s: %s version table %s (version_num='%s'): %w", s, verb, v.display(), row, err)
		}
		if op.Kind == versions.RowInsert {
			continue
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("%s: %s version table %s: rows affected: %w", s, verb, v.display(), err)
		}
		if n != 1 {
			return &VersionTableError{Step: s.String(), Revision: s.Revision.ID, Table: v.display(), Statement: verb, Row: row, Affected: n}
		}
	}
	return nil
}

// purge deletes every row (stamp --purge).
func (v *versionTable) purge(ctx context.Context, q dialect.Querier) error {
	if _, err := q.ExecContext(ctx, "DELETE FROM "+v.qname); err != nil {
		return fmt.Errorf("purge version table %s: %w", v.display(), err)
	}
	return nil
}

// offlineStatements spells a step's row statements with literals, for
// --sql output.
func (v *versionTable) offlineStatements(s versions.Step) ([]string, error) {
	var out []string
	for _, op := range s.Rows() {
		var a, b string
		var err error
		if op.To != "" {
			if a, err = v.d.Literal(op.To); err != nil {
				return nil, err
			}
		}
		if op.From != "" {
			if b, err = v.d.Literal(op.From); err != nil {
				return nil, err
			}
		}
		switch op.Kind {
		case versions.RowInsert:
			out = append(out, "INSERT INTO "+v.qname+" ("+v.qcol+") VALUES ("+a+")")
		case versions.RowUpdate:
			out = append(out, "UPDATE "+v.qname+" SET "+v.qcol+" = "+a+" WHERE "+v.qcol+" = "+b)
		case versions.RowDelete:
			out = append(out, "DELETE FROM "+v.qname+" WHERE "+v.qcol+" = "+b)
		}
	}
	return out, nil
}
