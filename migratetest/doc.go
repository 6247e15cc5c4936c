// Package migratetest checks a project's revisions on a scratch database
// with the stairway test: every revision, oldest first, is upgraded,
// downgraded and upgraded again, one at a time, and each downgrade must
// bring back exactly the schema that the database had before the upgrade.
// At head the schema must equal the project's target model, when there
// is one.
//
// From go test:
//
//	func TestMigrations(t *testing.T) {
//		db, _ := sql.Open("sqlite", ":memory:")
//		db.SetMaxOpenConns(1) // one in-memory database for every statement
//		migratetest.Stairway(t, db, migrate.Source{FS: os.DirFS("migrations/versions")})
//	}
//
// The same test runs as `migrate test`. Run is the engine both use: it
// drives the revisions through package runner on an open database, so Go
// revisions run compiled into the test binary (migrate.Source.Registry)
// and SQL revisions are split and run exactly as `migrate upgrade` runs
// them; the schema is read with package inspect and compared structurally,
// without normalising anything away.
package migratetest
