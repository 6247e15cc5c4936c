package dialect

import (
	"strings"

	"github.com/migratego/migrate/model"
)

// normalizeTable puts a table in MySQL's canonical form, so that a declared
// model and an inspected one compare equal. Both sides of a comparison go
// through Normalize, so each rule maps equivalent spellings onto one:
//
//   - a primary key has no name (MySQL always calls it PRIMARY);
//   - RESTRICT is the default referential action (InnoDB treats it as NO
//     ACTION, and MariaDB reports an unspecified action as RESTRICT);
//   - an identity column is an AUTO_INCREMENT column, which is how it was
//     created (its start lives in the table's AUTO_INCREMENT option, a
//     counter rather than part of the schema);
//   - an enum is inline (ENUM('a','b')): it has no type name or schema;
//   - on InnoDB, index methods btree and hash are the default (InnoDB builds
//     a B-tree for both), and ENGINE=InnoDB is the default engine.
func (d *mysqlDialect) normalizeTable(t *model.Table) {
	if t.PrimaryKey != nil {
		t.PrimaryKey.Name = ""
	}
	for _, fk := range t.ForeignKeys {
		if fk.OnDelete == model.Restrict {
			fk.OnDelete = ""
		}
		if fk.OnUpdate == model.Restrict {
			fk.OnUpdate = ""
		}
	}
	for _, c := range t.Columns {
		if c.Type.Kind == model.KindEnum {
			c.Type.EnumName, c.Type.EnumSchema = "", ""
		}
		if c.Identity != nil && !c.Identity.Always {
			c.Identity = nil
			c.AutoIncrement = true
		}
	}
	innodb := true
	for k, v := range t.Options {
		if strings.EqualFold(strings.TrimSpace(k), "ENGINE") {
			innodb = strings.EqualFold(v, "InnoDB")
			if innodb {
				delete(t.Options, k)
			}
		}
	}
	if len(t.Options) == 0 {
		t.Options = nil
	}
	for _, ix := range t.Indexes {
		if innodb && (ix.Method == "btree" || ix.Method == "hash") {
			ix.Method = ""
		}
	}
}
