package dialect

import (
	"strings"
	"testing"
)

// TestClusterProblem: on a Galera node, tables of another engine than
// InnoDB are refused; elsewhere, and for other statements, nothing is.
func TestClusterProblem(t *testing.T) {
	galera := newMySQL(true, mariadbDefaultVersion)
	galera.galeraNodes = 3
	standalone := newMySQL(true, mariadbDefaultVersion)
	tests := []struct {
		stmt   string
		engine string // "" when the statement may run
	}{
		{"CREATE TABLE t (a int) ENGINE=MyISAM", "MyISAM"},
		{"create table if not exists `t` (a int)\n  engine = Aria DEFAULT CHARSET=utf8mb4", "Aria"},
		{"CREATE TEMPORARY TABLE t (a int) ENGINE MEMORY", "MEMORY"},
		{"ALTER TABLE t ENGINE='MyISAM'", "MyISAM"},
		{"-- a comment\nALTER TABLE t FORCE, ENGINE=MyISAM", "MyISAM"},
		{"CREATE TABLE t (a int) ENGINE=InnoDB", ""},
		{"CREATE TABLE t (a int) engine=innodb", ""},
		{"CREATE TABLE t (a int)", ""},
		{"CREATE TABLE t (a int) /* ENGINE=MyISAM */", ""},
		{"INSERT INTO notes (body) VALUES ('CREATE TABLE x (a int) ENGINE=MyISAM')", ""},
		{"CREATE INDEX ix ON t (a)", ""},
	}
	for _, tt := range tests {
		feature, hint := galera.ClusterProblem(tt.stmt)
		if tt.engine == "" {
			if feature != "" {
				t.Errorf("%q: refused on Galera: %s", tt.stmt, feature)
			}
		} else if feature != "ENGINE="+tt.engine+" on a Galera cluster" || !strings.Contains(hint, "use ENGINE=InnoDB") {
			t.Errorf("%q: feature %q, hint %q; want ENGINE=%s refused", tt.stmt, feature, hint, tt.engine)
		}
		if f, _ := standalone.ClusterProblem(tt.stmt); f != "" {
			t.Errorf("%q: refused on a server that is not a cluster node: %s", tt.stmt, f)
		}
	}
}

// TestLockMethodNames: the names of the lock methods read back.
func TestLockMethodNames(t *testing.T) {
	for _, tt := range []struct {
		name string
		want LockMethod
		ok   bool
	}{{"", LockAuto, true}, {"auto", LockAuto, true}, {"Table", LockTable, true}, {" table ", LockTable, true}, {"advisory", 0, false}} {
		got, ok := ParseLockMethod(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseLockMethod(%q) = %v, %t; want %v, %t", tt.name, got, ok, tt.want, tt.ok)
		}
		if ok && strings.TrimSpace(strings.ToLower(tt.name)) != "" && got.String() != strings.TrimSpace(strings.ToLower(tt.name)) {
			t.Errorf("%v.String() = %q", got, got.String())
		}
	}
}
