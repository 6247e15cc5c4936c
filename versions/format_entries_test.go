package versions

import (
	"io"
	"strings"
	"testing"
)

func TestFormatterCurrentEntry(t *testing.T) {
	g, err := NewGraph([]*Revision{
		{ID: "a", Message: "base", Path: "versions/a.sql"},
		{ID: "b", Revises: []string{"a"}, Message: "left", BranchLabels: []string{"lb"}, CreateDate: "2026-01-02 03:04:05"},
		{ID: "c", Revises: []string{"a"}, Message: "right"},
		{ID: "d", Revises: []string{"b"}, DependsOn: []string{"c"}, Message: "top"},
	})
	if err != nil {
		t.Fatal(err)
	}
	f := &Formatter{Graph: g}
	tests := []struct {
		id      string
		verbose bool
		want    string
	}{
		{"a", false, "a\n"},
		{"b", false, "b (lb)\n"},
		{"c", false, "c (effective head)\n"},
		{"d", false, "d (head)\n"},
		{"a", true, "Rev: a\nParent: <base>\nPath: versions/a.sql\n\n    base\n\n    Revision ID: a\n    Revises: (base)\n\n"},
		{"b", true, "Rev: b (lb)\nParent: a\n\n    left\n\n    Revision ID: b\n    Revises: a\n    Create Date: 2026-01-02 03:04:05\n\n"},
		{"d", true, "Rev: d (head)\nParent: b\nAlso depends on: c\n\n    top\n\n    Revision ID: d\n    Revises: b\n\n"},
	}
	for _, tt := range tests {
		if got := f.CurrentEntry(g.Revision(tt.id), tt.verbose); got != tt.want {
			t.Errorf("%s verbose=%v: got %q, want %q", tt.id, tt.verbose, got, tt.want)
		}
	}
}

func TestFormatterBranchEntry(t *testing.T) {
	g, err := NewGraph([]*Revision{
		{ID: "a1", Message: "base"},
		{ID: "b", Revises: []string{"a1"}, Message: "left", BranchLabels: []string{"lb"}},
		{ID: "c", Revises: []string{"a1"}, Message: "right"},
	})
	if err != nil {
		t.Fatal(err)
	}
	f := &Formatter{Graph: g}
	a := g.Revision("a1")
	for _, verbose := range []bool{false, true} {
		head := f.HeadOnly(a, true, false, false, true)
		if verbose {
			head = f.LogEntry(a)
		}
		want := head + "\n"
		for _, c := range g.Children("a1") {
			want += "   -> " + f.HeadOnly(c, true, verbose, false, true) + "\n"
		}
		want += "\n"
		if got := f.BranchEntry(a, verbose); got != want {
			t.Errorf("verbose=%v: got %q, want %q", verbose, got, want)
		}
	}
	if got := f.BranchEntry(a, false); got != "a1 (branchpoint)\n   -> b (lb) (head)\n   -> c (head)\n\n" {
		t.Errorf("got %q", got)
	}
}

func TestFormatterWriteLists(t *testing.T) {
	g, err := NewGraph([]*Revision{
		{ID: "a1", Message: "base"},
		{ID: "b", Revises: []string{"a1"}, Message: "left", BranchLabels: []string{"lb"}},
		{ID: "c", Revises: []string{"a1"}, Message: "right"},
	})
	if err != nil {
		t.Fatal(err)
	}
	f := &Formatter{Graph: g}
	revs := []*Revision{g.Revision("c"), g.Revision("b")}
	for _, tt := range []struct {
		name  string
		write func(w io.Writer) error
		want  string
	}{
		{"history", func(w io.Writer) error { return f.WriteHistory(w, revs, false) },
			f.HeadOnly(revs[0], true, true, true, true) + "\n" + f.HeadOnly(revs[1], true, true, true, true) + "\n"},
		{"heads", func(w io.Writer) error { return f.WriteHeads(w, revs, false) }, "c (head)\nb (lb) (head)\n"},
		{"heads -v", func(w io.Writer) error { return f.WriteHeads(w, revs, true) }, f.LogEntry(revs[0]) + "\n" + f.LogEntry(revs[1]) + "\n"},
		{"show", func(w io.Writer) error { return f.WriteEntries(w, revs[:1]) }, f.LogEntry(revs[0]) + "\n"},
		{"branches", func(w io.Writer) error { return f.WriteBranches(w, []*Revision{g.Revision("a1")}, false) }, f.BranchEntry(g.Revision("a1"), false)},
	} {
		var b strings.Builder
		if err := tt.write(&b); err != nil || b.String() != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, b.String(), err, tt.want)
		}
	}
}

func TestFormatterWritePicture(t *testing.T) {
	g, err := NewGraph([]*Revision{{ID: "a1", Message: "base"}, {ID: "b", Revises: []string{"a1"}, Message: "next"}})
	if err != nil {
		t.Fatal(err)
	}
	f := &Formatter{Graph: g}
	revs := g.Walk()
	for _, tt := range []struct {
		format string
		write  func(w io.Writer) error
	}{
		{PictureText, func(w io.Writer) error {
			return g.DrawGraph(w, revs, func(r *Revision) string { return f.HeadOnly(r, true, true, false, true) })
		}},
		{PictureDot, func(w io.Writer) error { return g.WriteDot(w, revs, f.PictureLabel) }},
		{PictureMermaid, func(w io.Writer) error { return g.WriteMermaid(w, revs, f.PictureLabel) }},
	} {
		var got, want strings.Builder
		if err := f.WritePicture(&got, revs, tt.format); err != nil {
			t.Fatal(err)
		}
		if err := tt.write(&want); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() || got.Len() == 0 {
			t.Errorf("WritePicture(%s) = %q, want %q", tt.format, got.String(), want.String())
		}
	}
	if err := f.WritePicture(io.Discard, revs, "svg"); err == nil {
		t.Error("WritePicture(svg) draws")
	}
}
