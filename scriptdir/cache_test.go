package scriptdir

import (
	"slices"
	"testing"
)

func TestHeaderCacheEncoding(t *testing.T) {
	entries := []*headerEntry{
		{name: "a.go", st: fileStat{size: 1, mtime: -5, ctime: 7, ino: 9, dev: 3}, kind: headerNone},
		{name: "b.sql", st: fileStat{size: 10, mtime: 1e18, ctime: 2e18, ino: 1 << 40}, kind: headerSQL,
			id: "b", revises: []string{"a", "x"}, labels: []string{}, message: "ünïcode\nline", createDate: "2024-01-01 00:00:00",
			dialect: "postgres", nonTransactional: true},
		{name: "c.go", kind: headerGo, id: "c", dependsOn: []string{"b"}},
	}
	data := encodeHeaderCache(entries, "tool", "/loc")
	got, err := decodeHeaderCache(data, "tool", "/loc")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(entries) {
		t.Fatalf("decoded %d entries, want %d", len(got), len(entries))
	}
	for _, e := range entries {
		g := got[e.name]
		if g == nil || g.st != e.st || g.kind != e.kind || g.id != e.id || g.message != e.message ||
			g.createDate != e.createDate || g.dialect != e.dialect || g.nonTransactional != e.nonTransactional ||
			!slices.Equal(g.revises, e.revises) || (g.revises == nil) != (e.revises == nil) ||
			!slices.Equal(g.labels, e.labels) || (g.labels == nil) != (e.labels == nil) ||
			!slices.Equal(g.dependsOn, e.dependsOn) {
			t.Errorf("entry %s decoded as %+v, want %+v", e.name, g, e)
		}
	}
	for _, tt := range []struct {
		name, tool, loc string
		data            []byte
	}{
		{"other tool", "tool2", "/loc", data},
		{"other location", "tool", "/other", data},
		{"truncated", "tool", "/loc", data[:len(data)-1]},
		{"empty", "tool", "/loc", nil},
	} {
		if _, err := decodeHeaderCache(tt.data, tt.tool, tt.loc); err == nil {
			t.Errorf("%s: decoded without error", tt.name)
		}
	}
	// Every one-byte change is caught.
	for i := range data {
		bad := slices.Clone(data)
		bad[i] ^= 1
		if _, err := decodeHeaderCache(bad, "tool", "/loc"); err == nil {
			t.Fatalf("byte %d flipped: decoded without error", i)
		}
	}
}
