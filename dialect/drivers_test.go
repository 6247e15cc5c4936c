package dialect

// The database/sql drivers of the three databases, for the tests: package
// dialect registers none (internal/testdb, which other packages' tests
// use, imports package dialect and so cannot serve here).
import (
	_ "github.com/go-sql-driver/mysql" // database/sql driver "mysql"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"
)
