package dialect

// MySQL returns the MySQL/MariaDB dialect.
func MySQL() Dialect { return nil } // placeholder, replaced by the MySQL dialect
