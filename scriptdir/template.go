package scriptdir

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/migratego/migrate/versions"
)

// DefaultFileTemplate names new revision files "<id>_<slug>".
const DefaultFileTemplate = "%(rev)s_%(slug)s"

// MaxSlugLength is the longest slug FileName puts in a file name.
const MaxSlugLength = 40

// FileName renders a file name template for a new revision, and appends
// ext (".go" or ".sql"). The template uses Alembic's file_template tokens,
// %(name)<spec>, where spec is Python's printf style: optional flags '0'
// or '-', an optional width, an optional .precision, and the conversion s
// or d (for d, a precision pads with zeros: %(month).2d gives "05"):
//
//	%(rev)s     the revision id
//	%(slug)s    Slug(message): at most 40 lower-case letters, digits, '_'
//	%(year)d    the year, e.g. 2024
//	%(month)d   the month, 1–12 (usually %(month).2d)
//	%(day)d     the day of the month (usually %(day).2d)
//	%(hour)d    the hour, 0–23 (usually %(hour).2d)
//	%(minute)d  the minute (usually %(minute).2d)
//	%(second)d  the second (usually %(second).2d)
//	%(epoch)s   Unix seconds
//	%%          a literal '%'
//
// The time fields come from now, which the caller passes in its chosen
// time zone. An empty template means DefaultFileTemplate. For example
// "%(year)d%(month).2d%(day).2d_%(rev)s_%(slug)s" names a file
// "20240501_3f2a9c1b7d4e_add_users_table.go". Empty slugs leave no
// trailing '_'. The name may not contain a path separator, nor start with
// '.' or '_', nor end in "_test" (the loader and the go tool would ignore
// the file).
func FileName(template string, rev *versions.Revision, ext string, now time.Time) (string, error) {
	if template == "" {
		template = DefaultFileTemplate
	}
	if rev == nil {
		return "", fmt.Errorf("file name: no revision")
	}
	values := map[string]any{
		"rev":    rev.ID,
		"slug":   Slug(rev.Message),
		"year":   now.Year(),
		"month":  int(now.Month()),
		"day":    now.Day(),
		"hour":   now.Hour(),
		"minute": now.Minute(),
		"second": now.Second(),
		"epoch":  now.Unix(),
	}
	var b strings.Builder
	for rest := template; rest != ""; {
		i := strings.IndexByte(rest, '%')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		rest = rest[i:]
		if strings.HasPrefix(rest, "%%") {
			b.WriteByte('%')
			rest = rest[2:]
			continue
		}
		n, text, err := fileToken(rest, values)
		if err != nil {
			return "", fmt.Errorf("file name template %q: %w", template, err)
		}
		b.WriteString(text)
		rest = rest[n:]
	}
	name := strings.TrimRight(b.String(), "_-. ")
	switch {
	case name == "":
		return "", fmt.Errorf("file name template %q: the name is empty", template)
	case strings.ContainsAny(name, `/\`):
		return "", fmt.Errorf("file name template %q: the name %q may not contain a path separator", template, name)
	case name[0] == '.' || name[0] == '_':
		return "", fmt.Errorf("file name template %q: the name %q may not start with '.' or '_' (the file would be ignored)", template, name)
	case strings.HasSuffix(name, "_test"):
		return "", fmt.Errorf("file name template %q: the name %q may not end in _test (the file would be ignored)", template, name)
	}
	return name + ext, nil
}

// fileToken renders the %(name)spec token at the start of s and returns
// its length.
func fileToken(s string, values map[string]any) (int, string, error) {
	if !strings.HasPrefix(s, "%(") {
		return 0, "", fmt.Errorf("a '%%' must start a token %%(name)s or be doubled (%%%%)")
	}
	end := strings.IndexByte(s, ')')
	if end < 0 {
		return 0, "", fmt.Errorf("unterminated token %q", s)
	}
	name := s[2:end]
	v, ok := values[name]
	if !ok {
		return 0, "", fmt.Errorf("unknown token %%(%s) (known: rev, slug, year, month, day, hour, minute, second, epoch)", name)
	}
	i := end + 1
	flags := ""
	for i < len(s) && (s[i] == '0' || s[i] == '-') {
		flags += s[i : i+1]
		i++
	}
	width := digitsAt(s, &i)
	precision := ""
	if i < len(s) && s[i] == '.' {
		i++
		precision = digitsAt(s, &i)
		if precision == "" {
			return 0, "", fmt.Errorf("token %%(%s): a '.' must be followed by a precision", name)
		}
	}
	if i >= len(s) || (s[i] != 's' && s[i] != 'd') {
		return 0, "", fmt.Errorf("token %%(%s) must end with the conversion s or d, e.g. %%(%s)s", name, name)
	}
	if len(width) > 2 || len(precision) > 2 {
		return 0, "", fmt.Errorf("token %%(%s): width and precision are at most 99", name)
	}
	conv := s[i]
	var text string
	switch v := v.(type) {
	case string:
		if conv == 'd' {
			return 0, "", fmt.Errorf("token %%(%s) is a string: use %%(%s)s", name, name)
		}
		if precision != "" {
			p, _ := strconv.Atoi(precision)
			if utf8.RuneCountInString(v) > p {
				v = string([]rune(v)[:p])
			}
		}
		text = v
	case int:
		text = formatInt(int64(v), precision)
	case int64:
		text = formatInt(v, precision)
	}
	if width != "" {
		w, _ := strconv.Atoi(width)
		pad := w - utf8.RuneCountInString(text)
		if pad > 0 {
			switch {
			case strings.Contains(flags, "-"):
				text += strings.Repeat(" ", pad)
			case strings.Contains(flags, "0") && conv == 'd':
				text = strings.Repeat("0", pad) + text
			default:
				text = strings.Repeat(" ", pad) + text
			}
		}
	}
	return i + 1, text, nil
}

// formatInt formats n with at least precision digits, as Python's %.Nd.
func formatInt(n int64, precision string) string {
	p, _ := strconv.Atoi(precision)
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	if len(s) < p {
		s = strings.Repeat("0", p-len(s)) + s
	}
	if neg {
		s = "-" + s
	}
	return s
}

// digitsAt reads decimal digits at s[*i:] and advances *i past them.
func digitsAt(s string, i *int) string {
	start := *i
	for *i < len(s) && isDigit(s[*i]) {
		*i++
	}
	return s[start:*i]
}

// Slug turns a revision message into a file name part: lower case, every
// run of characters other than letters and digits replaced by one '_',
// no '_' at either end, and at most MaxSlugLength characters, cut at a word
// boundary when there is one.
func Slug(message string) string {
	var b strings.Builder
	pendingSep := false
	for _, r := range strings.ToLower(message) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if pendingSep && b.Len() > 0 {
				b.WriteByte('_')
			}
			pendingSep = false
			b.WriteRune(r)
			continue
		}
		pendingSep = true
	}
	slug := []rune(b.String())
	if len(slug) <= MaxSlugLength {
		return string(slug)
	}
	cut := string(slug[:MaxSlugLength])
	if slug[MaxSlugLength] != '_' {
		if i := strings.LastIndexByte(cut, '_'); i > 0 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(cut, "_")
}
