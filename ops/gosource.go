package ops

import (
	"strconv"
	"strings"
)

// goLit writes the composite literal of an operation, ops.Name{Field: …},
// leaving out zero fields so that revision files stay short.
type goLit struct {
	typ    string
	fields []string
}

func newGoLit(typ string) *goLit { return &goLit{typ: typ} }

// str adds a string field unless it is empty.
func (l *goLit) str(key, v string) *goLit {
	if v != "" {
		l.fields = append(l.fields, key+": "+strconv.Quote(v))
	}
	return l
}

// expr adds a field whose value is Go source, unless src is empty or nil.
func (l *goLit) expr(key, src string) *goLit {
	if src != "" && src != "nil" {
		l.fields = append(l.fields, key+": "+src)
	}
	return l
}

// flag adds a bool field when it is true.
func (l *goLit) flag(key string, v bool) *goLit {
	if v {
		l.fields = append(l.fields, key+": true")
	}
	return l
}

func (l *goLit) String() string {
	return "ops." + l.typ + "{" + strings.Join(l.fields, ", ") + "}"
}
