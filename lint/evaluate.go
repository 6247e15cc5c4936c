package lint

import (
	"fmt"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// change follows one change and applies the rules to it.
func (r *revLint) change(c Change) {
	l := r.l
	if c.Kind == KindDropIndex && c.Table == "" {
		// PostgreSQL names the index only: find its table.
		c.Schema, c.Table = l.indexes[strings.ToLower(c.Constraint)].schema, l.indexes[strings.ToLower(c.Constraint)].table
	}
	key := tableKey(c.Schema, c.Table)
	existing := l.existing(c.Schema, c.Table)
	if r.rev.InRange {
		r.rules(c, existing)
	}
	switch c.Kind {
	case KindCreateTable:
		if r.rev.InRange {
			l.markCreated(c.Schema, c.Table)
		}
	case KindRebuild:
		l.rebuilt[key] = true
	case KindCreateIndex:
		if c.Constraint != "" {
			l.indexes[strings.ToLower(c.Constraint)] = indexTable{c.Schema, c.Table}
		}
	case KindRenameTable:
		if !l.existing(c.Schema, c.Table) && !l.rebuilt[tableKey(c.Schema, c.NewName)] {
			l.markCreated(c.Schema, c.NewName)
		}
	case KindAddCheck:
		if c.CheckNotNull != "" {
			l.checks[key+"."+strings.ToLower(c.Constraint)] = &checkState{table: key, column: c.CheckNotNull, validated: !c.NotValid}
		}
	case KindValidate:
		if ck := l.checks[key+"."+strings.ToLower(c.Constraint)]; ck != nil {
			ck.validated = true
		}
	case KindSetLockTimeout:
		r.lockTimeout = true
	case KindData:
		if !r.sawData {
			r.sawData, r.firstData = true, c.Line
		}
	}
	if c.DDL && !r.sawDDL {
		r.sawDDL, r.firstDDL = true, c.Line
	}
}

// rules applies the rules to one change of a revision in range.
func (r *revLint) rules(c Change, existing bool) {
	name := qualifiedName(c.Schema, c.Table)
	switch c.Kind {
	case KindUnclassified:
		msg := fmt.Sprintf("%s: not checked: %s", c.What, c.Reason)
		if c.Reason == "" {
			msg = fmt.Sprintf("%s: not checked: lint cannot classify it", c.What)
		}
		r.report(c, RuleUnclassified, msg)
		return
	case KindCreateTable, KindOther, KindData, KindRead, KindSetLockTimeout, KindValidate:
		return
	}
	if !existing {
		return // a table created in the range: nobody uses it yet
	}
	r.lockRule(c, name)
	switch c.Kind {
	case KindDropTable:
		r.report(c, RuleDropTable, fmt.Sprintf("drops table %s", name))
	case KindDropColumn:
		r.report(c, RuleDropColumn, fmt.Sprintf("drops column %s.%s", name, c.Column))
	case KindRenameTable:
		r.report(c, RuleRenameTable, fmt.Sprintf("renames table %s to %s", name, c.NewName))
	case KindRenameColumn:
		r.report(c, RuleRenameColumn, fmt.Sprintf("renames column %s.%s to %s", name, c.Column, c.NewName))
	case KindAddColumn:
		r.addColumn(c, name)
	case KindAlterType:
		r.alterType(c, name)
	case KindSetNotNull:
		if !r.l.validatedNotNull(tableKey(c.Schema, c.Table), c.Column) {
			r.report(c, RuleSetNotNull, fmt.Sprintf("sets NOT NULL on %s.%s without a validated CHECK (%s IS NOT NULL) first", name, c.Column, c.Column))
		}
	case KindCreateIndex:
		if !c.Concurrently {
			r.report(c, RuleIndexConcurrently, fmt.Sprintf("builds an index on %s without CONCURRENTLY", name))
		}
		if c.Unique {
			r.report(c, RuleNewUnique, fmt.Sprintf("adds a unique index to %s: it fails if the rows hold duplicates", name))
		}
	case KindDropIndex:
		if !c.Concurrently {
			r.report(c, RuleDropIndex, fmt.Sprintf("drops an index%s without CONCURRENTLY", onTable(name)))
		}
	case KindAddUnique:
		if !c.UsingIndex {
			r.report(c, RuleNewUnique, fmt.Sprintf("adds a unique constraint to %s: it fails if the rows hold duplicates", name))
		}
	case KindAddPrimaryKey:
		if !c.UsingIndex {
			r.report(c, RuleNewUnique, fmt.Sprintf("adds a primary key to %s: it fails if the rows hold duplicates or NULLs", name))
			r.tableCopy(c, name, "adds a primary key")
		}
	case KindAddForeignKey:
		if !c.NotValid {
			r.report(c, RuleNotValid, fmt.Sprintf("adds a foreign key to %s without NOT VALID: every row is checked under the lock", name))
		}
	case KindAddCheck:
		if !c.NotValid {
			r.report(c, RuleNotValid, fmt.Sprintf("adds a check constraint to %s without NOT VALID: every row is checked under the lock", name))
		}
	case KindTableCopy:
		r.tableCopy(c, name, c.Reason)
	case KindRebuild:
		r.rebuild(c, name)
	}
}

// onTable returns " on t", or "" for an unknown table.
func onTable(name string) string {
	if name == "" {
		return ""
	}
	return " on " + name
}

// addColumn applies the rules of ADD COLUMN on an existing table.
func (r *revLint) addColumn(c Change, name string) {
	col := name + "." + c.Column
	if c.NotNull && !c.HasDefault {
		r.report(c, RuleNotNullNoDefault, fmt.Sprintf("adds NOT NULL column %s without a default", col))
	}
	if c.Unique {
		r.report(c, RuleNewUnique, fmt.Sprintf("adds column %s with a unique (or primary key) constraint", col))
	}
	if c.References {
		r.report(c, RuleNotValid, fmt.Sprintf("adds column %s with a foreign key (REFERENCES): the constraint is added without NOT VALID", col))
	}
	switch {
	case c.Serial:
		r.report(c, RuleSerialColumn, fmt.Sprintf("adds auto-numbered or generated column %s: the table is rewritten", col))
	case c.HasDefault:
		if fn := volatileDefault(r.l.o.Dialect, c.DefaultExpr); fn != "" {
			r.report(c, RuleVolatileDefault, fmt.Sprintf("adds column %s with the volatile default %s (%s()): the table is rewritten", col, c.DefaultExpr, fn))
		}
	}
}

// alterType applies the rules of a column type change.
func (r *revLint) alterType(c Change, name string) {
	col := name + "." + c.Column
	to := typeName(r.l.o.Dialect, c.Type)
	switch {
	case c.From == nil:
		why := c.Reason
		if why == "" || why == "restate" {
			why = "the column's type before is not in the statement and the schema is unknown here"
		}
		r.report(c, RuleTypeRewrite, fmt.Sprintf("changes the type of %s to %s (%s): unless the change only widens, the table is rewritten", col, to, why))
		r.tableCopy(c, name, fmt.Sprintf("restates column %s (type %s); if its type changes, the table is copied", c.Column, to))
	case widens(*c.From, *c.Type):
		// MySQL lengthens a varchar in place; other widenings copy.
		bothVarchar := c.From.Kind == model.KindVarchar && c.Type.Kind == model.KindVarchar
		if !bothVarchar && !sameType(r.l.o.Dialect, *c.From, *c.Type) {
			r.tableCopy(c, name, fmt.Sprintf("changes the type of %s from %s to %s", c.Column, typeName(r.l.o.Dialect, c.From), to))
		}
	default:
		r.report(c, RuleTypeRewrite, fmt.Sprintf("changes the type of %s from %s to %s: the table and its indexes are rewritten", col, typeName(r.l.o.Dialect, c.From), to))
		r.tableCopy(c, name, fmt.Sprintf("changes the type of %s from %s to %s", c.Column, typeName(r.l.o.Dialect, c.From), to))
	}
}

// tableCopy reports a MySQL ALTER that copies the table, unless the
// statement asks for an algorithm that refuses to copy.
func (r *revLint) tableCopy(c Change, name, why string) {
	if c.Algorithm == "inplace" || c.Algorithm == "instant" {
		return
	}
	r.report(c, RuleTableCopy, fmt.Sprintf("%s of %s: the table is copied while writes wait", why, name))
}

// rebuild reports a SQLite rebuild, a warning when the table is known
// to be large.
func (r *revLint) rebuild(c Change, name string) {
	if est := r.l.o.RowEstimate; est != nil {
		if rows, ok := est(c.Schema, c.Table); ok {
			f := r.finding(c, RuleBatchRebuild, fmt.Sprintf("rebuilds table %s (move and copy of about %d rows)", name, rows))
			if rows < r.l.o.LargeTable {
				f.Severity = Info
			}
			r.add(c, f)
			return
		}
	}
	f := r.finding(c, RuleBatchRebuild, fmt.Sprintf("batch rebuild of table %s (move and copy of every row; its size is not known to lint)", name))
	f.Severity = Info
	r.add(c, f)
}

// strongLock lists the kinds that take ACCESS EXCLUSIVE or SHARE on an
// existing PostgreSQL table.
var strongLock = map[Kind]bool{KindDropTable: true, KindDropColumn: true, KindRenameTable: true, KindRenameColumn: true,
	KindAddColumn: true, KindAlterType: true, KindSetNotNull: true, KindCreateIndex: true, KindDropIndex: true,
	KindAddUnique: true, KindAddForeignKey: true, KindAddCheck: true, KindAddPrimaryKey: true}

// lockRule reports, once per revision, a strong lock taken before any
// lock_timeout is set.
func (r *revLint) lockRule(c Change, name string) {
	if r.lockTimeout || r.lockWarned || !strongLock[c.Kind] || c.Concurrently {
		return
	}
	if rule, _ := LookupRule(RuleLockTimeout); !rule.Applies(r.l.db) {
		return
	}
	r.lockWarned = true
	r.report(c, RuleLockTimeout, fmt.Sprintf("locks %s (%s) with no lock_timeout set before in this revision", orTable(name), c.What))
}

// orTable names a table, or "a table" when its name is unknown.
func orTable(name string) string {
	if name == "" {
		return "a table"
	}
	return name
}

// validatedNotNull reports whether a validated check "col IS NOT NULL"
// covers the column.
func (l *linter) validatedNotNull(table, column string) bool {
	for _, ck := range l.checks {
		if ck.table == table && strings.EqualFold(ck.column, column) && ck.validated {
			return true
		}
	}
	return false
}

// finish applies the rules about the whole revision.
func (r *revLint) finish() {
	if r.sawDDL && r.sawData {
		line := max(r.firstData, r.firstDDL)
		r.report(Change{Line: line}, RuleMixedDDLData, "the revision changes both the schema and the data")
	}
}

// report adds a finding of rule for change c, when the rule concerns the
// database.
func (r *revLint) report(c Change, rule, msg string) {
	r.add(c, r.finding(c, rule, msg))
}

// add adds a finding, applying the suppressions of the revision and of
// the change; a finding of a rule that does not concern the database is
// dropped.
func (r *revLint) add(c Change, f Finding) {
	if rule, ok := LookupRule(f.Rule); ok && !rule.Applies(r.l.db) {
		return
	}
	for _, s := range append(append([]suppression(nil), c.ignores...), r.revSup...) {
		if s.Rule == f.Rule && s.problem() == "" {
			f.Suppressed = s.Reason
			break
		}
	}
	r.findings = append(r.findings, f)
}

// finding returns the finding of rule for change c.
func (r *revLint) finding(c Change, rule, msg string) Finding {
	ru, _ := LookupRule(rule)
	return Finding{Revision: r.rev.Script.ID, File: r.rev.Script.Path, Line: c.Line, Rule: rule, Severity: ru.Severity,
		Message: msg, Lock: ru.Locks[r.l.db], Alternative: ru.Alternative}
}

// typeName spells a type for messages.
func typeName(d dialect.Dialect, t *model.Type) string {
	if t == nil {
		return "?"
	}
	if s, err := d.RenderType(*t); err == nil {
		return s
	}
	return t.Kind.String()
}

// volatileFunctions are PostgreSQL functions whose value differs per row.
var volatileFunctions = []string{"random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
	"clock_timestamp", "timeofday", "txid_current", "setseed", "random_normal", "uuidv4", "uuidv7"}

// volatileDefault returns the volatile function a default calls, or "".
func volatileDefault(d dialect.Dialect, expr string) string {
	toks, ok := dialect.Tokens(d, expr)
	if !ok {
		return ""
	}
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Kind == dialect.TokenWord && toks[i+1].Kind == dialect.TokenOp && toks[i+1].Text == "(" {
			for _, f := range volatileFunctions {
				if toks[i].Text == f {
					return f
				}
			}
		}
	}
	return ""
}

// markCreated records a table created in the range.
func (l *linter) markCreated(schema, table string) {
	l.created[tableKey(schema, table)] = true
	l.createdNames[strings.ToLower(table)] = true
}
