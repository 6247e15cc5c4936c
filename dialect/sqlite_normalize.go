package dialect

import (
	"strings"

	"github.com/migratego/migrate/model"
)

var _ normalizer = (*sqliteDialect)(nil)

// normalizeTable puts a table in SQLite's canonical form, so that a
// declared model and an inspected one compare equal (see Normalize):
//
//   - the "main" database is the default schema, spelled "";
//   - a raw type is read as ParseType reads it (the inspector keeps a
//     declared spelling such as INT or NVARCHAR(20) as a raw type, and a
//     model may say Integer or Varchar(20));
//   - the autoincrement primary key is an INTEGER column with AutoIncrement
//     (an Identity, or a SMALLINT/BIGINT key, is created exactly so);
//   - a column of a STRICT table has the type of its storage class (see
//     strictType);
//   - an enum keeps its values only: SQLite stores a VARCHAR with a CHECK,
//     and no type name;
//   - collation names of columns and index keys are upper case (SQLite
//     compares them without regard to case), and BINARY, the default, is
//     no collation of a column (an index key's BINARY may differ from its
//     column's collation, and stays);
//   - a boolean literal default is the integer SQLite stores (1 or 0), and
//     DEFAULT NULL is no default.
func (d *sqliteDialect) normalizeTable(t *model.Table) {
	if strings.EqualFold(t.Schema, "main") {
		t.Schema = ""
	}
	for _, fk := range t.ForeignKeys {
		if strings.EqualFold(fk.RefSchema, "main") || fk.RefSchema == t.Schema {
			fk.RefSchema = ""
		}
	}
	if c := sqliteAutoPK(t); c != nil {
		c.Type = model.Integer
		c.AutoIncrement = true
		c.Identity = nil
	}
	for _, ix := range t.Indexes {
		for i := range ix.Parts {
			ix.Parts[i].Collation = strings.ToUpper(ix.Parts[i].Collation)
		}
	}
	for _, c := range t.Columns {
		if c.Type.Kind == model.KindRaw {
			c.Type = d.ParseType(c.Type.Raw)
		}
		if t.Strict {
			c.Type = strictType(c.Type)
		}
		if c.Type.Kind == model.KindEnum {
			c.Type.EnumName, c.Type.EnumSchema = "", ""
		}
		c.Collation = strings.ToUpper(c.Collation)
		if c.Collation == "BINARY" {
			c.Collation = ""
		}
		if def := c.Default; def != nil {
			switch {
			case def.Expr == "" && def.Literal == nil, strings.EqualFold(strings.TrimSpace(def.Expr), "NULL"):
				c.Default = nil
			case def.Expr == "" && def.Literal == true:
				def.Literal = int64(1)
			case def.Expr == "" && def.Literal == false:
				def.Literal = int64(0)
			}
		}
	}
}
