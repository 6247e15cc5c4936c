package dialect

// mysqlDefaultWidths are the display widths MariaDB prints for the
// integer types when none is given (signed, unsigned): SHOW CREATE
// FUNCTION writes a parameter declared bigint as bigint(20). MySQL 8
// prints none.
var mysqlDefaultWidths = map[string][2]string{
	"tinyint": {"4", "3"}, "smallint": {"6", "5"}, "mediumint": {"9", "8"},
	"int": {"11", "10"}, "integer": {"11", "10"}, "bigint": {"20", "20"},
}

// canonicalText removes what MariaDB adds to a stored routine or event:
//
//   - an integer type's display width where it is the default one
//     (bigint(20) is bigint): the width changes nothing but the padding
//     of ZEROFILL, so a width before ZEROFILL stays, as does any other;
//   - the quotes of an event's interval (EVERY '1' DAY is EVERY 1 DAY),
//     where the quoted text is a whole number.
func (d *mysqlDialect) canonicalText(toks []exprTok) []exprTok {
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if isWord(t, "character") && i+1 < len(toks) && isWord(toks[i+1], "set") {
			// CHARSET is MySQL's synonym of CHARACTER SET everywhere.
			out = append(out, exprTok{kind: tkWord, val: "charset"})
			i++
			continue
		}
		if t.kind == tkString && t.prefix == "" && i > 0 && isWord(toks[i-1], "every") && wholeNumber(t.val) {
			t = exprTok{kind: tkNumber, val: t.val}
		}
		out = append(out, t)
		widths, ok := mysqlDefaultWidths[t.val]
		if t.kind != tkWord || !ok || i+3 >= len(toks) {
			continue
		}
		if toks[i+1].kind != tkOp || toks[i+1].val != "(" || toks[i+2].kind != tkNumber || toks[i+3].kind != tkOp || toks[i+3].val != ")" {
			continue
		}
		next := func(k int) string {
			if i+k < len(toks) && toks[i+k].kind == tkWord {
				return toks[i+k].val
			}
			return ""
		}
		unsigned := next(4) == "unsigned"
		if next(4) == "zerofill" || unsigned && next(5) == "zerofill" {
			continue
		}
		want := widths[0]
		if unsigned {
			want = widths[1]
		}
		if toks[i+2].val == want {
			i += 3
		}
	}
	return out
}

// wholeNumber reports whether s is digits alone.
func wholeNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
