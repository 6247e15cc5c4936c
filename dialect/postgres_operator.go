package dialect

import (
	"fmt"
	"regexp"
)

// pgOperatorSymbol matches the name of a PostgreSQL operator: up to 63 of
// the characters + - * / < > = ~ ! @ # % ^ & | ` ?, which no quoting
// applies to.
var pgOperatorSymbol = regexp.MustCompile("^[-+*/<>=~!@#%^&|`?]{1,63}$")

// operatorName writes an operator's name: schema.symbol, the schema quoted
// and the symbol bare, or the symbol alone in the default schema. A name
// that is not an operator symbol fails the builder.
func operatorName(b *builder, schema, symbol string) {
	if !pgOperatorSymbol.MatchString(symbol) {
		b.fail(fmt.Errorf("operator %q: an operator name is 1 to 63 of the characters + - * / < > = ~ ! @ # %% ^ & | ` ?", symbol))
		return
	}
	if schema != "" {
		b.ident(schema).raw(".")
	}
	b.raw(symbol)
}
