package lint

import (
	"context"
	"slices"
	"testing"

	"github.com/migratego/migrate/dialect"
)

// TestEachDeployed: a table created by an earlier revision of the range
// is new while the range is one deployment (the default range, a RANGE),
// and exists, with rows and traffic, when every revision is taken as
// deployed on its own (EachDeployed, which lint --all sets).
func TestEachDeployed(t *testing.T) {
	create := "CREATE TABLE users (id int PRIMARY KEY, name text);"
	cases := []struct {
		name         string
		later        string
		eachDeployed bool
		want         []string
	}{
		{"rename column, one deployment", "ALTER TABLE users RENAME COLUMN name TO full_name;", false, nil},
		{"rename column, each deployed", "ALTER TABLE users RENAME COLUMN name TO full_name;", true, []string{"rename-column"}},
		{"not null, one deployment", "ALTER TABLE users ADD COLUMN age int NOT NULL;", false, nil},
		{"not null, each deployed", "ALTER TABLE users ADD COLUMN age int NOT NULL;", true, []string{"not-null-without-default"}},
		{"same revision, each deployed", "CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;", true, nil},
	}
	d, err := dialect.ForName("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			revs := []*Revision{
				{Script: sqlRevision(t, "r1", "", create), InRange: true},
				{Script: sqlRevision(t, "r2", "-- migrate:revises r1\n", c.later), InRange: true},
			}
			rep, err := Check(context.Background(), Options{Dialect: d, EachDeployed: c.eachDeployed}, revs)
			if err != nil {
				t.Fatal(err)
			}
			if got := ruleList(rep.Findings); !slices.Equal(got, c.want) {
				t.Errorf("rules: got %q, want %q\n%s", got, c.want, formatFindings(rep.Findings))
			}
		})
	}
}
