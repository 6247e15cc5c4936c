package versions

import "testing"

func FuzzParseIdentifier(f *testing.F) {
	for _, s := range []string{
		"head", "heads", "base", "current", "ae10", "net@head", "net@heads", "net@base", "net@ae10",
		"+1", "-1", "head-1", "base+2", "ae10+3", "net@+1", "net@-2", "net@head-2", "a:b", ":b", "a:",
		"", "@", "@@", "a@", "@a", "+", "-", "+-1", "-+1", "1-", "é@+1", "a@b@c-1", "+99999999999999999999",
		"x\x00y", "\xff", " head ", "a:b:c",
	} {
		f.Add(s)
	}
	g, err := NewGraph(mkRevs(identGraph...))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseIdentifier(s)
		if err == nil {
			if _, err := ParseIdentifier(id.String()); err != nil {
				t.Errorf("canonical form %q of %q does not parse: %v", id.String(), s, err)
			}
		}
		_, _ = ParseRange(s)
		_, _ = g.Resolve(s, []string{"b1111"})
		_, _ = g.PlanUpgrade([]string{"a2222"}, s)
		_, _ = g.PlanDowngrade([]string{"b2222", "c2222"}, s)
		_, _ = g.PlanStamp([]string{"b2222"}, []string{s}, false)
		_, _ = g.History(s, []string{"b1111"})
	})
}
