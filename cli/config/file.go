package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/migratego/migrate/internal/suggest"
)

// problem is an error at a key of the file.
type problem struct {
	line int
	msg  string
}

// applyFile reads migrate.toml and sets every key it holds. Unknown keys,
// wrong types and bad values are reported together, each with its line.
func (c *Config) applyFile(file string, lookup func(string) (string, bool)) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return &Error{File: file, Msg: "cannot read configuration file: " + pathErr(err), Err: err}
	}
	text := string(data)
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &Error{File: file, Line: pe.Position.Line, Msg: "TOML syntax error: " + strings.Replace(pe.Message, "has already been defined.", "is defined twice: a key or [table] appears once in the file (set it where it first appears)", 1), Err: err}
		}
		return &Error{File: file, Msg: "TOML syntax error: " + strings.TrimPrefix(err.Error(), "toml: "), Err: err}
	}

	var probs []problem
	add := func(table, name string, err error) {
		probs = append(probs, problem{line: keyLine(text, table, name), msg: err.Error()})
	}
	base := filepath.Dir(file)
	for name, v := range m {
		if keys, ok := tables[name]; ok {
			probs = append(probs, c.applyTable(text, name, keys, v, base, lookup)...)
			continue
		}
		k, ok := lookupKey(name)
		if !ok {
			add("", name, unknownKey(name, "", Keys()))
			continue
		}
		if k.name == "database_url" {
			s, ok := v.(string)
			if !ok {
				add("", name, typeError(name, "a string", v))
				continue
			}
			// Expanded in finish, and only if no higher layer overrides it.
			c.fileURL = &fileURL{text: s, line: keyLine(text, "", name), lookup: lookup}
		}
		if err := k.setTOML(c, v, base); err != nil {
			add("", name, err)
			continue
		}
		c.Sources[k.name] = file
	}
	if len(probs) == 0 {
		return nil
	}
	sort.Slice(probs, func(i, j int) bool { return probs[i].line < probs[j].line })
	msgs := make([]string, len(probs))
	for i, p := range probs {
		msgs[i] = p.msg
		if i > 0 && p.line > 0 {
			msgs[i] = fmt.Sprintf("line %d: %s", p.line, p.msg)
		}
	}
	return &Error{File: file, Line: probs[0].line, Msg: strings.Join(msgs, "; ")}
}

// applyTable sets the keys of the TOML table name.
func (c *Config) applyTable(text, name string, keys map[string]tableKey, v any, base string, lookup func(string) (string, bool)) []problem {
	tbl, ok := v.(map[string]any)
	if !ok {
		return []problem{{line: keyLine(text, "", name),
			msg: fmt.Sprintf("%s must be a table ([%s]), not %s", name, name, tomlTypeName(v))}}
	}
	known := make([]string, 0, len(keys))
	for k := range keys {
		known = append(known, k)
	}
	sort.Strings(known)
	var probs []problem
	for key, val := range tbl {
		set, ok := keys[key]
		full := name + "." + key
		if !ok {
			probs = append(probs, problem{keyLine(text, name, key), unknownKey(key, name+".", known).Error()})
			continue
		}
		if err := set(c, full, val, base, lookup); err != nil {
			probs = append(probs, problem{keyLine(text, name, key), err.Error()})
			continue
		}
		c.Sources[full] = c.File
	}
	return probs
}

func unknownKey(name, prefix string, known []string) error {
	msg := fmt.Sprintf("unknown key %q", prefix+name)
	if s := suggest.Closest(name, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", prefix+s)
	} else {
		msg += " (known keys: " + strings.Join(known, ", ") + ")"
	}
	return errors.New(msg)
}

// keyLine finds the 1-based line defining name in table ("" for the top
// level) of a TOML text, or 0. It understands [table] headers, quoted keys
// and dotted keys, which covers configuration files written by hand.
func keyLine(text, table, name string) int {
	current := ""
	for i, line := range strings.Split(text, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "[") {
			h := strings.Trim(l, "[] \t")
			if j := strings.IndexByte(h, '#'); j >= 0 {
				h = strings.Trim(h[:j], "[] \t")
			}
			current = strings.Trim(h, `"'`)
			if table == "" && current == name {
				return i + 1
			}
			continue
		}
		for _, cand := range []struct{ tbl, key string }{{table, name}, {"", joinKey(table, name)}} {
			if current != cand.tbl || cand.key == "" {
				continue
			}
			for _, q := range []string{cand.key, `"` + cand.key + `"`, "'" + cand.key + "'"} {
				if rest, ok := strings.CutPrefix(l, q); ok {
					if r := strings.TrimLeft(rest, " \t"); strings.HasPrefix(r, "=") || strings.HasPrefix(r, ".") {
						return i + 1
					}
				}
			}
		}
	}
	return 0
}

func joinKey(table, name string) string {
	if table == "" {
		return ""
	}
	return table + "." + name
}

// keyLineInFile is keyLine on a file, 0 when it cannot be read.
func keyLineInFile(file, table, name string) int {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	return keyLine(string(data), table, name)
}
