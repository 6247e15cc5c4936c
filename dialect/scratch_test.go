package dialect

import "testing"

func TestURLWithDatabase(t *testing.T) {
	cases := []struct {
		in, dsn, redacted string
	}{
		{"postgres://u:secret@h:5432/app?sslmode=disable&search_path=s", "postgres://u:secret@h:5432/other?sslmode=disable&search_path=s", "postgres://u:xxxxx@h:5432/other?sslmode=disable&search_path=s"},
		{"postgresql://u@h/?dbname=app", "postgresql://u@h/other", "postgresql://u@h/other"},
		{"mysql://root:pw@127.0.0.1:3306/app?parseTime=true", "root:pw@tcp(127.0.0.1:3306)/other?parseTime=true", "root:xxxxx@tcp(127.0.0.1:3306)/other?parseTime=true"},
		{"root@tcp(h:3306)/app", "root@tcp(h:3306)/other", "root@tcp(h:3306)/other"},
	}
	for _, c := range cases {
		u, err := ParseURL(c.in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := u.WithDatabase("other")
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got.DSN != c.dsn || got.Redacted != c.redacted || got.Database != "other" || got.Dialect != u.Dialect {
			t.Errorf("%s: got DSN %q redacted %q database %q, want %q %q other", c.in, got.DSN, got.Redacted, got.Database, c.dsn, c.redacted)
		}
	}
	u, _ := ParseURL("sqlite:x.db")
	if _, err := u.WithDatabase("other"); err == nil {
		t.Error("sqlite: WithDatabase succeeded, want an error")
	}
	if m, ok := u.MemoryURL(); !ok || m != "sqlite::memory:" {
		t.Errorf("sqlite MemoryURL = %q, %v", m, ok)
	}
}
