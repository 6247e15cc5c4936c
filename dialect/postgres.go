package dialect

// Postgres returns the PostgreSQL dialect.
func Postgres() Dialect { return nil } // placeholder, replaced by the PostgreSQL dialect
