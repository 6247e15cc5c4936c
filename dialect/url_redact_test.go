package dialect

import "testing"

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://postgres:postgres@127.0.0.1:5432/app?sslmode=disable",
			"postgres://postgres:xxxxx@127.0.0.1:5432/app?sslmode=disable"},
		{"postgres://u@h/db?sslmode=disable&password=s3cr3t&sslpassword=k",
			"postgres://u@h/db?sslmode=disable&password=xxxxx&sslpassword=xxxxx"},
		{"postgresql://u:e@h/db?application_name=e", "postgresql://u:xxxxx@h/db?application_name=e"},
		{"mysql://root:pw@h:3306/db?parseTime=true", "mysql://root:xxxxx@h:3306/db?parseTime=true"},
		{"root:pw@tcp(h:3306)/db", "root:xxxxx@tcp(h:3306)/db"},
		{"sqlite:app.db", "sqlite:app.db"},
		{"sqlite:app.db?password=x", "sqlite:app.db?password=xxxxx"},
		{"nope://u:pw@h/db?pass=x", "nope://u:xxxxx@h/db?pass=xxxxx"},
		{"postgres://u:p@ss@h/db", "postgres://u:xxxxx@h/db"},
	}
	for _, tt := range tests {
		if got := RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsPasswordParam(t *testing.T) {
	for name, want := range map[string]bool{
		"password": true, "PASSWORD": true, "pass": true, "passwd": true, "pwd": true,
		"sslpassword": true, "pgpassword": true, "db_password": true,
		"passport": false, "user": false, "sslmode": false, "passfile": false, "": false,
	} {
		if got := IsPasswordParam(name); got != want {
			t.Errorf("IsPasswordParam(%q) = %v, want %v", name, got, want)
		}
	}
}
