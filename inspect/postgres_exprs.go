package inspect

import "regexp"

// pgVarcharInList matches how PostgreSQL prints `col IN ('a', 'b')` on a
// varchar column: "(col)::text = ANY ((ARRAY['a'::character varying,
// 'b'::character varying])::text[])". Parsed again, that text becomes a
// different tree (the cast moves onto each element), so a reload would
// print it differently.
var pgVarcharInList = regexp.MustCompile(`\)::text (= ANY|<> ALL) \(\(ARRAY\[((?:'(?:[^']|'')*'::character varying(?:, )?)+)\]\)::text\[\]\)`)

// pgStableExpr rewrites the printed forms of an expression that do not
// parse back to the same tree into forms that do, with the same meaning:
// "(col)::text = ANY ((ARRAY['a'::character varying])::text[])" becomes
// "(col) = ANY (ARRAY['a'::character varying])", which PostgreSQL stores
// exactly as it stored the original `col IN ('a')` (and prints as above).
func pgStableExpr(expr string) string {
	return pgVarcharInList.ReplaceAllString(expr, ") $1 (ARRAY[$2])")
}
