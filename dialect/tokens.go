package dialect

// TokenKind classifies the tokens of SQL text (see Tokens).
type TokenKind int

// Token kinds.
const (
	// TokenWord is an unquoted word, keyword or identifier, in lower case.
	TokenWord TokenKind = iota
	// TokenIdent is a quoted identifier: its name, case folded where the
	// database folds quoted names.
	TokenIdent
	// TokenString is a string literal (or PostgreSQL dollar-quoted body):
	// its value.
	TokenString
	// TokenNumber is a numeric literal, in lower case.
	TokenNumber
	// TokenOp is an operator or punctuation: "(", ",", "=", "::", ….
	TokenOp
	// TokenParam is a parameter or variable ($1, ?, @x).
	TokenParam
)

// Token is one token of SQL text.
type Token struct {
	Kind TokenKind
	Text string
}

// Tokens splits SQL text into the tokens of d's lexical rules (those its
// expression normalisation uses: strings, quoted identifiers, comments,
// dollar quotes, MySQL # comments), dropping white space and comments.
// ok is false when the text cannot be read with certainty: an
// unterminated quote or comment, a MySQL executable comment (/*! … */,
// whose text runs), or a dialect without expression rules.
func Tokens(d Dialect, sql string) (toks []Token, ok bool) {
	en, isNorm := d.(exprNormalizer)
	if !isNorm {
		return nil, false
	}
	raw, ok := exprLex(sql, &en.exprGrammar().lex)
	if !ok {
		return nil, false
	}
	toks = make([]Token, len(raw))
	for i, t := range raw {
		toks[i] = Token{Kind: tokenKinds[t.kind], Text: t.val}
	}
	return toks, true
}

// tokenKinds maps the lexer's kinds to the exported ones.
var tokenKinds = map[exprTokKind]TokenKind{
	tkWord: TokenWord, tkIdent: TokenIdent, tkString: TokenString,
	tkNumber: TokenNumber, tkOp: TokenOp, tkParam: TokenParam,
}
