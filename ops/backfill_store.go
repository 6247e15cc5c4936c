package ops

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/query"
)

// BackfillTable is the table where a backfill in a non-transactional
// revision keeps the last key it committed, to resume from after a
// failure. It is created in the default schema when first needed; its
// rows are deleted when their backfill completes.
const BackfillTable = "migrate_backfill"

// backfillStore reads and writes one backfill's resume record.
type backfillStore struct {
	d        dialect.Dialect
	revision string
	name     string
}

var backfillCols = query.T(BackfillTable)

// backfillModel is the resume table's definition.
func backfillModel() *model.Table {
	return &model.Table{
		Name: BackfillTable,
		Columns: []*model.Column{
			{Name: "revision", Type: model.Type{Kind: model.KindVarchar, Length: 64}},
			{Name: "name", Type: model.Type{Kind: model.KindVarchar, Length: 190}},
			{Name: "last_key", Type: model.Type{Kind: model.KindText}},
			{Name: "rows_done", Type: model.Type{Kind: model.KindBigInt}},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"revision", "name"}},
	}
}

// ensure creates the resume table when missing.
func (s *backfillStore) ensure(ctx context.Context, ex dialect.Querier) error {
	rs, err := dialect.RunSupportOf(s.d)
	if err != nil {
		return err
	}
	ok, err := rs.TableExists(ctx, ex, "", BackfillTable)
	if err != nil || ok {
		return err
	}
	stmts, err := s.d.CreateTable(backfillModel())
	if err != nil {
		return err
	}
	for _, st := range stmts {
		if _, err := ex.ExecContext(ctx, st); err != nil {
			return &StatementError{Statement: st, Err: err}
		}
	}
	return nil
}

func (s *backfillStore) mine() query.Cond {
	return query.And(query.Eq(backfillCols.C("revision"), s.revision), query.Eq(backfillCols.C("name"), s.name))
}

// load returns the last committed key and rows done, if any.
func (s *backfillStore) load(ctx context.Context, ex dialect.Querier) (key any, rows int64, ok bool, err error) {
	op := NewOp(s.d, ex)
	var rec struct {
		LastKey  string `migrate:"last_key"`
		RowsDone int64  `migrate:"rows_done"`
	}
	err = op.QueryRow(ctx, query.Select(backfillCols.C("last_key"), backfillCols.C("rows_done")).From(backfillCols).Where(s.mine()), &rec)
	if err == query.ErrNoRows {
		return nil, 0, false, nil
	}
	if err != nil {
		return nil, 0, false, err
	}
	key, err = parseKey(rec.LastKey)
	if err != nil {
		return nil, 0, false, fmt.Errorf("%s row (%s, %s): %w", BackfillTable, s.revision, s.name, err)
	}
	return key, rec.RowsDone, true, nil
}

// save records the last key done, in the batch's transaction.
func (s *backfillStore) save(ctx context.Context, ex dialect.Querier, key any, rows int64) error {
	text, err := formatKey(key)
	if err != nil {
		return err
	}
	_, err = NewOp(s.d, ex).Exec(ctx, query.Insert(backfillCols).Columns("revision", "name", "last_key", "rows_done").
		Values(s.revision, s.name, text, rows).OnConflict("revision", "name").
		DoUpdate(query.Set("last_key", query.Excluded("last_key")), query.Set("rows_done", query.Excluded("rows_done"))))
	return err
}

// clear deletes the record of a completed backfill.
func (s *backfillStore) clear(ctx context.Context, ex dialect.Querier) error {
	_, err := NewOp(s.d, ex).Exec(ctx, query.Delete(backfillCols).Where(s.mine()))
	return err
}

// formatKey spells a key as "i:123" or "s:text".
func formatKey(k any) (string, error) {
	switch x := k.(type) {
	case int64:
		return "i:" + strconv.FormatInt(x, 10), nil
	case string:
		return "s:" + x, nil
	}
	return "", fmt.Errorf("the key value %v (%T) is neither an integer nor text; walk by an integer or text column", k, k)
}

// parseKey reads a key spelled by formatKey.
func parseKey(s string) (any, error) {
	switch {
	case strings.HasPrefix(s, "i:"):
		return strconv.ParseInt(s[2:], 10, 64)
	case strings.HasPrefix(s, "s:"):
		return s[2:], nil
	}
	return nil, fmt.Errorf("last_key %q is not a key this version wrote", s)
}

// keyText spells a key for messages.
func keyText(k any) string {
	if k == nil {
		return "(start)"
	}
	return fmt.Sprint(k)
}
