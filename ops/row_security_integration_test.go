package ops_test

import (
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/ops"
)

// TestRowSecurityOperations switches row-level security on and off on
// every database (refused where there is none), checks that the model
// the operation applies to agrees with the database, and reverses it.
func TestRowSecurityOperations(t *testing.T) {
	noRLS := func(c dialect.Capabilities) bool { return !c.RowSecurity }
	cases := []objectCase{
		{name: "enable", setup: []ops.Operation{ops.CreateTable{Table: ticketsTable}},
			op:      func(dialect.Dialect) ops.Operation { return ops.SetRowSecurity{Table: "tickets", Enable: true} },
			refused: noRLS},
		{name: "enable_forced", setup: []ops.Operation{ops.CreateTable{Table: ticketsTable}},
			op: func(dialect.Dialect) ops.Operation {
				return ops.SetRowSecurity{Table: "tickets", Enable: true, Force: true}
			},
			refused: noRLS},
		{name: "disable", setup: []ops.Operation{ops.CreateTable{Table: ticketsTable},
			ops.SetRowSecurity{Table: "tickets", Enable: true, Force: true}},
			op: func(dialect.Dialect) ops.Operation {
				return ops.SetRowSecurity{Table: "tickets", Was: true, WasForced: true}
			},
			refused: noRLS},
	}
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					runObjectCase(t, openObjectCase(t, name, tc), tc)
				})
			}
		})
	}
}
