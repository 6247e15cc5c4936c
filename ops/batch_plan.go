package ops

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// planRebuild applies mutate to a deep copy of base and works out the
// rebuild: where each column of the new table takes its values from, and
// what becomes of the indexes and constraints of renamed and dropped
// columns.
//
// Columns are followed by identity: a column object of the copy that
// mutate renames still copies from its old column. A column mutate
// replaced by a new object copies from the old column of the same name,
// or else of its RenamedFrom name. A column of the new table with none of
// these is new, and takes its default.
//
// References to a column renamed by identity, where mutate left them under
// the old name, follow the rename (index and constraint columns, and with
// a dialect.ExprRewriter, checks, index predicates and expressions, and
// generated columns), as a database's RENAME COLUMN would. Indexes and
// constraints on a column that is gone are dropped with it, as PostgreSQL
// does on DROP COLUMN.
func planRebuild(d dialect.Dialect, base *model.Table, mutate func(t *model.Table) error) (dialect.TableRebuild, error) {
	to := base.Clone()
	orig := make(map[*model.Column]string, len(to.Columns))
	for _, col := range to.Columns {
		orig[col] = col.Name
	}
	if mutate != nil {
		if err := mutate(to); err != nil {
			return dialect.TableRebuild{}, err
		}
	}
	if !strings.EqualFold(to.Name, base.Name) || !strings.EqualFold(to.Schema, base.Schema) {
		return dialect.TableRebuild{}, fmt.Errorf("a rebuild cannot rename the table (to %q); rename it with RenameTable", to.QualifiedName())
	}
	seen := map[string]bool{}
	for _, col := range to.Columns {
		if col == nil || col.Name == "" {
			return dialect.TableRebuild{}, fmt.Errorf("the new definition has a column without a name")
		}
		if seen[fold(col.Name)] {
			return dialect.TableRebuild{}, fmt.Errorf("the new definition has two columns named %q", col.Name)
		}
		seen[fold(col.Name)] = true
	}

	sources := map[string]string{}
	used := map[string]bool{}
	renamed := map[string]string{} // old name (folded) → new name
	take := func(col *model.Column, old string) bool {
		if old == "" || used[fold(old)] || findColumn(base, old) == nil {
			return false
		}
		used[fold(old)] = true
		sources[col.Name] = findColumn(base, old).Name
		return true
	}
	for _, col := range to.Columns {
		if old, ok := orig[col]; ok && take(col, old) && !strings.EqualFold(old, col.Name) {
			renamed[fold(old)] = col.Name
		}
	}
	for _, col := range to.Columns {
		if _, ok := sources[col.Name]; !ok {
			_ = take(col, col.Name) || take(col, col.RenamedFrom)
		}
	}
	followColumns(d, base, to, renamed)
	return dialect.TableRebuild{From: base, To: to, Sources: sources}, nil
}

// followColumns carries renames into the references mutate left under an
// old name, and drops the indexes and constraints of columns that are
// gone.
func followColumns(d dialect.Dialect, base, to *model.Table, renamed map[string]string) {
	present := func(name string) bool { return findColumn(to, name) != nil }
	// names maps column names through the renames; ok is false when a
	// column is gone.
	names := func(cols []string) ([]string, bool) {
		out := make([]string, len(cols))
		for i, c := range cols {
			switch n, ok := renamed[fold(c)]; {
			case present(c):
				out[i] = c
			case ok:
				out[i] = n
			default:
				return nil, false
			}
		}
		return out, true
	}
	rw, _ := d.(dialect.ExprRewriter)
	var gone []string
	for _, c := range base.Columns {
		if !present(c.Name) && renamed[fold(c.Name)] == "" {
			gone = append(gone, c.Name)
		}
	}
	// The renames whose old name is not a column any more: references
	// under the old name are stale.
	follow := map[string]string{}
	for old, n := range renamed {
		if !present(old) {
			follow[old] = n
		}
	}
	// expr follows the renames in an expression; ok is false when it
	// names a column that is gone.
	expr := func(e string) (string, bool) {
		if rw == nil || e == "" {
			return e, true
		}
		if len(follow) > 0 {
			if r, err := rw.RenameColumnsInExpr(e, follow); err == nil {
				e = r
			}
		}
		for _, g := range gone {
			if rw.ExprMentionsColumn(e, g) {
				return e, false
			}
		}
		return e, true
	}

	if pk := to.PrimaryKey; pk != nil {
		if cols, ok := names(pk.Columns); ok {
			pk.Columns = cols
		} else {
			to.PrimaryKey = nil
		}
	}
	to.Uniques = slices.DeleteFunc(to.Uniques, func(u *model.Unique) bool {
		cols, ok := names(u.Columns)
		u.Columns = cols
		return !ok
	})
	to.ForeignKeys = slices.DeleteFunc(to.ForeignKeys, func(fk *model.ForeignKey) bool {
		cols, ok := names(fk.Columns)
		fk.Columns = cols
		if ok && strings.EqualFold(fk.RefTable, to.Name) && (fk.RefSchema == "" || strings.EqualFold(fk.RefSchema, to.Schema)) {
			var refOK bool
			if fk.RefColumns, refOK = names(fk.RefColumns); !refOK {
				return true
			}
		}
		return !ok
	})
	to.Checks = slices.DeleteFunc(to.Checks, func(ck *model.Check) bool {
		var ok bool
		ck.Expr, ok = expr(ck.Expr)
		return !ok
	})
	to.Indexes = slices.DeleteFunc(to.Indexes, func(ix *model.Index) bool {
		var ok bool
		if ix.Where, ok = expr(ix.Where); !ok {
			return true
		}
		for i := range ix.Parts {
			p := &ix.Parts[i]
			if p.Expr != "" {
				if p.Expr, ok = expr(p.Expr); !ok {
					return true
				}
				continue
			}
			cols, ok := names([]string{p.Column})
			if !ok {
				return true
			}
			p.Column = cols[0]
		}
		return false
	})
	for _, c := range to.Columns {
		if c.Generated != nil {
			c.Generated.Expr, _ = expr(c.Generated.Expr)
		}
	}
}

// findColumn returns the column of t with the name, compared without
// regard to case as SQLite compares column names; nil if none.
func findColumn(t *model.Table, name string) *model.Column {
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// fold is the map key of a column name.
func fold(name string) string { return strings.ToLower(name) }
