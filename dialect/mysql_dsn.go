package dialect

import (
	"errors"
	"net/url"
	"strings"
)

// mysqlMultiStatements is the DSN parameter the tool always leaves off:
// statements are sent one at a time.
const mysqlMultiStatements = "multiStatements"

// mysqlDSN is a go-sql-driver/mysql DSN taken apart:
//
//	[user[:passwd]@][net[(addr)]]/dbname[?params]
//
// Package dialect does not link the driver; the split follows its
// ParseDSN, and format its FormatDSN, so that the driver reads back what
// was given. The parameters are kept as written (the driver interprets
// and checks them when the database is opened).
type mysqlDSN struct {
	user, passwd, net, addr, dbname string
	params                          string
}

// parseMySQLDSNParts splits a native DSN as the driver does: the last '/'
// ends the address part, the last '@' before it ends the credentials, the
// first ':' in them ends the user, and the first '?' after the '/' starts
// the parameters.
func parseMySQLDSNParts(raw string) (*mysqlDSN, error) {
	slash := strings.LastIndexByte(raw, '/')
	if slash < 0 {
		return nil, errors.New("missing the slash before the database name (user:pass@tcp(host:3306)/db)")
	}
	d := &mysqlDSN{}
	left := raw[:slash]
	if at := strings.LastIndexByte(left, '@'); at >= 0 {
		cred := left[:at]
		if user, pass, ok := strings.Cut(cred, ":"); ok {
			d.user, d.passwd = user, pass
		} else {
			d.user = cred
		}
		left = left[at+1:]
	}
	if open := strings.IndexByte(left, '('); open >= 0 {
		if !strings.HasSuffix(left, ")") {
			return nil, errors.New("the network address is not closed by ')'")
		}
		d.net, d.addr = left[:open], left[open+1:len(left)-1]
	} else {
		d.net = left
	}
	rest := raw[slash+1:]
	db, params, _ := strings.Cut(rest, "?")
	name, err := url.PathUnescape(db)
	if err != nil {
		return nil, errors.New("invalid database name " + db)
	}
	d.dbname, d.params = name, params
	return d, nil
}

// format writes the DSN back in the driver's form.
func (d *mysqlDSN) format() string {
	var b strings.Builder
	if d.user != "" {
		b.WriteString(d.user)
		if d.passwd != "" {
			b.WriteByte(':')
			b.WriteString(d.passwd)
		}
		b.WriteByte('@')
	}
	switch {
	case d.addr != "":
		net := d.net
		if net == "" {
			net = "tcp"
		}
		b.WriteString(net + "(" + d.addr + ")")
	case d.net != "" && d.net != "tcp":
		b.WriteString(d.net)
	}
	b.WriteByte('/')
	b.WriteString(url.PathEscape(d.dbname))
	if d.params != "" {
		b.WriteByte('?')
		b.WriteString(d.params)
	}
	return b.String()
}

// withoutParam removes the parameter name from a DSN's parameters.
func withoutParam(params, name string) string {
	if params == "" {
		return ""
	}
	var keep []string
	for _, p := range strings.Split(params, "&") {
		if k, _, _ := strings.Cut(p, "="); k != name {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "&")
}
