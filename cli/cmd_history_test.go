package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// revGraphProjects build the projects whose outputs are checked against
// golden files: each step is one `migrate revision` or `migrate merge`.
var revGraphProjects = []struct {
	name  string
	build func(p *testProject)
}{
	{"linear", func(p *testProject) {
		p.rev("a1", "create users")
		p.rev("a2", "add email")
		p.rev("a3", "index email")
	}},
	{"branch_labels", func(p *testProject) {
		p.rev("base1", "create users")
		p.rev("ord1", "create orders")
		p.rev("aud1", "audit log", "--head", "base1", "--splice", "--branch-label", "audit")
		p.rev("aud2", "audit index", "--head", "audit@head")
	}},
	{"merge_two", func(p *testProject) {
		p.rev("base1", "create users")
		p.rev("ord1", "create orders")
		p.rev("aud1", "audit log", "--head", "base1", "--splice", "--branch-label", "audit")
		p.ok("merge", "heads", "-m", "merge audit", "--rev-id", "m1")
		p.rev("after", "after merge")
	}},
	{"merge_three", func(p *testProject) {
		p.rev("base1", "create users")
		p.rev("b", "orders")
		p.rev("c", "payments", "--head", "base1", "--splice")
		p.rev("d", "shipping", "--head", "base1", "--splice", "--branch-label", "ship")
		p.ok("merge", "heads", "-m", "merge all three", "--rev-id", "m3")
	}},
	{"depends_on", func(p *testProject) {
		p.rev("a1", "create users")
		p.rev("a2", "add email")
		p.rev("x1", "reporting schema", "--head", "base", "--branch-label", "reports")
		p.rev("x2", "reports on users", "--head", "reports@head", "--depends-on", "a1")
		p.rev("x3", "reports need email", "--head", "reports@head", "--depends-on", "a2")
	}},
	{"multiple_bases", func(p *testProject) {
		p.rev("a1", "create users")
		p.rev("a2", "add email")
		p.rev("s1", "second base", "--head", "base", "--branch-label", "second")
		p.rev("s2", "second line", "--head", "second@head")
	}},
}

// revGraphCommands are run on every project; their outputs make the
// golden file.
var revGraphCommands = [][]string{
	{"history"},
	{"history", "-v"},
	{"history", "--graph"},
	{"history", "--format", "dot"},
	{"history", "--format", "mermaid"},
	{"heads"},
	{"heads", "--resolve-dependencies"},
	{"heads", "-v"},
	{"branches"},
	{"branches", "-v"},
	{"show", "heads"},
}

func TestRevisionGraphGolden(t *testing.T) {
	for _, tc := range revGraphProjects {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newProject(t)
			tc.build(p)
			var b strings.Builder
			for _, args := range revGraphCommands {
				fmt.Fprintf(&b, "$ migrate %s\n", strings.Join(args, " "))
				b.WriteString(p.ok(args...))
			}
			checkGolden(t, tc.name, stable(b.String()))
		})
	}
}

func TestHistoryRanges(t *testing.T) {
	p := newProject(t)
	revGraphProjects[2].build(p) // merge_two
	tests := []struct {
		rng  string
		want []string
	}{
		{"base:heads", []string{"after", "m1", "aud1", "ord1", "base1"}},
		{"ord1:m1", []string{"m1", "ord1"}},
		{"base1:ord1", []string{"ord1", "base1"}},
		{"m1:", []string{"after", "m1"}},
		{":base1", []string{"base1"}},
		{":audit@head", []string{"after", "m1", "aud1", "ord1", "base1"}},
		{"aud1:audit@head", []string{"after", "m1", "aud1"}},
	}
	for _, tt := range tests {
		out := p.ok("history", "-r", tt.rng)
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			_, rest, _ := strings.Cut(line, " -> ")
			id, _, _ := strings.Cut(rest, " ")
			got = append(got, strings.TrimSuffix(id, ","))
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("history -r %s = %v, want %v\n%s", tt.rng, got, tt.want, out)
		}
	}
}

func TestRevisionGraphJSON(t *testing.T) {
	p := newProject(t)
	revGraphProjects[4].build(p) // depends_on

	var heads versions.HeadsJSON
	decode(t, p.ok("heads", "--json"), &heads)
	if len(heads.Heads) != 2 || heads.Heads[0].ID != "a2" || !heads.Heads[0].EffectiveHead || heads.Heads[0].Head ||
		heads.Heads[1].ID != "x3" || !heads.Heads[1].Head {
		t.Errorf("heads --json: %+v", heads)
	}
	var hist versions.RevisionsJSON
	decode(t, p.ok("history", "--json"), &hist)
	if len(hist.Revisions) != 5 || hist.Revisions[0].ID != "x3" {
		t.Fatalf("history --json: %+v", hist)
	}
	if r := hist.Revisions[0]; strings.Join(r.DependsOn, ",") != "a2" || strings.Join(r.BranchLabels, ",") != "reports" || r.Kind != "go" {
		t.Errorf("history --json x3: %+v", r)
	}
	var show versions.RevisionsJSON
	decode(t, p.ok("show", "x2", "--json"), &show)
	if len(show.Revisions) != 1 || show.Revisions[0].Path != "migrations/versions/x2_reports_on_users.go" ||
		strings.Join(show.Revisions[0].Revises, ",") != "x1" {
		t.Errorf("show --json: %+v", show)
	}
	var br versions.BranchesJSON
	decode(t, p.ok("branches", "--json"), &br)
	if len(br.Branches) != 0 {
		t.Errorf("branches --json: %+v", br)
	}

	q := newProject(t)
	revGraphProjects[1].build(q) // branch_labels
	decode(t, q.ok("branches", "--json"), &br)
	if len(br.Branches) != 1 || br.Branches[0].ID != "base1" || len(br.Branches[0].Branches) != 2 ||
		br.Branches[0].Branches[0].ID != "aud1" {
		t.Errorf("branches --json: %+v", br)
	}
	var rev scriptdir.GeneratedJSON
	decode(t, q.ok("revision", "-m", "json please", "--json", "--rev-id", "j1", "--head", "ord1"), &rev)
	if rev.ID != "j1" || rev.Path != "migrations/versions/j1_json_please.go" || strings.Join(rev.Revises, ",") != "ord1" {
		t.Errorf("revision --json: %+v", rev)
	}
}

func decode(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
}
