package dialect

// SQLite returns the SQLite dialect.
func SQLite() Dialect { return nil } // placeholder, replaced by the SQLite dialect
