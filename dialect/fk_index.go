package dialect

import "github.com/migratego/migrate/model"

// ForeignKeyIndexKeeper is implemented by dialects whose database creates
// an index for a foreign key that no key of the table serves, and keeps
// that index when the foreign key is dropped (MySQL/MariaDB: InnoDB). The
// model leaves such an index out (see InnoDBForeignKeyIndex), so dropping
// the foreign key must drop it too, or it would show as a new index.
type ForeignKeyIndexKeeper interface {
	// KeptForeignKeyIndex returns the name of the index the database
	// made for fk of t (t as the model has it, without that index), or ""
	// when another key of t serves fk and the database made none.
	KeptForeignKeyIndex(t *model.Table, fk *model.ForeignKey) string
}

var _ ForeignKeyIndexKeeper = (*mysqlDialect)(nil)

// KeptForeignKeyIndex returns fk's name, InnoDB's name for the index it
// creates, unless a key of t starts with fk's columns.
func (d *mysqlDialect) KeptForeignKeyIndex(t *model.Table, fk *model.ForeignKey) string {
	if fk.Name == "" || mysqlOtherKeyCovers(t, nil, fk.Columns) {
		return ""
	}
	return fk.Name
}
