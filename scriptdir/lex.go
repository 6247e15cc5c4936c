package scriptdir

import (
	"fmt"
	"strings"

	"github.com/migratego/migrate/dialect"
)

// Statement is one SQL statement of a script.
type Statement struct {
	// Text is the statement without its terminating delimiter, trimmed, and
	// starting at its first token (comments before it are dropped; comments
	// inside and after it are kept).
	Text string
	// Line is the 1-based line of the statement's first token in the
	// script (or in the file, for the statements of a SQL revision).
	Line int
	// Copy reports a COPY … FROM stdin statement of a psql script
	// (pg_dump's data): its rows follow it in the script, up to the line
	// \., and are in CopyData. Sent alone, the statement would wait for
	// them forever.
	Copy     bool
	CopyData string
}

// LexError is a script the lexer cannot split: an unterminated string,
// quoted identifier, comment, dollar-quoted body or BEGIN … END block, or a
// bad DELIMITER command.
type LexError struct {
	// Line is the 1-based line where the offending construct starts.
	Line int
	// Msg says what is wrong.
	Msg string
}

// Error implements the error interface.
func (e *LexError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// SplitStatements splits a SQL script into statements, the way the
// database's own client would, guided by the dialect's lexical shape:
//
//   - ';' ends a statement, except inside 'strings' (with ” escapes, and
//     backslash escapes when syn.BackslashEscapes; PostgreSQL E'…' strings
//     always take backslash escapes), "quoted identifiers", `backtick
//     identifiers` (syn.BacktickIdents), [bracket identifiers]
//     (syn.BracketIdents), -- comments, /* */ comments (nested on
//     PostgreSQL) and # comments (syn.HashComments);
//   - with syn.DollarQuotes (PostgreSQL), $$…$$ and $tag$…$tag$ bodies are
//     opaque; $1 parameters are not dollar quotes;
//   - with syn.BeginEnd, the bodies of BEGIN ATOMIC … END (PostgreSQL 14
//     SQL-standard function bodies) and of CREATE TRIGGER, PROCEDURE,
//     FUNCTION or EVENT … BEGIN … END (SQLite triggers; MySQL routines
//     without DELIMITER) do not split; CASE … END and, for MySQL, nested
//     BEGIN … END, END IF, END LOOP, END WHILE, END REPEAT and END CASE
//     inside them are tracked;
//   - with syn.PsqlCommands (psql), the pg_dump lines \restrict KEY and
//     \unrestrict KEY are dropped, the rows after a COPY … FROM stdin
//     statement, up to the line \., are its CopyData, and any other
//     backslash command at the start of a line is a *LexError;
//   - with syn.DelimiterCommand (the MySQL client), a line
//     "DELIMITER //" changes the delimiter until the next DELIMITER line;
//     DELIMITER lines are not statements. While the delimiter is not ';',
//     only the delimiter ends a statement, but statements ended by ';'
//     before a routine in it are split off (the client sends them as one
//     multi-statement query; see splitMulti).
//
// On MySQL (syn.HashComments), "--" starts a comment when followed by
// white space, as in MySQL itself, or, as the mysql/mariadb client has it,
// anywhere before a statement's first token (a "-----" rule line between
// statements, "--;"); inside a statement "1--2" stays arithmetic. /*! … */
// and /*+ … */ comments are
// kept as statement text (they are executable). Statements that hold only
// comments or white space are dropped. An unterminated construct is a
// *LexError naming the line where it starts.
func SplitStatements(script string, syn dialect.Syntax) ([]Statement, error) {
	return splitStatements(script, syn, 1)
}

// splitStatements is SplitStatements for a script that starts on line
// firstLine of its file.
func splitStatements(script string, syn dialect.Syntax, firstLine int) ([]Statement, error) {
	l := &lexer{src: script, syn: syn, line: firstLine, delim: ";", start: -1}
	if err := l.run(); err != nil {
		return nil, err
	}
	return l.stmts, nil
}

// lexer holds the state of one SplitStatements run.
type lexer struct {
	src   string
	syn   dialect.Syntax
	pos   int
	line  int
	delim string
	stmts []Statement

	// The statement being read.
	start     int       // byte offset of its first token, -1 before it
	startLine int       // line of its first token
	words     [6]string // its first words, upper case
	nwords    int
	routine   bool   // CREATE … TRIGGER|PROCEDURE|FUNCTION|EVENT: BEGIN opens a body
	depth     int    // BEGIN … END nesting; ';' splits only at depth 0
	blockLine int    // line of the outermost BEGIN
	prevWord  string // the previous token when it was a word, upper case
	prevOpen  bool   // the previous word opened a block
	prevByte  byte   // last byte of the previous token
}

func (l *lexer) errorf(line int, format string, args ...any) error {
	return &LexError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// run splits the whole script.
func (l *lexer) run() error {
	for l.pos < len(l.src) {
		if l.syn.DelimiterCommand && (l.pos == 0 || l.src[l.pos-1] == '\n') {
			ok, err := l.delimiterCommand()
			if err != nil {
				return err
			}
			if ok {
				continue
			}
		}
		if l.syn.PsqlCommands && l.src[l.pos] == '\\' && (l.pos == 0 || l.src[l.pos-1] == '\n') {
			if err := l.psqlCommand(); err != nil {
				return err
			}
			continue
		}
		if l.depth == 0 && strings.HasPrefix(l.src[l.pos:], l.delim) {
			l.flush(l.pos)
			if l.delim != ";" {
				l.splitMulti()
			}
			l.pos += len(l.delim)
			if l.syn.PsqlCommands {
				if err := l.copyData(); err != nil {
					return err
				}
			}
			continue
		}
		if err := l.token(); err != nil {
			return err
		}
	}
	if l.depth > 0 {
		return l.errorf(l.blockLine, "BEGIN … END block is not closed: END is missing")
	}
	l.flush(len(l.src))
	return nil
}

// token reads one token, a white space byte or a comment at l.pos.
func (l *lexer) token() error {
	c := l.src[l.pos]
	switch {
	case c == '\n':
		l.line++
		l.pos++
		return nil
	case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
		l.pos++
		return nil
	case c == '-' && l.peek(1) == '-' && (!l.syn.HashComments || isSpaceOrEnd(l.src, l.pos+2) || l.start < 0):
		l.lineComment()
		return nil
	case c == '#' && l.syn.HashComments:
		l.lineComment()
		return nil
	case c == '/' && l.peek(1) == '*':
		executable := l.syn.HashComments && (l.peek(2) == '!' || l.peek(2) == '+')
		if executable {
			l.content() // MySQL executable comment or optimizer hint
		}
		return l.blockComment(executable)
	case c == '\'':
		l.content()
		return l.quoted('\'', l.syn.BackslashEscapes, "string literal")
	case c == '"':
		l.content()
		return l.quoted('"', l.syn.BackslashEscapes, `quoted identifier "…"`)
	case c == '`' && l.syn.BacktickIdents:
		l.content()
		return l.quoted('`', false, "quoted identifier `…`")
	case c == '[' && l.syn.BracketIdents:
		l.content()
		return l.bracket()
	case c == '$' && l.syn.DollarQuotes:
		l.content()
		return l.dollar()
	case isWordStart(c):
		l.content()
		return l.word()
	}
	l.content()
	l.pos++
	l.endToken("")
	return nil
}

// peek returns the byte i positions after l.pos, or 0 past the end.
func (l *lexer) peek(i int) byte {
	if l.pos+i < len(l.src) {
		return l.src[l.pos+i]
	}
	return 0
}

// content marks the start of the statement at the current token.
func (l *lexer) content() {
	if l.start < 0 {
		l.start = l.pos
		l.startLine = l.line
	}
}

// endToken records the token that ended at l.pos; word is its upper-case
// text when it was a word, else "".
func (l *lexer) endToken(word string) {
	l.prevWord = word
	if l.pos > 0 {
		l.prevByte = l.src[l.pos-1]
	}
}

// flush ends the current statement at byte offset end.
func (l *lexer) flush(end int) {
	if l.start >= 0 {
		if text := strings.TrimSpace(l.src[l.start:end]); text != "" {
			l.stmts = append(l.stmts, Statement{Text: text, Line: l.startLine})
		}
	}
	l.start = -1
	l.nwords = 0
	l.routine = false
	l.depth = 0
	l.prevWord = ""
	l.prevOpen = false
	l.prevByte = 0
}

// word reads an identifier, keyword or number and tracks BEGIN … END.
func (l *lexer) word() error {
	begin, prev := l.pos, l.prevWord
	for l.pos < len(l.src) && isWordByte(l.src[l.pos]) {
		if l.pos > begin && l.delim != ";" && strings.HasPrefix(l.src[l.pos:], l.delim) {
			break // e.g. END$$ after DELIMITER $$
		}
		l.pos++
	}
	w := strings.ToUpper(l.src[begin:l.pos])
	qualified := l.prevByte == '.'
	l.endToken(w)
	if l.syn.DollarQuotes && w == "E" && l.pos < len(l.src) && l.src[l.pos] == '\'' {
		// PostgreSQL escape string E'…': backslash escapes apply.
		return l.quoted('\'', true, "string literal")
	}
	if qualified || isDigit(w[0]) {
		l.prevOpen = false
		return nil
	}
	if l.nwords < len(l.words) {
		l.words[l.nwords] = w
		l.nwords++
		switch w {
		case "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT":
			l.routine = l.routine || l.words[0] == "CREATE"
		}
	}
	opened := false
	if l.syn.BeginEnd && l.delim == ";" {
		switch w {
		case "BEGIN":
			// A routine's body, or a compound statement nested in it (MySQL).
			opened = l.depth > 0 || l.routine
		case "ATOMIC":
			// Skipped when the BEGIN already opened the body.
			opened = prev == "BEGIN" && !l.prevOpen
		case "CASE":
			// CASE … END, but not the CASE of MySQL's END CASE.
			if l.depth > 0 && prev != "END" {
				l.depth++
			}
		case "END":
			// MySQL's END IF, END LOOP … close statements that were not
			// counted; END CASE closes a counted CASE.
			if l.depth > 0 && !endsUncounted(l.nextWord()) {
				l.depth--
			}
		}
	}
	if opened {
		if l.depth == 0 {
			l.blockLine = l.line
		}
		l.depth++
	}
	l.prevOpen = opened
	return nil
}

// nextWord returns the next word after white space, upper case, or "".
func (l *lexer) nextWord() string {
	i := l.pos
	for i < len(l.src) && isSpaceOrEnd(l.src, i) {
		i++
	}
	j := i
	for j < len(l.src) && isWordByte(l.src[j]) {
		j++
	}
	return strings.ToUpper(l.src[i:j])
}

// endsUncounted reports whether END followed by w closes a MySQL compound
// statement whose opening word the lexer does not count (IF, LOOP, WHILE,
// REPEAT, FOR: those words also name functions, so only their END counts).
func endsUncounted(w string) bool {
	switch w {
	case "IF", "LOOP", "WHILE", "REPEAT", "FOR":
		return true
	}
	return false
}
