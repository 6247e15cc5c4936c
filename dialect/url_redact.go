package dialect

import (
	"net/url"
	"strings"
)

// RedactedPassword replaces passwords in redacted URLs and messages.
const RedactedPassword = "xxxxx"

// IsPasswordParam reports whether a URL query parameter carries a secret:
// password, pass, passwd, pwd, or a name ending in "password"
// (sslpassword, pgpassword, db_password…), in any case.
func IsPasswordParam(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "pass", "passwd", "pwd":
		return true
	}
	return strings.HasSuffix(n, "password")
}

// RedactURL returns a database URL (any form ParseURL reads, or a string
// it cannot parse) with its password and password query parameters
// replaced by xxxxx, and nothing else changed.
func RedactURL(raw string) string {
	u, err := ParseURL(raw)
	if err == nil {
		return u.Redacted
	}
	if ue, ok := err.(*URLError); ok && ue.Redacted != "" {
		return ue.Redacted
	}
	return redactQueryIn(redactUnparsable(strings.TrimSpace(raw)))
}

// redactedURL is u.Redacted() with password query parameters masked too,
// the other parameters left as written and in their order.
func redactedURL(u *url.URL) string {
	c := *u
	c.RawQuery = redactQuery(c.RawQuery)
	return c.Redacted()
}

// redactQuery masks the values of password parameters in a raw query.
func redactQuery(q string) string {
	if q == "" {
		return q
	}
	parts := strings.Split(q, "&")
	for i, p := range parts {
		k, _, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		if name, err := url.QueryUnescape(k); err == nil && IsPasswordParam(name) {
			parts[i] = k + "=" + RedactedPassword
		}
	}
	return strings.Join(parts, "&")
}

// redactQueryIn masks the password parameters of the query part of s,
// if it has one.
func redactQueryIn(s string) string {
	head, q, ok := strings.Cut(s, "?")
	if !ok {
		return s
	}
	return head + "?" + redactQuery(q)
}
