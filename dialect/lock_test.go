package dialect

import (
	"errors"
	"fmt"
	"testing"
)

func TestNeedsAutocommit(t *testing.T) {
	pg, pg11, my, lite := Postgres().(RunSupport), &postgresDialect{version: 110000}, MySQL().(RunSupport), SQLite().(RunSupport)
	cases := []struct {
		d    RunSupport
		stmt string
		want bool
	}{
		{pg, "CREATE INDEX CONCURRENTLY ix ON t (a)", true},
		{pg, "-- build it\n/* online */ create unique index concurrently ix ON t (a)", true},
		{pg, "DROP INDEX CONCURRENTLY ix", true},
		{pg, "CREATE INDEX ix ON t (a)", false},
		{pg, "INSERT INTO t VALUES ('CREATE INDEX CONCURRENTLY')", false},
		{pg, "ALTER TYPE mood ADD VALUE 'ok'", false},
		{pg11, "ALTER TYPE mood ADD VALUE 'ok'", true},
		{pg, "VACUUM ANALYZE t", true},
		{my, "CREATE INDEX ix ON t (a)", false},
		{lite, "VACUUM", true},
		{lite, "CREATE TABLE vacuum_log (id int)", false},
	}
	for _, c := range cases {
		if got := c.d.NeedsAutocommit(c.stmt); got != c.want {
			t.Errorf("%T NeedsAutocommit(%q) = %v, want %v", c.d, c.stmt, got, c.want)
		}
	}
}

func TestMySQLErrorNumber(t *testing.T) {
	cases := []struct {
		err  error
		want int
	}{
		{errors.New("Error 1094 (HY000): Unknown thread id: 7"), 1094},
		{fmt.Errorf("cancel: %w", errors.New("Error 1317 (70100): Query execution was interrupted")), 1317},
		{errors.New("driver: bad connection"), 0},
		{nil, 0},
	}
	for _, c := range cases {
		if got := mysqlErrorNumber(c.err); got != c.want {
			t.Errorf("mysqlErrorNumber(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}
