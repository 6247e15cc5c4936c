package dialect

import "testing"

func TestMask(t *testing.T) {
	tests := []struct {
		name string
		urls []string
		in   string
		want string
	}{
		// Only the password field of URLs and DSNs and password query
		// parameters are masked, never the password's text elsewhere
		// (issue 10 point 11): a password "postgres" or "e" must leave
		// the words containing it alone.
		{name: "user and password alike", urls: []string{"postgres://postgres:postgres@127.0.0.1:5432/db"},
			in:   "database:  postgres://postgres:postgres@127.0.0.1:5432/db\ndialect:   postgres",
			want: "database:  postgres://postgres:xxxxx@127.0.0.1:5432/db\ndialect:   postgres"},
		{name: "one-letter password", urls: []string{"mysql://root:e@h/db"},
			in: "the error here: mysql://root:e@h/db", want: "the error here: mysql://root:xxxxx@h/db"},
		{name: "bare password text is not a URL", urls: []string{"postgres://u:hunter2@h/db"},
			in: "auth failed for hunter2", want: "auth failed for hunter2"},
		{name: "escaped password in the known URL", urls: []string{"postgres://u:p%40ss%2Fword@h/db"},
			in: "connect to postgres://u:p%40ss%2Fword@h/db", want: "connect to postgres://u:xxxxx@h/db"},
		{name: "unescaped @ in the known URL", urls: []string{"postgres://u:p@ss@h/db"},
			in: "connect to postgres://u:p@ss@h/db: refused", want: "connect to postgres://u:xxxxx@h/db: refused"},
		{name: "known DSN", urls: []string{"root:t0p@tcp(h:3306)/db"},
			in: "dsn root:t0p@tcp(h:3306)/db; t0p", want: "dsn root:xxxxx@tcp(h:3306)/db; t0p"},
		{name: "password query parameter", in: "postgres://h/db?sslmode=disable&password=s3cr3t&application_name=x",
			want: "postgres://h/db?sslmode=disable&password=xxxxx&application_name=x"},
		{name: "password-ish parameters", in: "x://h/db?sslpassword=a&PGPASSWORD=b&pass=c&pwd=d&passport=e&user=f",
			want: "x://h/db?sslpassword=xxxxx&PGPASSWORD=xxxxx&pass=xxxxx&pwd=xxxxx&passport=e&user=f"},
		{name: "known URL with a password parameter", urls: []string{"postgres://u@h/db?password=pw1&sslmode=disable"},
			in: "postgres://u@h/db?password=pw1&sslmode=disable pw1", want: "postgres://u@h/db?password=xxxxx&sslmode=disable pw1"},
		{name: "parameter outside a query kept", in: "password=x in a sentence", want: "password=x in a sentence"},
		{name: "unknown URL by pattern", in: "connect mysql://a:zz9@h/db failed", want: "connect mysql://a:xxxxx@h/db failed"},
		{name: "unknown DSN by pattern", in: "dsn a:zz9@tcp(h)/db", want: "dsn a:xxxxx@tcp(h)/db"},
		{name: "documentation placeholder kept", in: "use postgres://user:pass@host/db", want: "use postgres://user:pass@host/db"},
		{name: "no password", urls: []string{"postgres://u@h/db", "sqlite:app.db"}, in: "postgres://u@h/db", want: "postgres://u@h/db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Masker{}
			for _, u := range tt.urls {
				m.AddURL(u)
			}
			if got := m.Mask(tt.in); got != tt.want {
				t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
