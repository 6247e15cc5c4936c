package dialect

import (
	"strings"

	"github.com/migratego/migrate/model"
)

// defaultCharsetOmitter is implemented by dialects whose inspector writes
// a routine parameter's or result's character set and collation only
// where they differ from the schema's defaults (MySQL/MariaDB).
type defaultCharsetOmitter interface {
	omitDefaultCharset(toks []exprTok, def model.CharsetDefault) []exprTok
}

// CanonicalRoutineText is CanonicalText of a stored function's or
// procedure's text in a schema whose default character set and collation
// are def, where the dialect's inspector leaves those defaults out of the
// parameters and the result: a parameter the model declares with them
// (p varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci in a schema
// of that collation) reads as one declared without, as the database
// gives it back. Any other character set or collation stays.
func CanonicalRoutineText(d Dialect, text string, def model.CharsetDefault) string {
	o, ok := d.(defaultCharsetOmitter)
	if !ok || def.Charset == "" && def.Collation == "" {
		return CanonicalText(d, text)
	}
	return canonicalText(d, text, func(toks []exprTok) []exprTok { return o.omitDefaultCharset(toks, def) })
}

// routineHeaderStops are the words that end a function's RETURNS type:
// its characteristics and its body.
var routineHeaderStops = map[string]bool{
	"deterministic": true, "not": true, "language": true, "contains": true, "no": true, "reads": true,
	"modifies": true, "sql": true, "comment": true, "return": true, "begin": true,
}

// omitDefaultCharset removes, from the parameters and the RETURNS type of
// the CREATE FUNCTION or PROCEDURE in toks (canonical: CHARACTER SET is
// charset), the CHARSET and COLLATE clauses that give def: a collation
// equal to the schema's, or a character set alone that is the schema's
// when the schema's collation is that set's default.
func (d *mysqlDialect) omitDefaultCharset(toks []exprTok, def model.CharsetDefault) []exprTok {
	start, end := routineHeaderTokens(toks)
	if start < 0 {
		return toks
	}
	name := func(i int) (string, bool) {
		if i >= end || toks[i].kind == tkOp {
			return "", false
		}
		return toks[i].val, true
	}
	out := append(toks[:0:0], toks[:start]...)
	for i := start; i < end; i++ {
		switch {
		case isWord(toks[i], "charset"):
			cs, ok := name(i + 1)
			if !ok {
				break
			}
			k := i + 2
			coll := ""
			if k < end && isWord(toks[k], "collate") {
				if c, ok := name(k + 1); ok {
					coll, k = c, k+2
				}
			}
			if coll != "" && strings.EqualFold(coll, def.Collation) ||
				coll == "" && def.CharsetCollation && strings.EqualFold(cs, def.Charset) {
				i = k - 1
				continue
			}
		case isWord(toks[i], "collate"):
			if coll, ok := name(i + 1); ok && strings.EqualFold(coll, def.Collation) {
				i++
				continue
			}
		}
		out = append(out, toks[i])
	}
	return append(out, toks[end:]...)
}

// routineHeaderTokens returns the tokens of a CREATE FUNCTION's or PROCEDURE's
// parameter list and RETURNS type, [start, end), or -1 when toks is no
// such statement.
func routineHeaderTokens(toks []exprTok) (start, end int) {
	i := 0
	for i < len(toks) && !isWord(toks[i], "function") && !isWord(toks[i], "procedure") {
		i++
	}
	function := i < len(toks) && isWord(toks[i], "function")
	for i < len(toks) && !(toks[i].kind == tkOp && toks[i].val == "(") {
		i++
	}
	if i >= len(toks) {
		return -1, -1
	}
	start, depth := i, 0
	for ; i < len(toks); i++ {
		if toks[i].kind != tkOp {
			continue
		}
		switch toks[i].val {
		case "(":
			depth++
		case ")":
			depth--
		}
		if depth == 0 {
			break
		}
	}
	if i >= len(toks) {
		return -1, -1
	}
	i++ // past the parameter list
	if !function || i >= len(toks) || !isWord(toks[i], "returns") {
		return start, i
	}
	for i++; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tkOp && t.val == ";" || t.kind == tkWord && routineHeaderStops[t.val] ||
			i+1 < len(toks) && toks[i+1].kind == tkOp && toks[i+1].val == ":" {
			break
		}
	}
	return start, i
}

var _ defaultCharsetOmitter = (*mysqlDialect)(nil)
