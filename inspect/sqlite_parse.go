package inspect

import (
	"slices"
	"strings"
)

// SQLite's pragmas report columns, keys and indexes, but not what only the
// CREATE statement holds: constraint names, CHECK constraints, collations,
// generated-column expressions, AUTOINCREMENT, deferrability, the text of
// index expressions and partial-index predicates, and a view's SELECT. The
// parsers below read exactly those from the statements SQLite keeps in
// sqlite_schema.sql. They work on tokens (sqliteLex), so quoting, nested
// parentheses, strings and comments never mislead them; anything they do
// not recognise is skipped, never a panic.

// createTable is what parseCreateTable reads from CREATE TABLE.
type createTable struct {
	Columns []*createColumn
	// PKName is the primary key's constraint name, column- or table-level.
	PKName  string
	Uniques []createUnique
	Checks  []createCheck
	FKs     []createFK
	// WithoutRowID and Strict are the table options after the closing parenthesis.
	WithoutRowID bool
	Strict       bool
}

// createColumn is what a column definition holds beyond the pragmas.
type createColumn struct {
	Name          string
	Collation     string
	AutoIncrement bool
	// Generated is the generation expression, without its parentheses;
	// HasGenerated tells an empty expression from none.
	Generated    string
	HasGenerated bool
}

type createUnique struct {
	Name    string
	Columns []string
	// OnConflict is the action of ON CONFLICT after the constraint.
	OnConflict string
}

// createCheck is a CHECK constraint; Column is set for a column constraint.
type createCheck struct {
	Name   string
	Expr   string
	Column string
	// Toks are the tokens of Expr, for recognising enum checks.
	Toks []sqlTok
}

type createFK struct {
	Name              string
	Columns           []string
	RefTable          string
	RefColumns        []string
	Deferrable        bool
	InitiallyDeferred bool
	// OnDelete and OnUpdate are the actions written (upper case, "" for
	// none; a later clause overrides an earlier one, as in SQLite).
	// BadAction is set when an action is not one SQLite knows.
	OnDelete, OnUpdate string
	BadAction          bool
}

// column returns the column definition named name (SQLite compares names
// without regard to ASCII case), or nil.
func (ct *createTable) column(name string) *createColumn {
	for _, c := range ct.Columns {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// parseCreateTable reads a CREATE TABLE statement. ok is false when the text
// has no parenthesised column list (a virtual table, or not CREATE TABLE).
func parseCreateTable(src string) (ct *createTable, ok bool) {
	ct, ok, _ = parseCreateTableInto(nil, src)
	return ct, ok
}

// parseCreateTableInto is parseCreateTable lexing into buf, which it
// returns for the next statement: what ct holds never points into it.
func parseCreateTableInto(buf []sqlTok, src string) (ct *createTable, ok bool, _ []sqlTok) {
	toks := sqliteLexInto(buf, src)
	buf = toks
	if len(toks) > 1 && toks[1].is("VIRTUAL") {
		return nil, false, buf
	}
	open := -1
	for i, t := range toks {
		if t.is("AS") { // CREATE TABLE … AS SELECT (SQLite keeps a column list instead)
			return nil, false, buf
		}
		if t.punct('(') {
			open = i
			break
		}
	}
	if open < 0 {
		return nil, false, buf
	}
	closing := sqlGroup(toks, open)
	ct = &createTable{}
	for _, def := range sqlSplit(toks[open+1 : closing]) {
		if len(def) == 0 {
			continue
		}
		switch first := def[0]; {
		case first.is("CONSTRAINT"), first.is("PRIMARY"), first.is("UNIQUE"), first.is("CHECK"), first.is("FOREIGN"):
			ct.tableConstraint(src, def)
		default:
			ct.columnDef(src, def)
		}
	}
	if closing < len(toks) {
		for _, t := range toks[closing+1:] {
			switch {
			case t.is("ROWID"):
				ct.WithoutRowID = true
			case t.is("STRICT"):
				ct.Strict = true
			}
		}
	}
	return ct, true, buf
}

// columnDef reads one column definition: name, type, column constraints.
func (ct *createTable) columnDef(src string, def []sqlTok) {
	col := &createColumn{Name: def[0].Val}
	ct.Columns = append(ct.Columns, col)
	var pending string // the name of CONSTRAINT name, for the next constraint
	for i := 1; i < len(def); i++ {
		t := def[i]
		switch {
		case t.is("CONSTRAINT") && i+1 < len(def):
			i++
			pending = def[i].Val
			continue
		case t.is("PRIMARY"):
			ct.PKName = pending
			// PRIMARY KEY [ASC|DESC] [ON CONFLICT x] [AUTOINCREMENT]
			for i+1 < len(def) && (def[i+1].is("KEY") || def[i+1].is("ASC") || def[i+1].is("DESC") ||
				def[i+1].is("ON") || def[i+1].is("CONFLICT") || isConflictAction(def[i+1]) || def[i+1].is("AUTOINCREMENT")) {
				i++
				if def[i].is("AUTOINCREMENT") {
					col.AutoIncrement = true
				}
			}
		case t.is("UNIQUE"):
			u := createUnique{Name: pending, Columns: []string{col.Name}}
			u.OnConflict, i = onConflict(def, i)
			ct.Uniques = append(ct.Uniques, u)
		case t.is("CHECK") && i+1 < len(def) && def[i+1].punct('('):
			end := sqlGroup(def, i+1)
			inner := def[i+2 : min(end, len(def))]
			ct.Checks = append(ct.Checks, createCheck{Name: pending, Expr: sqlText(src, inner), Column: col.Name, Toks: slices.Clone(inner)})
			i = end
		case t.is("DEFAULT") && i+1 < len(def):
			i = skipDefault(def, i+1)
		case t.is("COLLATE") && i+1 < len(def):
			i++
			col.Collation = def[i].Val
		case t.is("REFERENCES"):
			fk := createFK{Name: pending, Columns: []string{col.Name}}
			i = parseReferences(def, i, &fk)
			ct.FKs = append(ct.FKs, fk)
		case t.is("AS") && i+1 < len(def) && def[i+1].punct('('):
			// [GENERATED ALWAYS] AS (expr) [STORED|VIRTUAL]
			end := sqlGroup(def, i+1)
			col.Generated = sqlText(src, def[i+2:min(end, len(def))])
			col.HasGenerated = true
			i = end
		case t.punct('('):
			// The arguments of the type name: VARCHAR(20), NUMERIC(10, 2).
			i = sqlGroup(def, i)
		default:
			// type words, NOT NULL, NULL, ON CONFLICT x, GENERATED ALWAYS,
			// STORED, VIRTUAL: nothing the pragmas do not say
			continue
		}
		pending = ""
	}
}

// skipDefault skips the value of DEFAULT starting at def[i] and returns the
// index of its last token: (expr), a signed number, a literal, X'blob' or
// a bare word.
func skipDefault(def []sqlTok, i int) int {
	switch t := def[i]; {
	case t.punct('('):
		return sqlGroup(def, i)
	case t.punct('+') || t.punct('-'):
		return min(i+1, len(def)-1)
	case t.Kind == tokWord && (t.Val == "x" || t.Val == "X") && i+1 < len(def) && def[i+1].Kind == tokString && def[i+1].Pos == t.End:
		return i + 1
	}
	return i
}

// onConflict reads ON CONFLICT action after def[i], the last token of a
// constraint, and returns the action (upper case, "" when there is none)
// and the index of the last token read.
func onConflict(def []sqlTok, i int) (string, int) {
	if i+3 < len(def) && def[i+1].is("ON") && def[i+2].is("CONFLICT") && isConflictAction(def[i+3]) {
		return strings.ToUpper(def[i+3].Val), i + 3
	}
	return "", i
}

func isConflictAction(t sqlTok) bool {
	return t.is("ROLLBACK") || t.is("ABORT") || t.is("FAIL") || t.is("IGNORE") || t.is("REPLACE")
}

// tableConstraint reads one table constraint.
func (ct *createTable) tableConstraint(src string, def []sqlTok) {
	var name string
	i := 0
	if def[0].is("CONSTRAINT") {
		if len(def) < 2 {
			return
		}
		name, i = def[1].Val, 2
	}
	if i >= len(def) {
		return
	}
	switch t := def[i]; {
	case t.is("PRIMARY"):
		ct.PKName = name
		if i+2 < len(def) && def[i+2].punct('(') {
			// PRIMARY KEY (id AUTOINCREMENT) is accepted by SQLite too.
			end := sqlGroup(def, i+2)
			for _, part := range sqlSplit(def[i+3 : min(end, len(def))]) {
				if len(part) > 1 && part[len(part)-1].is("AUTOINCREMENT") {
					if c := ct.column(part[0].Val); c != nil {
						c.AutoIncrement = true
					}
				}
			}
		}
	case t.is("UNIQUE"):
		if i+1 < len(def) && def[i+1].punct('(') {
			end := sqlGroup(def, i+1)
			u := createUnique{Name: name, Columns: keyColumns(def[i+2 : min(end, len(def))])}
			u.OnConflict, _ = onConflict(def, end)
			ct.Uniques = append(ct.Uniques, u)
		}
	case t.is("CHECK"):
		if i+1 < len(def) && def[i+1].punct('(') {
			end := sqlGroup(def, i+1)
			inner := def[i+2 : min(end, len(def))]
			ct.Checks = append(ct.Checks, createCheck{Name: name, Expr: sqlText(src, inner), Toks: slices.Clone(inner)})
		}
	case t.is("FOREIGN"):
		// FOREIGN KEY (cols) REFERENCES …
		if i+2 < len(def) && def[i+2].punct('(') {
			end := sqlGroup(def, i+2)
			fk := createFK{Name: name, Columns: keyColumns(def[i+3 : min(end, len(def))])}
			if end+1 < len(def) && def[end+1].is("REFERENCES") {
				parseReferences(def, end+1, &fk)
			}
			ct.FKs = append(ct.FKs, fk)
		}
	}
}

// keyColumns reads a list of indexed columns (name [COLLATE x] [ASC|DESC])
// as column names.
func keyColumns(toks []sqlTok) []string {
	var cols []string
	for _, part := range sqlSplit(toks) {
		if len(part) > 0 {
			cols = append(cols, part[0].Val)
		}
	}
	return cols
}

// parseReferences reads a foreign-key clause starting at def[i] ==
// REFERENCES into fk and returns the index of its last token:
//
//	REFERENCES t [(cols)] [ON DELETE|UPDATE action | MATCH name]…
//	[[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]]
func parseReferences(def []sqlTok, i int, fk *createFK) int {
	if i+1 >= len(def) {
		return i
	}
	i++
	fk.RefTable = def[i].Val
	if i+1 < len(def) && def[i+1].punct('.') && i+2 < len(def) {
		// schema.table is refused by SQLite, but read the table anyway.
		i += 2
		fk.RefTable = def[i].Val
	}
	if i+1 < len(def) && def[i+1].punct('(') {
		end := sqlGroup(def, i+1)
		fk.RefColumns = keyColumns(def[i+2 : min(end, len(def))])
		i = end
	}
	for i+1 < len(def) {
		next := def[i+1]
		switch {
		case next.is("ON") && i+2 < len(def) && (def[i+2].is("DELETE") || def[i+2].is("UPDATE")):
			onUpdate := def[i+2].is("UPDATE")
			i += 3 // ON DELETE <first word of the action>
			action := ""
			if i < len(def) && def[i].Kind == tokWord {
				action = strings.ToUpper(def[i].Val)
			}
			if i < len(def) && (def[i].is("SET") || def[i].is("NO")) {
				i++ // SET NULL, SET DEFAULT, NO ACTION
				if i < len(def) && def[i].Kind == tokWord {
					action += " " + strings.ToUpper(def[i].Val)
				}
			}
			switch action {
			case "CASCADE", "RESTRICT", "SET NULL", "SET DEFAULT", "NO ACTION":
			default:
				fk.BadAction = true
			}
			if onUpdate {
				fk.OnUpdate = action
			} else {
				fk.OnDelete = action
			}
		case next.is("MATCH") && i+2 < len(def):
			i += 2
		case next.is("NOT") && i+2 < len(def) && def[i+2].is("DEFERRABLE"):
			fk.Deferrable, fk.InitiallyDeferred = false, false
			i += 2
		case next.is("DEFERRABLE"):
			fk.Deferrable = true
			i++
		case next.is("INITIALLY") && i+2 < len(def):
			fk.InitiallyDeferred = fk.Deferrable && def[i+2].is("DEFERRED")
			i += 2
		default:
			return min(i, len(def)-1)
		}
	}
	return min(i, len(def)-1)
}

// createIndex is what parseCreateIndex reads from CREATE INDEX.
type createIndex struct {
	// Keys are the indexed terms in order: the text of each without ASC or
	// DESC, one pair of parentheses enclosing the whole removed. A COLLATE
	// stays: it belongs to an expression key (a column key's collation is
	// read from pragma_index_xinfo instead).
	Keys []string
	// Where is the partial-index predicate, or "".
	Where string
	// Unique is CREATE UNIQUE INDEX (SQLite stores the statement from
	// "CREATE [UNIQUE] INDEX name" on, whatever was typed before the name).
	Unique bool
	// Columns are the keys when each is a name with at most one COLLATE
	// and ASC or DESC, and nothing but a WHERE clause follows the key
	// list; nil otherwise. Whether each name is a column of the table is
	// for the caller to check: SQLite reads a quoted name that is not as a
	// string.
	Columns []indexColumn
}

// indexColumn is a key of CREATE INDEX that names a column.
type indexColumn struct {
	Name string
	// Collation is the name after COLLATE, HasCollate whether there is one.
	Collation  string
	HasCollate bool
	Desc       bool
}

// parseCreateIndex reads a CREATE INDEX statement; ok is false when the
// text has no key list.
func parseCreateIndex(src string) (ix *createIndex, ok bool) {
	toks := sqliteLex(src)
	on := -1
	for i, t := range toks {
		if t.is("ON") {
			on = i
			break
		}
	}
	open := -1
	for i := on + 1; on >= 0 && i < len(toks); i++ {
		if toks[i].punct('(') {
			open = i
			break
		}
	}
	if open < 0 {
		return nil, false
	}
	closing := sqlGroup(toks, open)
	ix = &createIndex{Unique: len(toks) > 1 && toks[1].is("UNIQUE")}
	simple := closing < len(toks)
	for _, part := range sqlSplit(toks[open+1 : closing]) {
		col, ok := indexKeyColumn(part)
		simple = simple && ok
		ix.Columns = append(ix.Columns, col)
		if n := len(part); n > 0 && (part[n-1].is("ASC") || part[n-1].is("DESC")) {
			part = part[:n-1]
		}
		ix.Keys = append(ix.Keys, sqlText(src, stripParens(part)))
	}
	if closing+1 < len(toks) && toks[closing+1].is("WHERE") && closing+2 < len(toks) {
		ix.Where = sqlText(src, toks[closing+2:])
	} else if closing+1 < len(toks) {
		simple = false
	}
	if !simple {
		ix.Columns = nil
	}
	return ix, true
}

// indexKeyColumn reads a key of the form name [COLLATE name] [ASC|DESC];
// ok is false for any other key.
func indexKeyColumn(part []sqlTok) (col indexColumn, ok bool) {
	n := len(part)
	if n > 0 && (part[n-1].is("ASC") || part[n-1].is("DESC")) {
		col.Desc = part[n-1].is("DESC")
		n--
	}
	switch {
	case n == 3 && part[1].is("COLLATE") && part[2].name():
		col.Collation, col.HasCollate = part[2].Val, true
	case n != 1:
		return col, false
	}
	if k := part[0].Kind; k != tokWord && k != tokIdent {
		return col, false
	}
	col.Name = part[0].Val
	return col, true
}

// parseCreateView returns the SELECT of a CREATE VIEW statement (the text
// after the first AS outside parentheses) and the column names declared
// before it, if any. ok is false without an AS.
func parseCreateView(src string) (def string, columns []string, ok bool) {
	toks := sqliteLex(src)
	depth := 0
	for i, t := range toks {
		switch {
		case t.punct('('):
			depth++
		case t.punct(')'):
			depth--
		case depth == 1 && t.name():
			columns = append(columns, t.Val)
		case depth == 0 && t.is("AS") && i+1 < len(toks):
			return strings.TrimSpace(src[toks[i+1].Pos:]), columns, true
		}
	}
	return "", nil, false
}

// parseVirtualModule returns the module of a CREATE VIRTUAL TABLE
// statement (fts5, rtree, …) in lower case: the word after USING.
func parseVirtualModule(src string) string {
	toks := sqliteLex(src)
	for i, t := range toks {
		if t.is("USING") && i+1 < len(toks) {
			return strings.ToLower(toks[i+1].Val)
		}
	}
	return ""
}
