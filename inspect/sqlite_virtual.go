package inspect

import (
	"strings"

	"github.com/migratego/migrate/model"
)

// sqliteShadowSuffixes are the shadow tables the common modules make for a
// virtual table V, named V_suffix. SQLite reports them as shadow tables
// (pragma_table_list) only when the module is loaded; a file made by a
// build with FTS3/FTS4 and read by one without still has them, as ordinary
// tables. They belong to the virtual table: recreating it recreates them.
var sqliteShadowSuffixes = map[string][]string{
	"fts3":    {"content", "segments", "segdir", "docsize", "stat"},
	"fts4":    {"content", "segments", "segdir", "docsize", "stat"},
	"fts5":    {"data", "idx", "content", "docsize", "config"},
	"rtree":   {"node", "parent", "rowid"},
	"geopoly": {"node", "parent", "rowid"},
}

// sqliteVirtual is a virtual table read from sqlite_schema.
type sqliteVirtual struct {
	name, module string
}

// dropShadowTables removes from the tables in scope the shadow tables of
// the virtual tables found, by name, for modules the connection lacks.
func (sc *sqliteScope) dropShadowTables(virtuals []sqliteVirtual) {
	for _, v := range virtuals {
		for _, suffix := range sqliteShadowSuffixes[v.module] {
			name := v.name + "_" + suffix
			for key, st := range sc.tables {
				if strings.EqualFold(key, name) {
					delete(sc.tables, key)
					sc.order = removeTable(sc.order, st)
				}
			}
		}
	}
}

func removeTable(ts []*sqliteTable, st *sqliteTable) []*sqliteTable {
	out := ts[:0]
	for _, t := range ts {
		if t != st {
			out = append(out, t)
		}
	}
	return out
}

// virtualDefinition keeps a virtual table as its CREATE VIRTUAL TABLE
// statement, whether or not the connection has its module.
func virtualDefinition(schema, name, text string) *model.Definition {
	return &model.Definition{Kind: model.DefVirtualTable, Schema: schema, Name: name, SQL: text}
}
