package inspect_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/schemagen"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// genConfig holds the database-specific spellings the generator may use.
var genConfig = map[string]schemagen.Config{
	"postgres": {Collation: "C", RawTypes: []string{"tsvector", "integer[]", "inet"},
		IndexCollation: "POSIX", Domains: true, Routines: true, Serial: true},
	"mysql": {Collation: "utf8mb4_bin", RawTypes: []string{"mediumtext", "tinyint unsigned", "set('a','b')"},
		MySQLObjects: true, AutoIncrementSecond: true, ViewsOnViews: true},
	"sqlite": {Collation: "NOCASE", RawTypes: []string{"INT", "NVARCHAR(40)", "DATETIME"}, SQLiteObjects: true, ViewsOnViews: true},
}

// envInt reads a positive integer from the environment, or def.
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// TestRoundTrip is the property test of the inspectors: for each seed, a
// random schema using every feature the database supports goes model → DDL
// → database → inspect, and must equal the model after normalisation.
// MIGRATE_ROUNDTRIP_SEEDS sets how many schemas (default 100 per database)
// and MIGRATE_ROUNDTRIP_SEED the first seed (default 1), so a failure is
// replayed with MIGRATE_ROUNDTRIP_SEED=<seed> MIGRATE_ROUNDTRIP_SEEDS=1.
func TestRoundTrip(t *testing.T) {
	seeds := envInt("MIGRATE_ROUNDTRIP_SEEDS", 100)
	first := envInt("MIGRATE_ROUNDTRIP_SEED", 1)
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			d := db.Dialect
			for seed := first; seed < first+seeds; seed++ {
				md := schemagen.Generate(uint64(seed), d, genConfig[name])
				create, err := dialect.CreateAll(d, md)
				if err != nil {
					t.Fatalf("seed %d: CreateAll: %v", seed, err)
				}
				execAll(ctx, t, db, create...) // one connection: SET sql_mode applies to the CREATE after it
				got, err := inspect.Database(ctx, db, inspect.Options{})
				if err != nil {
					t.Fatalf("seed %d: inspect: %v", seed, err)
				}
				// View definitions and the SQL of definitions are opaque: the
				// database prints them in its own words, so the round trip
				// compares everything else about them (names, tables,
				// signatures, languages, dependencies, comments).
				// TestIdempotence holds the server's own text to a fixed point.
				want := dialect.Normalize(d, md)
				have := dialect.Normalize(d, got)
				for _, m := range []*model.MetaData{want, have} {
					for _, v := range m.Views {
						v.Definition = ""
					}
					for _, def := range m.Definitions {
						def.SQL = ""
					}
				}
				if diff := modeltest.Diff(want, have); diff != "" {
					t.Fatalf("seed %d: inspected schema differs from the model (replay with MIGRATE_ROUNDTRIP_SEED=%d MIGRATE_ROUNDTRIP_SEEDS=1):\n%s", seed, seed, diff)
				}
				drop, err := dialect.DropAll(d, md)
				if err != nil {
					t.Fatalf("seed %d: DropAll: %v", seed, err)
				}
				for _, s := range drop {
					if _, err := db.ExecContext(ctx, s); err != nil {
						t.Fatalf("seed %d: %v\nstatement:\n%s", seed, err, s)
					}
				}
				left, err := inspect.Database(ctx, db, inspect.Options{})
				if err != nil {
					t.Fatalf("seed %d: inspect after drop: %v", seed, err)
				}
				if n := len(left.Tables) + len(left.Views) + len(left.Enums) + len(left.Sequences) + len(left.Domains) + len(left.Definitions); n != 0 {
					t.Fatalf("seed %d: %d objects left after DropAll: %s", seed, n, modeltest.Diff(&model.MetaData{}, left))
				}
			}
		})
	}
}
