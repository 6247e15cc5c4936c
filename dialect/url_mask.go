package dialect

import (
	"regexp"
	"sort"
	"strings"
)

// placeholderPassword is the password of example URLs in help texts,
// which the pattern-based masking leaves alone.
const placeholderPassword = "pass"

// Masker hides passwords in text, and nothing else: the password field
// of URLs and MySQL DSNs and the values of password query parameters
// (password, pass, sslpassword, pgpassword…; see
// IsPasswordParam). The database URLs of the run are replaced
// whole by their redacted form first, which also covers passwords with
// characters the patterns cannot delimit (an unescaped '@' or '/'). A
// password is never searched for as bare text: a password such as
// "postgres" or "e" must not garble the words that contain it.
type Masker struct {
	// urls maps the raw database URLs of the run to their redacted form.
	urls map[string]string
}

var (
	urlCredentials = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@]*:)([^\s@/]+)(@)`)
	dsnCredentials = regexp.MustCompile(`([^\s:@/()]*:)([^\s@]+)(@(?:tcp|unix)\()`)
	// queryParam is a query parameter of a URL: after '?' or '&'.
	queryParam = regexp.MustCompile(`([?&]([A-Za-z0-9_.\-]+)=)([^&\s#"'` + "`" + `]*)`)
)

// AddURL learns a database URL (URL or DSN form) of the run.
func (m *Masker) AddURL(raw string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return
	}
	if red := RedactURL(raw); red != raw {
		if m.urls == nil {
			m.urls = map[string]string{}
		}
		m.urls[raw] = red
	}
}

// Mask returns s with the passwords of URLs, DSNs and password query
// parameters replaced by xxxxx.
func (m *Masker) Mask(s string) string {
	if len(m.urls) > 0 {
		raws := make([]string, 0, len(m.urls))
		for raw := range m.urls {
			raws = append(raws, raw)
		}
		sort.Slice(raws, func(i, j int) bool { return len(raws[i]) > len(raws[j]) })
		for _, raw := range raws {
			s = strings.ReplaceAll(s, raw, m.urls[raw])
		}
	}
	// The patterns need an '@' (credentials) or a '=' (parameters); in a
	// long output (the history of a large project) only the lines holding
	// one go through them.
	if !strings.ContainsAny(s, "@=") {
		return s
	}
	if strings.Count(s, "\n") < 64 {
		return maskCredentials(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		line, rest, found := strings.Cut(s, "\n")
		if strings.ContainsAny(line, "@=") {
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
// DSN with credentials, and the value of password query parameters.
func maskCredentials(s string) string {
	if strings.IndexByte(s, '@') >= 0 {
		for _, re := range []*regexp.Regexp{urlCredentials, dsnCredentials} {
			s = re.ReplaceAllStringFunc(s, func(match string) string {
				sub := re.FindStringSubmatch(match)
				if sub[2] == placeholderPassword {
					return match // the documentation's "user:pass@host"
				}
				return sub[1] + RedactedPassword + sub[3]
			})
		}
	}
	if strings.IndexByte(s, '=') >= 0 {
		s = queryParam.ReplaceAllStringFunc(s, func(match string) string {
			sub := queryParam.FindStringSubmatch(match)
			if !IsPasswordParam(sub[2]) || sub[3] == "" {
				return match
			}
			return sub[1] + RedactedPassword
		})
	}
	return s
}
