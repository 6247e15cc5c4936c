package cli

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// redactedPassword replaces passwords in messages, as dialect.URL.Redacted does.
const redactedPassword = "xxxxx"

// placeholderPassword is the password of example URLs in help texts,
// which the pattern-based masking leaves alone.
const placeholderPassword = "pass"

// masker hides passwords in text. It knows the passwords of the database
// URLs it was given, in their raw and escaped spellings, and also masks
// the password part of anything that looks like a URL or a MySQL DSN with
// credentials, as a safety net for URLs it was not told about.
type masker struct {
	secrets []string
}

var (
	urlCredentials = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@]*:)([^\s@/]+)(@)`)
	dsnCredentials = regexp.MustCompile(`([^\s:@/()]*:)([^\s@]+)(@(?:tcp|unix)\()`)
)

// addURL learns the password of a database URL (URL or DSN form).
func (m *masker) addURL(raw string) {
	for _, pw := range urlPasswords(raw) {
		if pw == "" || pw == redactedPassword {
			continue
		}
		m.secrets = append(m.secrets, pw, url.QueryEscape(pw), url.PathEscape(pw),
			url.UserPassword("", pw).String()[1:])
	}
}

// mask returns s with every known password and every URL password
// replaced by xxxxx.
func (m *masker) mask(s string) string {
	secrets := append([]string(nil), m.secrets...)
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, redactedPassword)
		}
	}
	// Both credential patterns need an '@'; in a long output (the history
	// of a large project) only the lines holding one go through them.
	if strings.IndexByte(s, '@') < 0 {
		return s
	}
	if strings.Count(s, "\n") < 64 {
		return maskCredentials(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		line, rest, found := strings.Cut(s, "\n")
		if strings.IndexByte(line, '@') >= 0 {
			line = maskCredentials(line)
		}
		b.WriteString(line)
		if found {
			b.WriteByte('\n')
		}
		s = rest
	}
	return b.String()
}

// maskCredentials replaces the password of anything shaped like a URL or
// DSN with credentials.
func maskCredentials(s string) string {
	for _, re := range []*regexp.Regexp{urlCredentials, dsnCredentials} {
		s = re.ReplaceAllStringFunc(s, func(match string) string {
			sub := re.FindStringSubmatch(match)
			if sub[2] == placeholderPassword {
				return match // the documentation's "user:pass@host"
			}
			return sub[1] + redactedPassword + sub[3]
		})
	}
	return s
}

// urlPasswords extracts the password of a URL or DSN, trying the forms a
// user may write: a well-formed URL, a URL with unescaped characters, and
// the go-sql-driver DSN user:pass@tcp(host)/db.
func urlPasswords(raw string) []string {
	var out []string
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok {
			out = append(out, pw)
		}
	}
	rest := raw
	if i := strings.Index(raw, "://"); i >= 0 {
		rest = raw[i+3:]
	} else if slash := strings.LastIndex(raw, "/"); slash >= 0 {
		rest = raw[:slash] // DSN: credentials end at the last '@' before the last '/'
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		if _, pw, ok := strings.Cut(rest[:at], ":"); ok {
			out = append(out, pw)
		}
	}
	return out
}
