package lint

import (
	"testing"

	"github.com/migratego/migrate/dialect"
)

// FuzzClassify feeds arbitrary statements to the classifier of each
// database: it must never panic, and every change it returns is either
// classified or says why not.
func FuzzClassify(f *testing.F) {
	for _, c := range sqlCases {
		f.Add(c.sql)
	}
	f.Add("ALTER TABLE t ADD COLUMN")
	f.Add("ALTER TABLE t ALTER COLUMN c TYPE")
	f.Add("CREATE UNIQUE INDEX ON")
	f.Add("ALTER TABLE ((((")
	var ds []dialect.Dialect
	for _, name := range []string{"postgres", "mysql", "sqlite"} {
		d, err := dialect.ForName(name)
		if err != nil {
			f.Fatal(err)
		}
		ds = append(ds, d)
	}
	f.Fuzz(func(t *testing.T, stmt string) {
		for _, d := range ds {
			for _, c := range Classify(d, stmt, 1) {
				if c.Kind == KindUnclassified && c.Reason == "" {
					t.Errorf("%s: %q: unclassified without a reason", d.Name(), stmt)
				}
			}
		}
	})
}
