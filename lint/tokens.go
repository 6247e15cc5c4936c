package lint

import (
	"strings"

	"github.com/migratego/migrate/dialect"
)

// cursor walks the tokens of one statement.
type cursor struct {
	toks []dialect.Token
	i    int
}

// done reports whether every token is read.
func (c *cursor) done() bool { return c.i >= len(c.toks) }

// peekWord returns the next token when it is an unquoted word, else "".
func (c *cursor) peekWord() string {
	if c.done() || c.toks[c.i].Kind != dialect.TokenWord {
		return ""
	}
	return c.toks[c.i].Text
}

// word consumes the next token when it is one of the words.
func (c *cursor) word(words ...string) bool {
	w := c.peekWord()
	for _, x := range words {
		if w == x {
			c.i++
			return true
		}
	}
	return false
}

// words consumes the sequence of words when the next tokens are exactly
// it, and reports whether they were.
func (c *cursor) words(seq ...string) bool {
	for k, w := range seq {
		j := c.i + k
		if j >= len(c.toks) || c.toks[j].Kind != dialect.TokenWord || c.toks[j].Text != w {
			return false
		}
	}
	c.i += len(seq)
	return true
}

// op consumes the next token when it is the operator.
func (c *cursor) op(o string) bool {
	if !c.done() && c.toks[c.i].Kind == dialect.TokenOp && c.toks[c.i].Text == o {
		c.i++
		return true
	}
	return false
}

// name reads an identifier, unquoted or quoted.
func (c *cursor) name() (string, bool) {
	if c.done() {
		return "", false
	}
	t := c.toks[c.i]
	if t.Kind != dialect.TokenWord && t.Kind != dialect.TokenIdent {
		return "", false
	}
	c.i++
	return t.Text, true
}

// qualified reads name or schema.name.
func (c *cursor) qualified() (schema, name string, ok bool) {
	first, ok := c.name()
	if !ok {
		return "", "", false
	}
	if c.op(".") {
		second, ok := c.name()
		return first, second, ok
	}
	return "", first, true
}

// skipGroup skips a parenthesised group at the cursor, if any.
func (c *cursor) skipGroup() {
	if c.done() || c.toks[c.i].Text != "(" || c.toks[c.i].Kind != dialect.TokenOp {
		return
	}
	depth := 0
	for ; c.i < len(c.toks); c.i++ {
		t := c.toks[c.i]
		if t.Kind != dialect.TokenOp {
			continue
		}
		switch t.Text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				c.i++
				return
			}
		}
	}
}

// rest returns the tokens not read yet.
func (c *cursor) rest() []dialect.Token { return c.toks[c.i:] }

// splitTop splits tokens at the commas outside parentheses.
func splitTop(toks []dialect.Token) [][]dialect.Token {
	var out [][]dialect.Token
	depth, start := 0, 0
	for i, t := range toks {
		if t.Kind != dialect.TokenOp {
			continue
		}
		switch t.Text {
		case "(":
			depth++
		case ")":
			depth--
		case ",":
			if depth == 0 {
				out = append(out, toks[start:i])
				start = i + 1
			}
		}
	}
	return append(out, toks[start:])
}

// hasWord reports whether a top-level token of toks is one of the words.
func hasWord(toks []dialect.Token, words ...string) bool {
	depth := 0
	for _, t := range toks {
		switch {
		case t.Kind == dialect.TokenOp && t.Text == "(":
			depth++
		case t.Kind == dialect.TokenOp && t.Text == ")":
			depth--
		case depth == 0 && t.Kind == dialect.TokenWord:
			for _, w := range words {
				if t.Text == w {
					return true
				}
			}
		}
	}
	return false
}

// text renders tokens back as SQL-like text for messages and type
// parsing: words and names separated by spaces, no space around
// parentheses and commas.
func text(toks []dialect.Token) string {
	var b strings.Builder
	for i, t := range toks {
		s := t.Text
		if t.Kind == dialect.TokenString {
			s = "'" + strings.ReplaceAll(s, "'", "''") + "'"
		}
		glue := i > 0 && !(t.Kind == dialect.TokenOp && (s == "(" || s == ")" || s == "," || s == "." || s == "::")) &&
			!(toks[i-1].Kind == dialect.TokenOp && (toks[i-1].Text == "(" || toks[i-1].Text == "." || toks[i-1].Text == "::"))
		if glue {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}
