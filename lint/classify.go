package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
)

// Classify reads one SQL statement of the database of d into the changes
// it makes: one per clause of an ALTER TABLE, one for other statements.
// A statement it cannot read is a single KindUnclassified change whose
// Reason says why; it never guesses. line is the statement's line, given
// to every change.
func Classify(d dialect.Dialect, stmt string, line int) []Change {
	toks, ok := dialect.Tokens(d, stmt)
	if !ok {
		return []Change{unclassified(line, firstLine(stmt), "its text cannot be read with certainty (an executable comment, or an unterminated quote)")}
	}
	if len(toks) == 0 {
		return nil
	}
	cl := &classifier{d: d, line: line, what: firstLine(stmt)}
	changes := cl.statement(&cursor{toks: toks})
	for i := range changes {
		changes[i].Line = line
		if changes[i].What == "" {
			changes[i].What = cl.what
		}
	}
	return changes
}

// classifier classifies one statement.
type classifier struct {
	d    dialect.Dialect
	line int
	what string
}

// unclassified is the change of a statement lint cannot read.
func unclassified(line int, what, reason string) Change {
	return Change{Kind: KindUnclassified, Line: line, What: what, Reason: reason}
}

// firstLine returns the statement's first line, shortened, for messages.
func firstLine(stmt string) string {
	s, _, _ := strings.Cut(strings.TrimSpace(stmt), "\n")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return strings.TrimSpace(s)
}

// otherDDL and otherStatements are the statements no rule concerns, by
// their first word(s).
var (
	otherDDL = map[string]bool{"comment": true, "grant": true, "revoke": true}
	// otherStatements change neither schema nor rows.
	otherStatements = map[string]bool{"begin": true, "commit": true, "start": true, "rollback": true, "savepoint": true,
		"release": true, "analyze": true, "vacuum": true, "pragma": true, "lock": true, "unlock": true, "reset": true, "show": true,
		"explain": true, "notify": true, "listen": true, "discard": true, "checkpoint": true, "optimize": true, "flush": true, "use": true}
)

// statement dispatches on the first word.
func (cl *classifier) statement(c *cursor) []Change {
	switch w := c.peekWord(); {
	case w == "create":
		c.i++
		return cl.create(c)
	case w == "drop":
		c.i++
		return cl.drop(c)
	case w == "alter":
		c.i++
		return cl.alter(c)
	case w == "rename":
		c.i++
		return cl.renameTables(c)
	case w == "set":
		c.i++
		return []Change{cl.set(c)}
	case w == "insert" || w == "update" || w == "delete" || w == "merge" || w == "replace" || w == "copy" || w == "truncate" || w == "load":
		return []Change{{Kind: KindData}}
	case w == "with":
		if hasWord(c.rest(), "insert", "update", "delete", "merge") {
			return []Change{{Kind: KindData}}
		}
		return []Change{{Kind: KindRead}}
	case w == "select" || w == "values" || w == "table":
		return []Change{{Kind: KindRead}}
	case otherDDL[w]:
		return []Change{{Kind: KindOther, DDL: true}}
	case otherStatements[w]:
		return []Change{{Kind: KindOther}}
	}
	return []Change{unclassified(cl.line, cl.what, "lint does not know this kind of statement")}
}

// set reads SET [SESSION|LOCAL] name = value.
func (cl *classifier) set(c *cursor) Change {
	c.word("session", "local", "global")
	name, _ := c.name()
	switch name {
	case "lock_timeout", "lock_wait_timeout", "innodb_lock_wait_timeout":
		return Change{Kind: KindSetLockTimeout}
	}
	return Change{Kind: KindOther}
}

// create reads CREATE … after the CREATE.
func (cl *classifier) create(c *cursor) []Change {
	c.words("or", "replace")
	unique := c.word("unique")
	c.word("fulltext", "spatial")
	if c.word("index") {
		return []Change{cl.createIndex(c, unique)}
	}
	if unique {
		return []Change{unclassified(cl.line, cl.what, "CREATE UNIQUE must be followed by INDEX")}
	}
	c.word("global", "local")
	c.word("temp", "temporary", "unlogged")
	if c.word("table") {
		c.words("if", "not", "exists")
		schema, name, ok := c.qualified()
		if !ok {
			return []Change{unclassified(cl.line, cl.what, "the table's name cannot be read")}
		}
		return []Change{{Kind: KindCreateTable, Schema: schema, Table: name, DDL: true}}
	}
	switch c.peekWord() {
	case "view", "materialized", "type", "sequence", "extension", "function", "procedure", "trigger",
		"schema", "domain", "event", "aggregate", "collation", "policy", "rule", "database", "role", "user",
		"publication", "subscription", "statistics", "server", "cast", "operator", "language", "tablespace", "virtual",
		"definer", "algorithm", "sql", "constraint":
		return []Change{{Kind: KindOther, DDL: true}}
	}
	return []Change{unclassified(cl.line, cl.what, "lint does not know this CREATE statement")}
}

// createIndex reads CREATE [UNIQUE] INDEX after INDEX.
func (cl *classifier) createIndex(c *cursor, unique bool) Change {
	ch := Change{Kind: KindCreateIndex, Unique: unique, DDL: true}
	ch.Concurrently = c.word("concurrently")
	c.words("if", "not", "exists")
	if c.peekWord() != "on" {
		_, name, ok := c.qualified()
		if !ok {
			return unclassified(cl.line, cl.what, "the index's name cannot be read")
		}
		ch.Constraint = name
	}
	if !c.word("on") {
		return unclassified(cl.line, cl.what, "CREATE INDEX without ON table")
	}
	c.word("only")
	schema, name, ok := c.qualified()
	if !ok {
		return unclassified(cl.line, cl.what, "the index's table cannot be read")
	}
	ch.Schema, ch.Table = schema, name
	ch.Algorithm = algorithm(c.rest())
	return ch
}

// drop reads DROP … after the DROP.
func (cl *classifier) drop(c *cursor) []Change {
	c.word("temporary")
	switch {
	case c.word("table"):
		c.words("if", "exists")
		var out []Change
		for _, part := range splitTop(c.rest()) {
			pc := &cursor{toks: part}
			schema, name, ok := pc.qualified()
			if !ok {
				return []Change{unclassified(cl.line, cl.what, "a dropped table's name cannot be read")}
			}
			out = append(out, Change{Kind: KindDropTable, Schema: schema, Table: name, DDL: true})
		}
		return out
	case c.word("index"):
		ch := Change{Kind: KindDropIndex, DDL: true}
		ch.Concurrently = c.word("concurrently")
		c.words("if", "exists")
		_, name, ok := c.qualified()
		if !ok {
			return []Change{unclassified(cl.line, cl.what, "the index's name cannot be read")}
		}
		ch.Constraint = name
		if c.word("on") { // MySQL: DROP INDEX ix ON t
			ch.Schema, ch.Table, _ = c.qualified()
		}
		return []Change{ch}
	}
	return []Change{{Kind: KindOther, DDL: true}}
}

// renameTables reads MySQL's RENAME TABLE a TO b [, c TO d].
func (cl *classifier) renameTables(c *cursor) []Change {
	if !c.word("table") {
		return []Change{unclassified(cl.line, cl.what, "lint does not know this RENAME statement")}
	}
	var out []Change
	for _, part := range splitTop(c.rest()) {
		pc := &cursor{toks: part}
		schema, from, ok := pc.qualified()
		if !ok || !pc.word("to") {
			return []Change{unclassified(cl.line, cl.what, "RENAME TABLE must read a TO b")}
		}
		_, to, ok := pc.qualified()
		if !ok {
			return []Change{unclassified(cl.line, cl.what, "the new table name cannot be read")}
		}
		out = append(out, Change{Kind: KindRenameTable, Schema: schema, Table: from, NewName: to, DDL: true})
	}
	return out
}

// alter reads ALTER … after the ALTER.
func (cl *classifier) alter(c *cursor) []Change {
	c.word("online", "ignore")
	if !c.word("table") {
		return []Change{{Kind: KindOther, DDL: true}} // ALTER INDEX, TYPE, SEQUENCE, VIEW, …
	}
	c.words("if", "exists")
	c.word("only")
	schema, table, ok := c.qualified()
	if !ok {
		return []Change{unclassified(cl.line, cl.what, "the table's name cannot be read")}
	}
	clauses := splitTop(c.rest())
	algo := ""
	for _, cls := range clauses {
		if a := algorithm(cls); a != "" {
			algo = a
		}
	}
	var out []Change
	for _, cls := range clauses {
		if len(cls) == 0 {
			continue
		}
		ch := cl.alterClause(&cursor{toks: cls})
		if ch.Kind == KindUnclassified && ch.Reason == "" {
			ch.Reason = fmt.Sprintf("lint does not know the ALTER TABLE clause %q", text(cls))
		}
		ch.Schema, ch.Table, ch.Algorithm = schema, table, algo
		if ch.Kind != KindUnclassified {
			ch.DDL = true
		}
		out = append(out, ch)
	}
	return out
}

// algorithm returns the value of a MySQL ALGORITHM = x in the tokens.
func algorithm(toks []dialect.Token) string {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Kind == dialect.TokenWord && toks[i].Text == "algorithm" {
			j := i + 1
			if toks[j].Kind == dialect.TokenOp && toks[j].Text == "=" && j+1 < len(toks) {
				j++
			}
			return strings.ToLower(toks[j].Text)
		}
	}
	return ""
}

// alterClause reads one clause of ALTER TABLE.
func (cl *classifier) alterClause(c *cursor) Change {
	switch {
	case c.word("add"):
		return cl.addClause(c)
	case c.word("drop"):
		return cl.dropClause(c)
	case c.word("rename"):
		return cl.renameClause(c)
	case c.word("alter"):
		return cl.alterColumn(c)
	case c.word("modify"):
		c.word("column")
		return cl.restate(c, "")
	case c.word("change"):
		c.word("column")
		old, ok := c.name()
		if !ok {
			return Change{Kind: KindUnclassified}
		}
		return cl.restate(c, old)
	case c.word("validate"):
		c.word("constraint")
		name, _ := c.name()
		return Change{Kind: KindValidate, Constraint: name}
	case c.word("convert"):
		return Change{Kind: KindTableCopy, Reason: "converts the table's character set"}
	case c.word("force"), c.word("engine"):
		return Change{Kind: KindTableCopy, Reason: "rebuilds the table"}
	case c.word("algorithm"), c.word("lock"):
		return Change{Kind: KindOther}
	case c.word("set", "owner", "enable", "disable", "inherit", "no", "replica", "cluster", "attach", "detach",
		"comment", "auto_increment", "default", "character", "charset", "collate", "row_format", "of", "not", "reset"):
		return Change{Kind: KindOther}
	}
	return Change{Kind: KindUnclassified}
}

// columnStop are the words that end a column's type in its definition.
var columnStop = []string{"not", "null", "default", "primary", "unique", "references", "check", "constraint",
	"generated", "collate", "auto_increment", "comment", "first", "after", "on", "as", "identity", "using", "key",
	"invisible", "visible", "character", "charset", "autoincrement"}

// addClause reads ADD …: a column, a constraint or an index.
func (cl *classifier) addClause(c *cursor) Change {
	constraint := ""
	if c.word("constraint") {
		constraint, _ = c.name()
	}
	switch {
	case c.word("unique"):
		c.word("index", "key")
		ch := Change{Kind: KindAddUnique, Constraint: constraint}
		ch.UsingIndex = hasWord(c.rest(), "using") && !hasWord(c.rest(), "btree", "hash")
		return ch
	case c.words("primary", "key"):
		return Change{Kind: KindAddPrimaryKey, Constraint: constraint, UsingIndex: c.word("using")}
	case c.words("foreign", "key"):
		return Change{Kind: KindAddForeignKey, Constraint: constraint, NotValid: hasNotValid(c.rest())}
	case c.word("check"):
		ch := Change{Kind: KindAddCheck, Constraint: constraint, NotValid: hasNotValid(c.rest())}
		ch.CheckNotNull = checkNotNullColumn(c.rest())
		return ch
	case constraint != "":
		return Change{Kind: KindUnclassified}
	case c.word("index", "key", "fulltext", "spatial"):
		return Change{Kind: KindCreateIndex}
	case c.word("partition"):
		return Change{Kind: KindOther}
	}
	c.word("column")
	c.words("if", "not", "exists")
	return cl.columnDefinition(c, Change{Kind: KindAddColumn})
}

// hasNotValid reports a NOT VALID at the end of a constraint clause.
func hasNotValid(toks []dialect.Token) bool {
	n := len(toks)
	return n >= 2 && toks[n-2].Text == "not" && toks[n-1].Text == "valid" && toks[n-1].Kind == dialect.TokenWord
}

// checkNotNullColumn returns col when a check's tokens are exactly
// ( col IS NOT NULL ) [NOT VALID].
func checkNotNullColumn(toks []dialect.Token) string {
	if hasNotValid(toks) {
		toks = toks[:len(toks)-2]
	}
	c := &cursor{toks: toks}
	if !c.op("(") {
		return ""
	}
	col, ok := c.name()
	if !ok || !c.words("is", "not", "null") || !c.op(")") || !c.done() {
		return ""
	}
	return col
}

// columnDefinition reads "name type [constraints]" into ch.
func (cl *classifier) columnDefinition(c *cursor, ch Change) Change {
	name, ok := c.name()
	if !ok {
		return Change{Kind: KindUnclassified}
	}
	ch.Column = name
	start := c.i
	for !c.done() {
		if w := c.peekWord(); w != "" && slices.Contains(columnStop, w) {
			break
		}
		if c.toks[c.i].Text == "(" {
			c.skipGroup()
			continue
		}
		c.i++
	}
	if start < c.i {
		typ := text(c.toks[start:c.i])
		t := cl.d.ParseType(typ)
		ch.Type = &t
		switch strings.ToLower(typ) {
		case "serial", "bigserial", "smallserial", "serial4", "serial8", "serial2":
			ch.Serial = true
		}
	}
	cl.columnConstraints(c, &ch)
	return ch
}

// columnConstraints reads the constraints of a column definition.
func (cl *classifier) columnConstraints(c *cursor, ch *Change) {
	for !c.done() {
		switch {
		case c.words("not", "null"):
			ch.NotNull = true
		case c.word("default"):
			start := c.i
			for !c.done() {
				if w := c.peekWord(); w != "" && slices.Contains(columnStop, w) && w != "null" {
					break
				}
				if c.toks[c.i].Text == "(" {
					c.skipGroup()
					continue
				}
				c.i++
			}
			ch.HasDefault = true
			ch.DefaultExpr = text(c.toks[start:c.i])
			if strings.HasPrefix(strings.ToLower(ch.DefaultExpr), "nextval(") {
				ch.Serial = true
			}
		case c.word("generated"):
			// GENERATED … AS IDENTITY, or GENERATED ALWAYS AS (expr) STORED.
			ch.Serial = true
			ch.HasDefault = true
			c.i = len(c.toks)
		case c.word("auto_increment", "autoincrement", "identity"):
			ch.Serial = true
			ch.HasDefault = true
		case c.words("primary", "key"), c.word("unique"):
			ch.Unique = true
		case c.word("references"):
			ch.References = true
		default:
			c.i++
		}
	}
}

// dropClause reads DROP … of ALTER TABLE.
func (cl *classifier) dropClause(c *cursor) Change {
	switch {
	case c.words("primary", "key"):
		return Change{Kind: KindTableCopy, Reason: "drops the primary key"}
	case c.word("constraint", "index", "key", "foreign", "check", "partition", "default", "unique"):
		return Change{Kind: KindOther}
	}
	c.word("column")
	c.words("if", "exists")
	name, ok := c.name()
	if !ok {
		return Change{Kind: KindUnclassified}
	}
	return Change{Kind: KindDropColumn, Column: name}
}

// renameClause reads RENAME … of ALTER TABLE.
func (cl *classifier) renameClause(c *cursor) Change {
	switch {
	case c.word("to", "as"):
		_, name, ok := c.qualified()
		if !ok {
			return Change{Kind: KindUnclassified}
		}
		return Change{Kind: KindRenameTable, NewName: name}
	case c.word("constraint", "index", "key"):
		return Change{Kind: KindOther}
	}
	c.word("column")
	from, ok := c.name()
	if !ok || !c.word("to") {
		return Change{Kind: KindUnclassified}
	}
	to, ok := c.name()
	if !ok {
		return Change{Kind: KindUnclassified}
	}
	return Change{Kind: KindRenameColumn, Column: from, NewName: to}
}

// alterColumn reads ALTER [COLUMN] name … of ALTER TABLE.
func (cl *classifier) alterColumn(c *cursor) Change {
	if c.word("constraint", "index", "check") {
		return Change{Kind: KindOther}
	}
	c.word("column")
	name, ok := c.name()
	if !ok {
		return Change{Kind: KindUnclassified}
	}
	switch {
	case c.word("type"), c.words("set", "data", "type"):
		start := c.i
		for !c.done() && c.peekWord() != "using" && c.peekWord() != "collate" {
			if c.toks[c.i].Text == "(" {
				c.skipGroup()
				continue
			}
			c.i++
		}
		t := cl.d.ParseType(text(c.toks[start:c.i]))
		return Change{Kind: KindAlterType, Column: name, Type: &t}
	case c.words("set", "not", "null"):
		return Change{Kind: KindSetNotNull, Column: name}
	case c.word("set", "drop", "add", "reset"):
		return Change{Kind: KindOther, Column: name}
	}
	return Change{Kind: KindUnclassified}
}

// restate reads MySQL's MODIFY col def / CHANGE old new def: a column
// restated whole, whose type may change (the old type is not in the
// statement).
func (cl *classifier) restate(c *cursor, old string) Change {
	ch := cl.columnDefinition(c, Change{Kind: KindAlterType})
	if ch.Kind == KindUnclassified {
		return ch
	}
	if old != "" && !strings.EqualFold(old, ch.Column) {
		ch.Kind, ch.Column, ch.NewName = KindRenameColumn, old, ch.Column
		ch.Reason = "restate"
	}
	return ch
}
