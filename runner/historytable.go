package runner

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// Directions of a history entry.
const (
	DirectionUpgrade   = "upgrade"
	DirectionDowngrade = "downgrade"
	DirectionStamp     = "stamp"
)

// Statuses of a history entry.
const (
	// StatusRunning: the step started and has not finished; on a later
	// run (which holds the lock) it means the process died mid-step.
	StatusRunning = "running"
	StatusOK      = "ok"
	StatusFailed  = "failed"
)

// HistoryEntry is one row of the append-only history table: one attempt
// to apply a step.
type HistoryEntry struct {
	ID int64 `json:"id"`
	// Revision is the revision upgraded, downgraded or stamped.
	Revision string `json:"revision"`
	// Direction is upgrade, downgrade or stamp.
	Direction string `json:"direction"`
	// Step is the step as Alembic logs it: "upgrade a -> b".
	Step string `json:"step"`
	// Checksum is the SHA-256 of the revision file when it ran.
	Checksum string `json:"checksum,omitempty"`
	// Tag is the --tag of the run.
	Tag string `json:"tag,omitempty"`
	// Status is running, ok or failed.
	Status     string    `json:"status"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at,omitzero"`
	// Duration is FinishedAt - StartedAt, stored in milliseconds.
	Duration time.Duration `json:"duration_ns,omitempty"`
	// Operator is user@host of the process that ran the step.
	Operator    string `json:"operator,omitempty"`
	ToolVersion string `json:"tool_version,omitempty"`
	// StatementsDone counts the statements of the revision that ran and
	// were committed (progress on databases without transactional DDL);
	// StatementCount is their number (0 when unknown, for Go revisions).
	StatementsDone int `json:"statements_done"`
	StatementCount int `json:"statement_count"`
	// Error and FailedStatement describe a failure.
	Error           string `json:"error,omitempty"`
	FailedStatement string `json:"failed_statement,omitempty"`
}

// historyColumns lists the columns in the order read by list.
var historyColumns = []string{"id", "revision", "direction", "step", "checksum", "tag", "status",
	"started_at", "finished_at", "duration_ms", "operator", "tool_version",
	"statements_done", "statement_count", "error", "failed_statement"}

// historyTable is the append-only table of applied steps.
type historyTable struct {
	d      dialect.Dialect
	rs     dialect.RunSupport
	schema string
	name   string
	qname  string
	qcols  map[string]string
}

func newHistoryTable(d dialect.Dialect, rs dialect.RunSupport, schema, name string) (*historyTable, error) {
	if name == "" {
		name = DefaultHistoryTable
	}
	qname, err := d.QuoteQualified(schema, name)
	if err != nil {
		return nil, fmt.Errorf("runner: history table: %w", err)
	}
	h := &historyTable{d: d, rs: rs, schema: schema, name: name, qname: qname, qcols: map[string]string{}}
	for _, c := range historyColumns {
		if h.qcols[c], err = d.QuoteIdent(c); err != nil {
			return nil, fmt.Errorf("runner: history table: %w", err)
		}
	}
	return h, nil
}

func (h *historyTable) display() string { return h.qname }

// model describes the table for dialect.CreateTable.
func (h *historyTable) model() *model.Table {
	ts := model.Type{Kind: model.KindTimestamp, Precision: 6}
	return &model.Table{
		Schema: h.schema,
		Name:   h.name,
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, AutoIncrement: true},
			{Name: "revision", Type: model.Varchar(255)},
			{Name: "direction", Type: model.Varchar(16)},
			{Name: "step", Type: model.Text},
			{Name: "checksum", Type: model.Varchar(64), Nullable: true},
			{Name: "tag", Type: model.Varchar(255), Nullable: true},
			{Name: "status", Type: model.Varchar(16)},
			{Name: "started_at", Type: ts},
			{Name: "finished_at", Type: ts, Nullable: true},
			{Name: "duration_ms", Type: model.BigInt, Nullable: true},
			{Name: "operator", Type: model.Varchar(255), Nullable: true},
			{Name: "tool_version", Type: model.Varchar(64), Nullable: true},
			{Name: "statements_done", Type: model.Integer},
			{Name: "statement_count", Type: model.Integer},
			{Name: "error", Type: model.Text, Nullable: true},
			{Name: "failed_statement", Type: model.Text, Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
	}
}

func (h *historyTable) createStatements() ([]string, error) {
	stmts, err := h.d.CreateTable(h.model())
	if err != nil {
		return nil, fmt.Errorf("runner: history table %s: %w", h.display(), err)
	}
	return stmts, nil
}

func (h *historyTable) exists(ctx context.Context, q dialect.Querier) (bool, error) {
	ok, err := h.rs.TableExists(ctx, q, h.schema, h.name)
	if err != nil {
		return false, fmt.Errorf("runner: look for history table %s: %w", h.display(), err)
	}
	return ok, nil
}

// cols quotes and joins column names.
func (h *historyTable) cols(names ...string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = h.qcols[n]
	}
	return strings.Join(q, ", ")
}

// insertedColumns are the columns insert writes, in order.
var insertedColumns = historyColumns[1:]

// values returns e's values in insertedColumns order.
func (e *HistoryEntry) values() []any {
	var finished, duration any
	if !e.FinishedAt.IsZero() {
		finished = timeText(e.FinishedAt)
		duration = e.Duration.Milliseconds()
	}
	return []any{e.Revision, e.Direction, e.Step, nullString(e.Checksum), nullString(e.Tag), e.Status,
		timeText(e.StartedAt), finished, duration, nullString(e.Operator), nullString(e.ToolVersion),
		e.StatementsDone, e.StatementCount, nullString(e.Error), nullString(e.FailedStatement)}
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// insert appends e and sets e.ID.
func (h *historyTable) insert(ctx context.Context, q dialect.Querier, e *HistoryEntry) error {
	marks := make([]string, len(insertedColumns))
	for i := range marks {
		marks[i] = h.rs.Placeholder(i + 1)
	}
	query := "INSERT INTO " + h.qname + " (" + h.cols(insertedColumns...) + ") VALUES (" + strings.Join(marks, ", ") + ")"
	if h.d.Capabilities().Returning {
		rows, err := q.QueryContext(ctx, query+" RETURNING "+h.qcols["id"], e.values()...)
		if err != nil {
			return fmt.Errorf("runner: history table %s: insert: %w", h.display(), err)
		}
		defer rows.Close()
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return fmt.Errorf("runner: history table %s: insert: %w", h.display(), err)
			}
			return fmt.Errorf("runner: history table %s: insert returned no id", h.display())
		}
		if err := rows.Scan(&e.ID); err != nil {
			return fmt.Errorf("runner: history table %s: insert: %w", h.display(), err)
		}
		return rows.Close()
	}
	res, err := q.ExecContext(ctx, query, e.values()...)
	if err != nil {
		return fmt.Errorf("runner: history table %s: insert: %w", h.display(), err)
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("runner: history table %s: insert id: %w", h.display(), err)
	}
	return nil
}

// setProgress records that done statements of entry id have run.
func (h *historyTable) setProgress(ctx context.Context, q dialect.Querier, id int64, done int) error {
	_, err := q.ExecContext(ctx, "UPDATE "+h.qname+" SET "+h.qcols["statements_done"]+" = "+h.rs.Placeholder(1)+
		" WHERE "+h.qcols["id"]+" = "+h.rs.Placeholder(2), done, id)
	if err != nil {
		return fmt.Errorf("runner: history table %s: record progress: %w", h.display(), err)
	}
	return nil
}

// finish records the end of entry e (status, times, progress, error).
func (h *historyTable) finish(ctx context.Context, q dialect.Querier, e *HistoryEntry) error {
	set := []string{"status", "finished_at", "duration_ms", "statements_done", "error", "failed_statement"}
	parts := make([]string, len(set))
	for i, c := range set {
		parts[i] = h.qcols[c] + " = " + h.rs.Placeholder(i+1)
	}
	query := "UPDATE " + h.qname + " SET " + strings.Join(parts, ", ") +
		" WHERE " + h.qcols["id"] + " = " + h.rs.Placeholder(len(set)+1)
	res, err := q.ExecContext(ctx, query, e.Status, timeText(e.FinishedAt), e.Duration.Milliseconds(),
		e.StatementsDone, nullString(e.Error), nullString(e.FailedStatement), e.ID)
	if err != nil {
		return fmt.Errorf("runner: history table %s: finish entry %d: %w", h.display(), e.ID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n != 1 {
		return fmt.Errorf("runner: history table %s: entry %d vanished (edited by hand?)", h.display(), e.ID)
	}
	return nil
}

// list returns the entries, newest first; limit > 0 keeps that many.
func (h *historyTable) list(ctx context.Context, q dialect.Querier, limit int) ([]HistoryEntry, error) {
	query := "SELECT " + h.cols(historyColumns...) + " FROM " + h.qname + " ORDER BY " + h.qcols["id"] + " DESC"
	if limit > 0 {
		query += " LIMIT " + strconv.Itoa(limit)
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("runner: read history table %s: %w", h.display(), err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var (
			e                                      HistoryEntry
			checksum, tag, op, tool, errText, stmt sql.NullString
			started, finished                      any
			duration                               sql.NullInt64
		)
		if err := rows.Scan(&e.ID, &e.Revision, &e.Direction, &e.Step, &checksum, &tag, &e.Status,
			&started, &finished, &duration, &op, &tool, &e.StatementsDone, &e.StatementCount, &errText, &stmt); err != nil {
			return nil, fmt.Errorf("runner: read history table %s: %w", h.display(), err)
		}
		e.Checksum, e.Tag, e.Operator, e.ToolVersion = checksum.String, tag.String, op.String, tool.String
		e.Error, e.FailedStatement = errText.String, stmt.String
		e.Duration = time.Duration(duration.Int64) * time.Millisecond
		if e.StartedAt, err = asTime(started); err != nil {
			return nil, fmt.Errorf("runner: read history table %s: started_at of entry %d: %w", h.display(), e.ID, err)
		}
		if e.FinishedAt, err = asTime(finished); err != nil {
			return nil, fmt.Errorf("runner: read history table %s: finished_at of entry %d: %w", h.display(), e.ID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("runner: read history table %s: %w", h.display(), err)
	}
	return out, nil
}

// timeText spells a time for a timestamp parameter: UTC, microseconds,
// in the form every database reads as a timestamp (and SQLite's date
// functions understand), so that no driver-specific time encoding is
// involved.
func timeText(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000000") }

// timeLayouts are the text forms drivers return timestamps in (MySQL
// without parseTime, SQLite).
var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05.999999999 -0700 MST",
}

// asTime reads a scanned timestamp: a time.Time, or text; NULL is the
// zero time. Timestamps are stored in UTC.
func asTime(v any) (time.Time, error) {
	var s string
	switch x := v.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		return x.UTC(), nil
	case []byte:
		s = string(x)
	case string:
		s = x
	default:
		return time.Time{}, fmt.Errorf("unexpected timestamp value %T", v)
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read timestamp %q", s)
}

// offlineInsert spells an INSERT of e with literals, for --sql output;
// the times are the database's CURRENT_TIMESTAMP when the script runs.
func (h *historyTable) offlineInsert(e *HistoryEntry) (string, error) {
	cols := []string{"revision", "direction", "step", "checksum", "tag", "status",
		"operator", "tool_version", "statements_done", "statement_count"}
	vals := []any{e.Revision, e.Direction, e.Step, nullString(e.Checksum), nullString(e.Tag), e.Status,
		nullString(e.Operator), nullString(e.ToolVersion), int64(e.StatementsDone), int64(e.StatementCount)}
	lits := make([]string, 0, len(vals)+2)
	for _, v := range vals {
		l, err := h.d.Literal(v)
		if err != nil {
			return "", fmt.Errorf("runner: history table %s: %w", h.display(), err)
		}
		lits = append(lits, l)
	}
	cols = append(cols, "started_at", "finished_at")
	lits = append(lits, "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP")
	return "INSERT INTO " + h.qname + " (" + h.cols(cols...) + ") VALUES (" + strings.Join(lits, ", ") + ")", nil
}
