package dialect

import (
	"strings"

	"github.com/migratego/migrate/model"
)

var _ inlineIndexer = (*mysqlDialect)(nil)

// inlineIndexes returns the index an AUTO_INCREMENT column needs inside
// CREATE TABLE: InnoDB refuses the table ("there can be only one auto
// column and it must be defined as a key") unless some key starts with the
// column. When neither the primary key nor a unique constraint starts with
// it (a composite key (tenant_id, id) with id AUTO_INCREMENT), the first
// index of the table that does is written inside CREATE TABLE, and
// SeparateIndexes leaves it out of the indexes created afterwards.
func (d *mysqlDialect) inlineIndexes(t *model.Table) []*model.Index {
	var auto string
	for _, c := range t.Columns {
		if c.AutoIncrement || c.Identity != nil {
			auto = c.Name
			break
		}
	}
	if auto == "" {
		return nil
	}
	if pk := t.PrimaryKey; pk != nil && len(pk.Columns) > 0 && pk.Columns[0] == auto {
		return nil
	}
	for _, u := range t.Uniques {
		if len(u.Columns) > 0 && u.Columns[0] == auto {
			return nil
		}
	}
	for _, ix := range t.Indexes {
		m := strings.ToLower(ix.Method)
		if len(ix.Parts) > 0 && ix.Parts[0].Column == auto && m != "fulltext" && m != "spatial" {
			return []*model.Index{ix}
		}
	}
	return nil
}

// inlineKey writes an index inside CREATE TABLE:
// [CONSTRAINT name] UNIQUE KEY or KEY name (keys) [USING method].
func (d *mysqlDialect) inlineKey(b *builder, _ *model.Table, ix *model.Index) {
	if ix.Unique {
		b.raw("UNIQUE ")
	}
	b.raw("KEY ")
	if ix.Name != "" {
		b.ident(ix.Name).raw(" ")
	}
	indexKeys(b, ix, func(expr string) string { return "(" + expr + ")" })
	if m := strings.ToLower(ix.Method); m == "btree" || m == "hash" {
		b.raw(" USING ", strings.ToUpper(m))
	}
	d.indexOptions(b, ix)
}

// indexOptions appends an index's COMMENT and its IGNORED (MariaDB) or
// INVISIBLE (MySQL) flag; checkIndex refused them where unsupported.
func (d *mysqlDialect) indexOptions(b *builder, ix *model.Index) {
	if ix.Comment != "" {
		b.raw(" COMMENT ").literal(ix.Comment)
	}
	switch {
	case ix.Invisible && d.mariadb:
		b.raw(" IGNORED")
	case ix.Invisible:
		b.raw(" INVISIBLE")
	}
}
