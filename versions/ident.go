package versions

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Identifier is a parsed revision identifier, the argument of upgrade,
// downgrade, stamp, show and history (SPEC §4):
//
//	head, heads, base, current        Symbol only
//	<id>, <id prefix>, <label>        Symbol only
//	<branch>@head, <branch>@heads,    Branch and Symbol
//	<branch>@base, <branch>@<rev>
//	+N, -N                            Relative, Steps only (from current)
//	<rev>+N, <rev>-N, head-1, base+2  Relative, Symbol and Steps
//	<branch>@+N, <branch>@-N          Relative, Branch and Steps
//	<branch>@head-N, <branch>@<rev>+N Relative, Branch, Symbol and Steps
//
// Ranges (a:b) are parsed by ParseRange.
type Identifier struct {
	// Raw is the identifier as given (without surrounding spaces).
	Raw string
	// Branch is the text before the first '@', empty when there is none:
	// a branch label or any revision id on the branch.
	Branch string
	// Symbol is head, heads, base, current, or a revision id, id prefix or
	// label; empty for a walk relative to the current revisions.
	Symbol string
	// Relative is set for the +N / -N forms; Steps is then N (negative
	// for a downward walk).
	Relative bool
	Steps    int
}

// maxWalkSteps bounds N in +N / -N; no graph is that deep.
const maxWalkSteps = 1 << 30

// identRelative is Alembic's _relative_destination, anchored at both ends
// (Alembic anchors only the start and ignores trailing text) and with
// Python's Unicode \w.
var identRelative = regexp.MustCompile(`^(?:(.+?)@)?([\p{L}\p{N}_]+)?([+-][0-9]+)$`)

// ParseIdentifier parses one revision identifier. It checks only the
// syntax; Graph.Resolve and the planners give it meaning.
func ParseIdentifier(s string) (Identifier, error) {
	s = strings.TrimSpace(s)
	id := Identifier{Raw: s}
	if s == "" {
		return id, syntaxError(s, "the revision identifier is empty")
	}
	if strings.Contains(s, ":") {
		return id, syntaxError(s, "a range a:b is not allowed here")
	}
	if m := identRelative.FindStringSubmatch(s); m != nil {
		n, err := strconv.Atoi(m[3])
		if err != nil || n > maxWalkSteps || n < -maxWalkSteps {
			return id, syntaxError(s, fmt.Sprintf("the relative step %s is too large", m[3]))
		}
		id.Branch, id.Symbol, id.Relative, id.Steps = m[1], m[2], true, n
		if strings.Contains(s, "@") && id.Branch == "" {
			return id, syntaxError(s, "the branch name before '@' is empty")
		}
		return id, nil
	}
	branch, symbol, hasAt := strings.Cut(s, "@")
	if !hasAt {
		id.Symbol = s
		return id, nil
	}
	switch {
	case branch == "":
		return id, syntaxError(s, "the branch name before '@' is empty")
	case symbol == "":
		return id, syntaxError(s, "nothing follows '@'; use <branch>@head, <branch>@base or <branch>@<revision>")
	case strings.Contains(symbol, "@"):
		return id, syntaxError(s, "more than one '@'")
	}
	id.Branch, id.Symbol = branch, symbol
	return id, nil
}

// String returns the identifier in canonical form.
func (id Identifier) String() string {
	var b strings.Builder
	if id.Branch != "" {
		b.WriteString(id.Branch)
		b.WriteByte('@')
	}
	b.WriteString(id.Symbol)
	if id.Relative {
		if id.Steps >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.Itoa(id.Steps))
	}
	return b.String()
}

// Range is a parsed a:b argument; an empty side is open (history: base or
// heads).
type Range struct {
	Lower, Upper string
}

// IsRange reports whether s is a range (contains ':').
func IsRange(s string) bool { return strings.Contains(s, ":") }

// ParseRange parses "a:b", "a:" or ":b" and checks the syntax of each
// side. Commands decide where ranges are allowed: history always,
// upgrade, downgrade and stamp only with --sql.
func ParseRange(s string) (Range, error) {
	s = strings.TrimSpace(s)
	lower, upper, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(upper, ":") {
		return Range{}, &ResolutionError{Kind: ErrSyntax, Argument: s,
			Msg: "History range requires [start]:[end], [start]:, or :[end]"}
	}
	r := Range{Lower: strings.TrimSpace(lower), Upper: strings.TrimSpace(upper)}
	for _, side := range []string{r.Lower, r.Upper} {
		if side == "" {
			continue
		}
		if _, err := ParseIdentifier(side); err != nil {
			return Range{}, err
		}
	}
	return r, nil
}

func syntaxError(arg, why string) *ResolutionError {
	return &ResolutionError{Kind: ErrSyntax, Argument: arg,
		Msg: fmt.Sprintf("Invalid revision identifier '%s': %s", arg, why)}
}
