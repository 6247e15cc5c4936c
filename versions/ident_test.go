package versions

import (
	"errors"
	"testing"
)

func TestParseIdentifier(t *testing.T) {
	tests := []struct {
		in   string
		want Identifier
		err  bool
	}{
		{in: "head", want: Identifier{Raw: "head", Symbol: "head"}},
		{in: " heads ", want: Identifier{Raw: "heads", Symbol: "heads"}},
		{in: "ae10", want: Identifier{Raw: "ae10", Symbol: "ae10"}},
		{in: "net@head", want: Identifier{Raw: "net@head", Branch: "net", Symbol: "head"}},
		{in: "net@ae10", want: Identifier{Raw: "net@ae10", Branch: "net", Symbol: "ae10"}},
		{in: "+2", want: Identifier{Raw: "+2", Relative: true, Steps: 2}},
		{in: "-1", want: Identifier{Raw: "-1", Relative: true, Steps: -1}},
		{in: "head-1", want: Identifier{Raw: "head-1", Symbol: "head", Relative: true, Steps: -1}},
		{in: "base+2", want: Identifier{Raw: "base+2", Symbol: "base", Relative: true, Steps: 2}},
		{in: "ae10+3", want: Identifier{Raw: "ae10+3", Symbol: "ae10", Relative: true, Steps: 3}},
		{in: "net@+1", want: Identifier{Raw: "net@+1", Branch: "net", Relative: true, Steps: 1}},
		{in: "net@-2", want: Identifier{Raw: "net@-2", Branch: "net", Relative: true, Steps: -2}},
		{in: "net@head-2", want: Identifier{Raw: "net@head-2", Branch: "net", Symbol: "head", Relative: true, Steps: -2}},
		{in: "my-branch@head", want: Identifier{Raw: "my-branch@head", Branch: "my-branch", Symbol: "head"}},
		{in: "", err: true},
		{in: "@head", err: true},
		{in: "net@", err: true},
		{in: "a@b@c", err: true},
		{in: "a:b", err: true},
		{in: "+99999999999999999999", err: true},
	}
	for _, tt := range tests {
		got, err := ParseIdentifier(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("ParseIdentifier(%q) err = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && got != tt.want {
			t.Errorf("ParseIdentifier(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if err == nil && got.String() != got.Raw {
			t.Errorf("String() = %q, want %q", got.String(), got.Raw)
		}
	}
}

func TestParseRange(t *testing.T) {
	for in, want := range map[string]Range{
		"a:b": {"a", "b"}, "a:": {"a", ""}, ":b": {"", "b"}, ":": {}, "current:heads": {"current", "heads"},
	} {
		got, err := ParseRange(in)
		if err != nil || got != want {
			t.Errorf("ParseRange(%q) = %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{"ab", "a:b:c", "@x:b"} {
		if _, err := ParseRange(in); err == nil {
			t.Errorf("ParseRange(%q) accepted", in)
		}
	}
	_, err := ParseRange("abc")
	if err == nil || err.Error() != "History range requires [start]:[end], [start]:, or :[end]" {
		t.Errorf("err = %v", err)
	}
}

// identGraph: a base line a1 -> a2 (branch point) -> {b1 -> b2 (label
// feat), c1 -> c2}, and a second root x1 -> x2 labelled "other".
var identGraph = []string{
	"a1111", "a2222 <a1111",
	"b1111 <a2222 #feat", "b2222 <b1111",
	"c1111 <a2222", "c2222 <c1111",
	"x1111 #other", "x2222 <x1111",
}

func TestResolve(t *testing.T) {
	g := mkGraph(t, identGraph...)
	tests := []struct {
		in      string
		current []string
		want    string
	}{
		{"heads", nil, "b2222 c2222 x2222"},
		{"base", nil, ""},
		{"a1111", nil, "a1111"},
		{"a1", nil, "a1111"},
		{"b2", nil, "b2222"},
		{"feat", nil, "b1111"},
		{"other", nil, "x1111"},
		{"feat@head", nil, "b2222"},
		{"feat@heads", nil, "b2222"},
		{"b1111@head", nil, "b2222"},
		{"c1111@head", nil, "c2222"},
		{"other@head", nil, "x2222"},
		{"other@base", nil, ""},
		{"feat@b2", nil, "b2222"},
		{"feat@a1111", nil, "a1111"},
		{"a1111@heads", nil, "b2222 c2222"},
		{"current", []string{"b1111", "x2222"}, "b1111 x2222"},
		{"current", nil, ""},
		{"b2222-1", nil, "b1111"},
		{"b2222-2", nil, "a2222"},
		{"a1111-1", nil, "a1111-1=base"},
		{"feat@head-1", nil, "b1111"},
		{"a1111+1", nil, "a2222"},
		{"feat@a2222+1", nil, "b1111"},
		{"c1111@a2222+2", nil, "c2222"},
		{"other@base+2", nil, "x2222"},
		{"+1", []string{"b1111"}, "b2222"},
		{"+2", []string{"a1111"}, "ambiguous"},
		{"feat@+2", []string{"a1111"}, "b1111"},
		{"other@+1", []string{"b2222"}, "x1111"},
		{"-1", []string{"b2222"}, "b1111"},
		{"-2", []string{"a2222"}, "-2=base"},
		{"feat@-1", []string{"b2222", "c2222"}, "b1111"},
	}
	for _, tt := range tests {
		got, err := g.Resolve(tt.in, tt.current)
		s := ids(got)
		if err != nil {
			var re *ResolutionError
			if errors.As(err, &re) && re.Kind == ErrAmbiguousWalk {
				s = "ambiguous"
			} else {
				t.Errorf("Resolve(%q, %v): %v", tt.in, tt.current, err)
				continue
			}
		}
		if s == "" && len(tt.want) > 0 && tt.want[len(tt.want)-4:] == "base" {
			s = tt.in + "=base"
		}
		if s != tt.want {
			t.Errorf("Resolve(%q, %v) = %q, want %q", tt.in, tt.current, s, tt.want)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	g := mkGraph(t, identGraph...)
	tests := []struct {
		in      string
		current []string
		kind    ResolutionErrorKind
		msg     string
	}{
		{"head", nil, ErrMultipleHeads, "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads"},
		{"a1111@head", nil, ErrMultipleHeads, "Multiple heads are present for given argument 'a1111@head'; b2222, c2222"},
		{"zz", nil, ErrNotFound, "No such revision or branch 'zz'; please ensure at least four characters are present for partial revision identifier matches"},
		{"zzzzz", nil, ErrNotFound, "No such revision or branch 'zzzzz'"},
		{"a", nil, ErrAmbiguous, "Multiple revisions start with 'a': 'a1111', 'a2222'..."},
		{"feat@c2222", nil, ErrNotOnBranch, "Revision c2222 is not a member of branch 'feat'"},
		{"nope@head", nil, ErrNoSuchBranch, "No such branch: 'nope'"},
		{"a2222+1", nil, ErrAmbiguousWalk, "Ambiguous walk: a2222 has several children (it is a branch point): b1111, c1111; name a branch, as in <branch>@a2222+1"},
		{"base+1", nil, ErrAmbiguousWalk, "Ambiguous walk: base has several bases: a1111, x1111; name a branch, as in <branch>@base+1"},
		{"b2222+1", nil, ErrWalkedTooFar, "Walked too far: 'b2222+1' goes past the head"},
		{"a1111-2", nil, ErrWalkedTooFar, "Walked too far: 'a1111-2' goes past base"},
		{"+1", []string{"b2222"}, ErrWalkedTooFar, "Relative revision +1 didn't produce 1 migrations: the database is at a head (b2222), nothing lies above it"},
		{"+1", []string{"b2222", "c2222"}, ErrAmbiguousWalk, "Ambiguous upgrade from multiple current revisions"},
		{"-3", []string{"a2222"}, ErrWalkedTooFar, "Relative revision -3 didn't produce 3 migrations: fewer than 3 revision(s) lie below a2222"},
		{"-1", nil, ErrWalkedTooFar, "Relative revision -1 didn't produce 1 migrations: the database is at base"},
		{"-1", []string{"b2222", "c2222"}, ErrAmbiguousWalk, "downgrade -1 from multiple heads is ambiguous (current heads: b2222, c2222); specify <branch>@-1 or a revision"},
		{"current", []string{"gone"}, ErrNotFound, "Can't locate revision identified by 'gone'"},
		{"@x", nil, ErrSyntax, "Invalid revision identifier '@x': the branch name before '@' is empty"},
	}
	for _, tt := range tests {
		_, err := g.Resolve(tt.in, tt.current)
		var re *ResolutionError
		if !errors.As(err, &re) {
			t.Errorf("Resolve(%q, %v) err = %v, want a *ResolutionError", tt.in, tt.current, err)
			continue
		}
		if re.Kind != tt.kind || re.Error() != tt.msg {
			t.Errorf("Resolve(%q, %v)\n got: %v %s\nwant: %v %s", tt.in, tt.current, re.Kind, re.Error(), tt.kind, tt.msg)
		}
	}
	if _, err := g.ResolveOne("heads", nil); err == nil {
		t.Error("ResolveOne(heads) with three heads accepted")
	}
	if r, err := g.ResolveOne("base", nil); err != nil || r != nil {
		t.Errorf("ResolveOne(base) = %v, %v", r, err)
	}
}

func TestResolveSingleHead(t *testing.T) {
	g := mkGraph(t, "aaaa", "bbbb <aaaa", "cccc <bbbb")
	for in, want := range map[string]string{"head": "cccc", "head-1": "bbbb", "base+1": "aaaa", "base+3": "cccc", "heads": "cccc"} {
		got, err := g.ResolveOne(in, nil)
		if err != nil || got.ID != want {
			t.Errorf("ResolveOne(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
}
