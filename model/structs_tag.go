package model

import (
	"errors"
	"fmt"
	"strings"
)

// TagKey is the struct tag key read by TableFromStruct.
const TagKey = "migrate"

// tagOption is one comma-separated element of a tag after the name:
// key, or key=value. hasValue tells "key=" (empty value) from "key".
type tagOption struct {
	key      string
	value    string
	hasValue bool
}

// parsedTag is a whole migrate tag: the column name and its options.
type parsedTag struct {
	name    string
	skip    bool
	options []tagOption
}

// splitTag splits a tag at the commas that are outside single quotes and
// parentheses. A quote inside a quoted run is written twice, as in SQL.
func splitTag(tag string) ([]string, error) {
	var (
		parts  []string
		start  int
		depth  int
		quoted bool
	)
	for i := 0; i < len(tag); i++ {
		switch c := tag[i]; {
		case quoted:
			if c == '\'' {
				if i+1 < len(tag) && tag[i+1] == '\'' {
					i++ // doubled quote stays inside the run
					continue
				}
				quoted = false
			}
		case c == '\'':
			quoted = true
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				return nil, fmt.Errorf("unbalanced ')' at byte %d", i)
			}
			depth--
		case c == ',' && depth == 0:
			parts = append(parts, tag[start:i])
			start = i + 1
		}
	}
	if quoted {
		return nil, errors.New("unterminated single quote")
	}
	if depth > 0 {
		return nil, errors.New("unbalanced '('")
	}
	return append(parts, tag[start:]), nil
}

// parseTag parses the value of a migrate tag.
func parseTag(tag string) (parsedTag, error) {
	if tag == "-" {
		return parsedTag{skip: true}, nil
	}
	parts, err := splitTag(tag)
	if err != nil {
		return parsedTag{}, err
	}
	p := parsedTag{name: strings.TrimSpace(parts[0])}
	if strings.Contains(p.name, "=") {
		return parsedTag{}, fmt.Errorf("column name %q contains '='; start the tag with a comma to keep the default name, as in %q",
			p.name, ","+tag)
	}
	for _, part := range parts[1:] {
		part = strings.TrimSpace(part)
		if part == "" {
			continue // tolerate "a,,b" and a trailing comma
		}
		key, value, hasValue := strings.Cut(part, "=")
		p.options = append(p.options, tagOption{
			key:      strings.ToLower(strings.TrimSpace(key)),
			value:    strings.TrimSpace(value),
			hasValue: hasValue,
		})
	}
	return p, nil
}

// unquote removes one level of enclosing single quotes and undoubles the
// quotes inside; a value without enclosing quotes is returned unchanged.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}

// isQuoted reports whether s is exactly one single-quoted SQL string.
func isQuoted(s string) bool {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return false
	}
	inner := s[1 : len(s)-1]
	for i := 0; i < len(inner); i++ {
		if inner[i] == '\'' {
			if i+1 >= len(inner) || inner[i+1] != '\'' {
				return false
			}
			i++
		}
	}
	return true
}

// parseFKAction reads an ondelete/onupdate value: cascade, restrict,
// setnull, setdefault, noaction, in any case, with or without a space or
// underscore between the words.
func parseFKAction(s string) (FKAction, bool) {
	k := strings.ToUpper(strings.NewReplacer(" ", "", "_", "", "-", "").Replace(unquote(s)))
	switch k {
	case "CASCADE":
		return Cascade, true
	case "RESTRICT":
		return Restrict, true
	case "SETNULL":
		return SetNull, true
	case "SETDEFAULT":
		return SetDefault, true
	case "NOACTION":
		return NoAction, true
	}
	return "", false
}

// parseFKTarget reads "table.column" or "schema.table.column".
func parseFKTarget(s string) (schema, table, column string, ok bool) {
	parts := strings.Split(unquote(s), ".")
	for _, p := range parts {
		if p == "" {
			return "", "", "", false
		}
	}
	switch len(parts) {
	case 2:
		return "", parts[0], parts[1], true
	case 3:
		return parts[0], parts[1], parts[2], true
	}
	return "", "", "", false
}
