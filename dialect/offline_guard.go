package dialect

import (
	"fmt"
	"strings"
)

// OfflineGuard is implemented by dialects whose offline (--sql) scripts
// can check, in plain SQL, that the version table holds the rows a step
// expects before the step's statements run. A script piped into a client
// that goes on after an error (psql without ON_ERROR_STOP) then applies
// nothing after a failed step: the next step's check fails, which aborts
// its transaction, and so on to the end.
type OfflineGuard interface {
	// RequireRows returns a statement that fails, with a message naming
	// the rows, unless the table (quoted, qualified) has a row whose
	// column col (quoted) is each of rows.
	RequireRows(table, col string, rows []string) (string, error)
}

var _ OfflineGuard = (*postgresDialect)(nil)

// RequireRows returns a DO block that raises an exception when a row is
// missing.
func (d *postgresDialect) RequireRows(table, col string, rows []string) (string, error) {
	lits := make([]string, len(rows))
	for i, r := range rows {
		l, err := d.Literal(r)
		if err != nil {
			return "", err
		}
		lits[i] = l
	}
	msg, err := d.Literal(fmt.Sprintf("migrate: the version table %s does not hold %s: an earlier step of this script failed (or the database is not where the script starts); this step is not applied",
		table, strings.Join(rows, ", ")))
	if err != nil {
		return "", err
	}
	body := fmt.Sprintf("BEGIN IF (SELECT count(*) FROM %s WHERE %s IN (%s)) <> %d THEN RAISE EXCEPTION '%%', %s; END IF; END",
		table, col, strings.Join(lits, ", "), len(rows), msg)
	tag := "$migrate$"
	for i := 0; strings.Contains(body, tag); i++ {
		tag = fmt.Sprintf("$migrate%d$", i)
	}
	return "DO " + tag + " " + body + " " + tag, nil
}
