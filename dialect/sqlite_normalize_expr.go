package dialect

// sqliteGrammar is SQLite's expression grammar (the operator table of
// "SQL Language Expressions"). SQLite keeps the text of a CREATE
// statement as written, so what it prints is what was declared: its
// canonical form needs no rewrites beyond spelling.
var sqliteGrammar = &exprGrammar{
	lex: exprLexRules{backtickIdents: true, bracketIdents: true, foldQuoted: true},
	binary: map[string]exprLevel{
		"or": {1, assocLeft}, "and": {2, assocLeft},
		"=": {4, assocLeft}, "<>": {4, assocLeft},
		"<": {5, assocLeft}, ">": {5, assocLeft}, "<=": {5, assocLeft}, ">=": {5, assocLeft},
		"&": {7, assocLeft}, "|": {7, assocLeft}, "<<": {7, assocLeft}, ">>": {7, assocLeft},
		"+": {8, assocLeft}, "-": {8, assocLeft},
		"*": {9, assocLeft}, "/": {9, assocLeft}, "%": {9, assocLeft},
		"||": {10, assocLeft}, "->": {10, assocLeft}, "->>": {10, assocLeft},
	},
	not: 3, is: 4, predicate: 4, collate: 11, unary: 12,
	likeOps:  map[string]bool{"glob": true, "regexp": true, "match": true},
	atoms:    map[string]bool{"null": true, "true": true, "false": true, "current_timestamp": true, "current_date": true, "current_time": true},
	quote:    '"',
	sqliteIs: true,
}

func (d *sqliteDialect) exprGrammar() *exprGrammar { return sqliteGrammar }

// rewriteExpr leaves SQLite expressions as parsed: the canonical
// spelling is all (== is =, != is <>).
func (d *sqliteDialect) rewriteExpr(n *exprNode, _ *exprContext) *exprNode { return n }
