package runner

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
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
	// DirectionAccept records that the file of an applied revision was
	// edited on purpose (`verify --accept`): its checksum is the file's
	// new one.
	DirectionAccept = "accept"
)

// Statuses of a history entry.
const (
	// StatusRunning: the step started and has not finished; on a later
	// run (which holds the lock) it means the process died mid-step.
	StatusRunning = "running"
	StatusOK      = "ok"
	// StatusFailed: the statement after the StatementsDone that ran was
	// refused by the database (it did not take effect).
	StatusFailed = "failed"
	// StatusInterrupted: the run was stopped (Ctrl-C) and the statement
	// after the StatementsDone that ran was cancelled before it took
	// effect.
	StatusInterrupted = "interrupted"
	// StatusUnknown: the statement after the StatementsDone that ran was
	// running outside a transaction when its run was interrupted or lost
	// its connection: it may or may not have taken effect.
	StatusUnknown = "unknown"
	// StatusSettled marks a stamp entry that settles a partly applied
	// revision, and a partly applied entry an accepted resume replaced.
	StatusSettled = "settled"
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
	// VersionTable is the version table whose migration set the entry
	// belongs to: two sets in one database share the history table and
	// never see each other's entries.
	VersionTable string `json:"version_table"`
	// Session is the server's id of the session that ran the step's
	// statements (0 when the database has none: SQLite), so that a later
	// run can wait for it to end.
	Session int64 `json:"session,omitempty"`
	// RanChecksum is the checksum of the texts of the StatementsDone
	// statements that ran: a resumed run compares only those.
	RanChecksum string `json:"ran_checksum,omitempty"`
	// FailedIndex is the 1-based position, among the revision's
	// statements, of the statement the step stopped at (refused,
	// interrupted, or of unknown outcome); 0 when it is not known. It
	// differs from StatementsDone+1 when a transaction of the revision
	// rolled back the statements before the failing one (statements that
	// ran outside a transaction, then a group of statements in one that
	// failed at its third), and is the only record of the failing
	// statement when none of them stayed.
	FailedIndex int `json:"failed_index,omitempty"`
}

// historyColumns lists the columns in the order read by list.
var historyColumns = []string{"id", "revision", "direction", "step", "checksum", "tag", "status",
	"started_at", "finished_at", "duration_ms", "operator", "tool_version",
	"statements_done", "statement_count", "error", "failed_statement",
	"version_table", "session_id", "ran_checksum", "failed_index"}

// addedHistoryColumns are the columns added after the first release of
// the table, in the order they were added: ensureTables adds those an
// older table lacks (upgradeStatements).
var addedHistoryColumns = []string{"version_table", "session_id", "ran_checksum", "failed_index"}

// historyTable is the append-only table of applied steps.
type historyTable struct {
	d      dialect.Dialect
	rs     dialect.RunSupport
	schema string
	name   string
	qname  string
	qcols  map[string]string
	// owner is the version table whose entries this handle reads and
	// writes (the version_table column).
	owner string
}

func newHistoryTable(d dialect.Dialect, rs dialect.RunSupport, schema, name, owner string) (*historyTable, error) {
	if name == "" {
		name = DefaultHistoryTable
	}
	qname, err := d.QuoteQualified(schema, name)
	if err != nil {
		return nil, fmt.Errorf("history table: %w", err)
	}
	h := &historyTable{d: d, rs: rs, schema: schema, name: name, qname: qname, qcols: map[string]string{}, owner: owner}
	for _, c := range historyColumns {
		if h.qcols[c], err = d.QuoteIdent(c); err != nil {
			return nil, fmt.Errorf("history table: %w", err)
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
			h.column("version_table"),
			h.column("session_id"),
			h.column("ran_checksum"),
			h.column("failed_index"),
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
	}
}

// column describes one of the addedHistoryColumns.
func (h *historyTable) column(name string) *model.Column {
	switch name {
	case "version_table":
		return &model.Column{Name: name, Type: model.Varchar(255), Nullable: true}
	case "session_id":
		return &model.Column{Name: name, Type: model.BigInt, Nullable: true}
	case "failed_index":
		return &model.Column{Name: name, Type: model.Integer, Nullable: true}
	default:
		return &model.Column{Name: name, Type: model.Varchar(64), Nullable: true}
	}
}

// upgradeStatements returns the statements that bring a history table
// made by an older migrate up to date: the addedHistoryColumns it lacks
// are added, and when version_table is among them the entries without a
// version table are given to this handle's (the first migration set that
// runs after the upgrade of migrate claims the older entries).
func (h *historyTable) upgradeStatements(ctx context.Context, q dialect.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+h.selectCols(addedHistoryColumns...)+" FROM "+h.qname+" WHERE 1 = 0")
	if err == nil {
		return nil, rows.Close() // up to date: the query of every run
	}
	have, err := h.columns(ctx, q)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, c := range addedHistoryColumns {
		if !have[c] {
			missing = append(missing, c)
		}
	}
	if len(missing) == 0 {
		return nil, nil
	}
	alt, ok := h.d.(dialect.Alterer)
	if !ok {
		return nil, fmt.Errorf("history table %s: dialect %s cannot add its new columns", h.display(), h.d.Name())
	}
	var out []string
	for _, c := range missing {
		st, err := alt.AddColumn(h.model(), h.column(c))
		if err != nil {
			return nil, fmt.Errorf("history table %s: add column %s: %w", h.display(), c, err)
		}
		out = append(out, st...)
	}
	if have["version_table"] {
		return out, nil
	}
	owner, err := h.d.Literal(h.owner)
	if err != nil {
		return nil, err
	}
	return append(out, "UPDATE "+h.qname+" SET "+h.qcols["version_table"]+" = "+owner+" WHERE "+h.qcols["version_table"]+" IS NULL"), nil
}

// columns returns the names of the history table's columns, read from
// the result of a query that returns no row, which cannot fail on a table
// of any age. It is asked only of a table found out of date: PostgreSQL
// refuses to run again, on a connection that ran it, a cached SELECT *
// whose columns changed since.
func (h *historyTable) columns(ctx context.Context, q dialect.Querier) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, "SELECT * FROM "+h.qname+" WHERE 1 = 0")
	if err != nil {
		return nil, fmt.Errorf("history table %s: read its columns: %w", h.display(), err)
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("history table %s: read its columns: %w", h.display(), err)
	}
	have := make(map[string]bool, len(names))
	for _, n := range names {
		have[strings.ToLower(n)] = true
	}
	return have, rows.Close()
}

func (h *historyTable) createStatements() ([]string, error) {
	stmts, err := h.d.CreateTable(h.model())
	if err != nil {
		return nil, fmt.Errorf("history table %s: %w", h.display(), err)
	}
	return stmts, nil
}

func (h *historyTable) exists(ctx context.Context, q dialect.Querier) (bool, error) {
	ok, err := h.rs.TableExists(ctx, q, h.schema, h.name)
	if err != nil {
		return false, fmt.Errorf("look for history table %s: %w", h.display(), err)
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

// selectCols quotes and joins column names qualified by the table, for a
// query that must fail when a column is missing: SQLite reads a
// double-quoted name it cannot resolve as a string literal, unless it is
// qualified.
func (h *historyTable) selectCols(names ...string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = h.qname + "." + h.qcols[n]
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
		e.StatementsDone, e.StatementCount, nullString(e.Error), nullString(e.FailedStatement),
		e.VersionTable, nullSession(e.Session), nullString(e.RanChecksum), nullIndex(e.FailedIndex)}
}

// copyValues returns e's values in insertedColumns order, typed for
// COPY's binary format: times as time.Time (UTC, microseconds), numbers
// as integers of the columns' sizes.
func (e *HistoryEntry) copyValues() []any {
	var finished, duration any
	if !e.FinishedAt.IsZero() {
		finished = e.FinishedAt.UTC().Truncate(time.Microsecond)
		duration = e.Duration.Milliseconds()
	}
	return []any{e.Revision, e.Direction, e.Step, nullString(e.Checksum), nullString(e.Tag), e.Status,
		e.StartedAt.UTC().Truncate(time.Microsecond), finished, duration, nullString(e.Operator), nullString(e.ToolVersion),
		int32(e.StatementsDone), int32(e.StatementCount), nullString(e.Error), nullString(e.FailedStatement),
		e.VersionTable, nullSession(e.Session), nullString(e.RanChecksum), nullIndex32(e.FailedIndex)}
}

// nullIndex is a statement index for a parameter: NULL when unknown (0).
func nullIndex(i int) any {
	if i == 0 {
		return nil
	}
	return int64(i)
}

// nullIndex32 is nullIndex for COPY's binary format (an integer column).
func nullIndex32(i int) any {
	if i == 0 {
		return nil
	}
	return int32(i)
}

func nullSession(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// insert appends e, as an entry of this handle's version table, and sets
// e.ID.
func (h *historyTable) insert(ctx context.Context, q dialect.Querier, e *HistoryEntry) error {
	e.VersionTable = h.owner
	marks := make([]string, len(insertedColumns))
	for i := range marks {
		marks[i] = h.rs.Placeholder(i + 1)
	}
	query := "INSERT INTO " + h.qname + " (" + h.cols(insertedColumns...) + ") VALUES (" + strings.Join(marks, ", ") + ")"
	if h.d.Capabilities().Returning {
		rows, err := q.QueryContext(ctx, query+" RETURNING "+h.qcols["id"], e.values()...)
		if err != nil {
			return fmt.Errorf("history table %s: insert: %w", h.display(), err)
		}
		defer rows.Close()
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return fmt.Errorf("history table %s: insert: %w", h.display(), err)
			}
			return fmt.Errorf("history table %s: insert returned no id", h.display())
		}
		if err := rows.Scan(&e.ID); err != nil {
			return fmt.Errorf("history table %s: insert: %w", h.display(), err)
		}
		return rows.Close()
	}
	res, err := q.ExecContext(ctx, query, e.values()...)
	if err != nil {
		return fmt.Errorf("history table %s: insert: %w", h.display(), err)
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("history table %s: insert id: %w", h.display(), err)
	}
	return nil
}

// insertManyRows bounds the rows of one insertMany statement, so that its
// parameters stay within every driver's limit (SQLite: 32,766).
const insertManyRows = 500

// insertMany appends entries, as entries of this handle's version table,
// in as few statements as the parameter limits allow; their IDs are not
// read back.
func (h *historyTable) insertMany(ctx context.Context, q dialect.Querier, entries []*HistoryEntry) error {
	for len(entries) > 0 {
		chunk := entries[:min(len(entries), insertManyRows)]
		entries = entries[len(chunk):]
		var b strings.Builder
		b.WriteString("INSERT INTO " + h.qname + " (" + h.cols(insertedColumns...) + ") VALUES ")
		args := make([]any, 0, len(chunk)*len(insertedColumns))
		for i, e := range chunk {
			e.VersionTable = h.owner
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j := range insertedColumns {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(h.rs.Placeholder(len(args) + j + 1))
			}
			b.WriteByte(')')
			args = append(args, e.values()...)
		}
		if _, err := q.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("history table %s: insert: %w", h.display(), err)
		}
	}
	return nil
}

// copyMany appends entries by COPY through conn where the dialect can
// (PostgreSQL): one statement for any number of rows, which the server
// need not parse (a multi-row INSERT of 500 entries costs it tens of
// milliseconds of parsing and binding). done is false when it cannot.
func (h *historyTable) copyMany(ctx context.Context, conn *sql.Conn, entries []*HistoryEntry) (done bool, err error) {
	cp, ok := h.d.(dialect.Copier)
	if !ok {
		return false, nil
	}
	rows := make([][]any, len(entries))
	for i, e := range entries {
		e.VersionTable = h.owner
		rows[i] = e.copyValues()
	}
	err = conn.Raw(func(dc any) error {
		_, err := cp.CopyRows(ctx, dc, h.schema, h.name, insertedColumns, rows)
		return err
	})
	if errors.Is(err, dialect.ErrNoCopy) {
		return false, nil
	}
	if err != nil {
		return true, fmt.Errorf("history table %s: insert: %w", h.display(), err)
	}
	return true, nil
}

// setProgress records that e.StatementsDone statements of entry e have
// run (with their checksum e.RanChecksum).
func (h *historyTable) setProgress(ctx context.Context, q dialect.Querier, e *HistoryEntry) error {
	_, err := q.ExecContext(ctx, "UPDATE "+h.qname+" SET "+h.qcols["statements_done"]+" = "+h.rs.Placeholder(1)+
		", "+h.qcols["ran_checksum"]+" = "+h.rs.Placeholder(2)+
		" WHERE "+h.qcols["id"]+" = "+h.rs.Placeholder(3), e.StatementsDone, nullString(e.RanChecksum), e.ID)
	if err != nil {
		return fmt.Errorf("history table %s: record progress: %w", h.display(), err)
	}
	return nil
}

// setStatus sets the status of entry id.
func (h *historyTable) setStatus(ctx context.Context, q dialect.Querier, id int64, status string) error {
	_, err := q.ExecContext(ctx, "UPDATE "+h.qname+" SET "+h.qcols["status"]+" = "+h.rs.Placeholder(1)+
		" WHERE "+h.qcols["id"]+" = "+h.rs.Placeholder(2), status, id)
	if err != nil {
		return fmt.Errorf("history table %s: entry %d: %w", h.display(), id, err)
	}
	return nil
}

// settle records what a later run found out about entry e, left running
// by a run that died: its status, progress and error.
func (h *historyTable) settle(ctx context.Context, q dialect.Querier, e *HistoryEntry) error {
	_, err := q.ExecContext(ctx, "UPDATE "+h.qname+" SET "+h.qcols["status"]+" = "+h.rs.Placeholder(1)+
		", "+h.qcols["statements_done"]+" = "+h.rs.Placeholder(2)+", "+h.qcols["ran_checksum"]+" = "+h.rs.Placeholder(3)+
		", "+h.qcols["error"]+" = "+h.rs.Placeholder(4)+
		" WHERE "+h.qcols["id"]+" = "+h.rs.Placeholder(5), e.Status, e.StatementsDone, nullString(e.RanChecksum), nullString(e.Error), e.ID)
	if err != nil {
		return fmt.Errorf("history table %s: entry %d: %w", h.display(), e.ID, err)
	}
	return nil
}

// finish records the end of entry e (status, times, progress, error).
func (h *historyTable) finish(ctx context.Context, q dialect.Querier, e *HistoryEntry) error {
	set := []string{"status", "finished_at", "duration_ms", "statements_done", "error", "failed_statement", "ran_checksum", "failed_index"}
	parts := make([]string, len(set))
	for i, c := range set {
		parts[i] = h.qcols[c] + " = " + h.rs.Placeholder(i+1)
	}
	query := "UPDATE " + h.qname + " SET " + strings.Join(parts, ", ") +
		" WHERE " + h.qcols["id"] + " = " + h.rs.Placeholder(len(set)+1)
	res, err := q.ExecContext(ctx, query, e.Status, timeText(e.FinishedAt), e.Duration.Milliseconds(),
		e.StatementsDone, nullString(e.Error), nullString(e.FailedStatement), nullString(e.RanChecksum), nullIndex(e.FailedIndex), e.ID)
	if err != nil {
		return fmt.Errorf("history table %s: finish entry %d: %w", h.display(), e.ID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n != 1 {
		return fmt.Errorf("history table %s: entry %d vanished (edited by hand?)", h.display(), e.ID)
	}
	return nil
}

// list returns the entries of this handle's version table, newest first;
// limit > 0 keeps that many. A table made by an older migrate is read
// with the columns it has (until a run upgrades it); without the
// version_table column it is read whole.
func (h *historyTable) list(ctx context.Context, q dialect.Querier, limit int) ([]HistoryEntry, error) {
	out, err := h.listColumns(ctx, q, limit, historyColumns)
	if err != nil {
		if have, cerr := h.columns(ctx, q); cerr == nil && !have[addedHistoryColumns[len(addedHistoryColumns)-1]] {
			cols := slices.DeleteFunc(slices.Clone(historyColumns), func(c string) bool { return !have[c] })
			return h.listColumns(ctx, q, limit, cols)
		}
	}
	return out, err
}

// listColumns is list, reading cols (historyColumns or those of them an
// older table has).
func (h *historyTable) listColumns(ctx context.Context, q dialect.Querier, limit int, cols []string) ([]HistoryEntry, error) {
	query := "SELECT " + h.selectCols(cols...) + " FROM " + h.qname
	var args []any
	if slices.Contains(cols, "version_table") {
		query += " WHERE " + h.qcols["version_table"] + " = " + h.rs.Placeholder(1)
		args = append(args, h.owner)
	}
	query += " ORDER BY " + h.qcols["id"] + " DESC"
	if limit > 0 {
		query += " LIMIT " + strconv.Itoa(limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read history table %s: %w", h.display(), err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var (
			e                                      HistoryEntry
			checksum, tag, op, tool, errText, stmt sql.NullString
			vt, ranSum                             sql.NullString
			started, finished                      any
			duration, session, failedIndex         sql.NullInt64
		)
		byName := map[string]any{"id": &e.ID, "revision": &e.Revision, "direction": &e.Direction, "step": &e.Step,
			"checksum": &checksum, "tag": &tag, "status": &e.Status, "started_at": &started, "finished_at": &finished,
			"duration_ms": &duration, "operator": &op, "tool_version": &tool, "statements_done": &e.StatementsDone,
			"statement_count": &e.StatementCount, "error": &errText, "failed_statement": &stmt,
			"version_table": &vt, "session_id": &session, "ran_checksum": &ranSum, "failed_index": &failedIndex}
		dest := make([]any, len(cols))
		for i, c := range cols {
			dest[i] = byName[c]
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("read history table %s: %w", h.display(), err)
		}
		e.Checksum, e.Tag, e.Operator, e.ToolVersion = checksum.String, tag.String, op.String, tool.String
		e.Error, e.FailedStatement = errText.String, stmt.String
		e.VersionTable, e.Session, e.RanChecksum = vt.String, session.Int64, ranSum.String
		e.FailedIndex = int(failedIndex.Int64)
		e.Duration = time.Duration(duration.Int64) * time.Millisecond
		if e.StartedAt, err = asTime(started); err != nil {
			return nil, fmt.Errorf("read history table %s: started_at of entry %d: %w", h.display(), e.ID, err)
		}
		if e.FinishedAt, err = asTime(finished); err != nil {
			return nil, fmt.Errorf("read history table %s: finished_at of entry %d: %w", h.display(), e.ID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read history table %s: %w", h.display(), err)
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
		"operator", "tool_version", "statements_done", "statement_count", "version_table"}
	vals := []any{e.Revision, e.Direction, e.Step, nullString(e.Checksum), nullString(e.Tag), e.Status,
		nullString(e.Operator), nullString(e.ToolVersion), int64(e.StatementsDone), int64(e.StatementCount), h.owner}
	lits := make([]string, 0, len(vals)+2)
	for _, v := range vals {
		l, err := h.d.Literal(v)
		if err != nil {
			return "", fmt.Errorf("history table %s: %w", h.display(), err)
		}
		lits = append(lits, l)
	}
	cols = append(cols, "started_at", "finished_at")
	lits = append(lits, "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP")
	return "INSERT INTO " + h.qname + " (" + h.cols(cols...) + ") VALUES (" + strings.Join(lits, ", ") + ")", nil
}
