package lint_test

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/lint"
	"github.com/migratego/migrate/scriptdir"
)

// Lint one SQL revision for PostgreSQL: the table users exists before it,
// so its index build and its NOT NULL column are hazards.
func ExampleCheck() {
	src := `-- migrate:id 0002
-- migrate:upgrade
SET lock_timeout = '5s';
CREATE INDEX ix_users_email ON users (email);
-- migrate:lint-ignore not-null-without-default users is empty in every environment
ALTER TABLE users ADD COLUMN age int NOT NULL;
`
	sc, err := scriptdir.ParseSQLRevision("0002_index.sql", []byte(src))
	if err != nil {
		panic(err)
	}
	d, _ := dialect.ForName("postgres")
	rep, err := lint.Check(context.Background(), lint.Options{Dialect: d}, []*lint.Revision{{Script: sc, InRange: true}})
	if err != nil {
		panic(err)
	}
	for _, f := range rep.Findings {
		accepted := ""
		if f.Suppressed != "" {
			accepted = " (accepted: " + f.Suppressed + ")"
		}
		fmt.Printf("%s %s %s%s\n", f.Location(), f.Rule, f.Severity, accepted)
	}
	fmt.Println("fails:", rep.Failed())
	// Output:
	// 0002_index.sql:4 index-not-concurrent error
	// 0002_index.sql:6 not-null-without-default error (accepted: users is empty in every environment)
	// fails: true
}
