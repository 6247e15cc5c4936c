package scriptdir

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/migratego/migrate/versions"
)

func goRevisionSource(t *testing.T, id string, revises ...string) string {
	t.Helper()
	out, err := RenderGoFile(GoFile{Revision: &versions.Revision{ID: id, Revises: revises}})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func sqlRevisionSource(id string, revises ...string) string {
	return "-- migrate:id " + id + "\n-- migrate:revises " + strings.Join(revises, " ") + "\n-- migrate:upgrade\nSELECT 1;\n"
}

func TestLoad(t *testing.T) {
	first := goRevisionSource(t, "aaa")
	a := fstest.MapFS{
		"b_second.sql":  {Data: []byte(sqlRevisionSource("bbb", "aaa"))},
		"a_first.go":    {Data: []byte(first)},
		"zz.SQL":        {Data: []byte(sqlRevisionSource("zzz", "bbb"))},
		"README.md":     {Data: []byte("# notes")},
		".hidden.sql":   {Data: []byte("garbage")},
		"_draft.sql":    {Data: []byte("garbage")},
		"a_test.go":     {Data: []byte("garbage")},
		"helpers.go":    {Data: []byte("package versions\n\nfunc helper() {}\n")},
		"doc.go":        {Data: []byte("// Package versions holds revisions.\npackage versions\n")},
		"sub/c.sql":     {Data: []byte("garbage")},
		"dir.sql/x.sql": {Data: []byte("garbage")},
	}
	b := fstest.MapFS{"0_other.sql": {Data: []byte(sqlRevisionSource("ccc"))}}
	revs, err := Load([]Location{{FS: a, Path: "migrations/versions"}, {FS: b}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range revs {
		got = append(got, r.ID+"@"+r.Path+"/"+r.Kind)
	}
	want := "aaa@migrations/versions/a_first.go/go bbb@migrations/versions/b_second.sql/sql zzz@migrations/versions/zz.SQL/sql ccc@0_other.sql/sql"
	if strings.Join(got, " ") != want {
		t.Fatalf("load order:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	sum := sha256.Sum256([]byte(first))
	if revs[0].Checksum != hex.EncodeToString(sum[:]) {
		t.Fatalf("checksum = %s", revs[0].Checksum)
	}
	if revs[1].SQL == nil || revs[1].SQL.Upgrade != "SELECT 1;\n" {
		t.Fatalf("script = %+v", revs[1].SQL)
	}
}

func TestLoadReportsEveryBadFile(t *testing.T) {
	loc := fstest.MapFS{
		"1_good.sql":  {Data: []byte(sqlRevisionSource("good"))},
		"2_bad.sql":   {Data: []byte("-- migrate:id x\n-- migrate:oops\n-- migrate:upgrade\n")},
		"3_bad.go":    {Data: []byte("package versions\n\nimport \"github.com/migratego/migrate/runner\"\n\nfunc init() { runner.Register(&runner.Revision{Message: \"m\"}) }\n")},
		"4_broken.go": {Data: []byte("package versions\nfunc {")},
	}
	revs, err := Load([]Location{{FS: loc, Path: "v"}})
	if len(revs) != 1 || revs[0].ID != "good" {
		t.Fatalf("good revisions = %v", revs)
	}
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		`v/2_bad.sql:2: unknown directive "-- migrate:oops"`,
		"v/3_bad.go:5: the runner.Revision literal has no ID field",
		"v/4_broken.go:2: syntax error",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("errors.As(*FileError) failed on %v", err)
	}
}

func TestLoadDirAndWrite(t *testing.T) {
	dir := t.TempDir()
	rev := &versions.Revision{ID: "d1e2f3a4b5c6", Message: "Add orders", CreateDate: "2024-05-01 12:00:00"}
	name, err := FileName("", rev, ".sql", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	src, err := RenderSQLFile(SQLFile{Revision: rev})
	if err != nil {
		t.Fatal(err)
	}
	p, err := WriteNewFile(dir, name, src)
	if err != nil {
		t.Fatal(err)
	}
	if p != filepath.Join(dir, "d1e2f3a4b5c6_add_orders.sql") {
		t.Fatalf("path = %s", p)
	}
	if _, err := WriteNewFile(dir, name, []byte("other")); err == nil || !strings.Contains(err.Error(), "already exists and is not overwritten") {
		t.Fatalf("second write: %v", err)
	}
	if _, err := WriteNewFile(dir, "../x.sql", src); err == nil {
		t.Fatal("a path was accepted as a file name")
	}
	revs, err := Load([]Location{DirLocation(dir)})
	if err != nil || len(revs) != 1 || revs[0].ID != rev.ID || revs[0].Path != p {
		t.Fatalf("load: %v, %v", revs, err)
	}
	if _, err := Load([]Location{DirLocation(filepath.Join(dir, "missing"))}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("missing directory: %v", err)
	}
	if _, err := Load([]Location{{Path: "nowhere"}}); err == nil {
		t.Fatal("a location without a file system was accepted")
	}
}

func TestParseRevisionFileExtension(t *testing.T) {
	if _, err := ParseRevisionFile("notes.txt", nil); err == nil || !strings.Contains(err.Error(), "notes.txt: not a revision file") {
		t.Fatalf("err = %v", err)
	}
}

func TestGoPackageName(t *testing.T) {
	loc := Location{FS: fstest.MapFS{
		"a.sql":      {Data: []byte("-- migrate:id a\n-- migrate:upgrade\n")},
		"a_test.go":  {Data: []byte("package other_test\n")},
		"b.go":       {Data: []byte("// Doc.\npackage migrations\n\nfunc x() {}\n")},
		"c.go":       {Data: []byte("package ignored\n")},
		".hidden.go": {Data: []byte("package hidden\n")},
	}, Path: "v"}
	if name, err := GoPackageName(loc); err != nil || name != "migrations" {
		t.Fatalf("GoPackageName = %q, %v", name, err)
	}
	if name, err := GoPackageName(Location{FS: fstest.MapFS{}}); err != nil || name != "" {
		t.Fatalf("empty location: %q, %v", name, err)
	}
	if _, err := GoPackageName(Location{FS: fstest.MapFS{"x.go": {Data: []byte("func")}}, Path: "v"}); err == nil || !strings.HasPrefix(err.Error(), "v/x.go: package clause") {
		t.Fatalf("bad file: %v", err)
	}
}

// mapHeaderCache is a HeaderCache holding revisions by file name.
type mapHeaderCache struct {
	held   map[string]*Script // nil value: no revision
	parsed map[string]*Script
}

func (c *mapHeaderCache) Lookup(name string) (*Script, bool) {
	r, ok := c.held[name]
	return r, ok
}

func (c *mapHeaderCache) Parsed(name string, rev *Script) { c.parsed[name] = rev }

func TestLoadHeaderCache(t *testing.T) {
	fsys := fstest.MapFS{
		"a.sql":      {Data: []byte("garbage: never read")},
		"b.sql":      {Data: []byte(sqlRevisionSource("bbb", "aaa"))},
		"c.sql":      {Data: []byte("-- migrate:id ccc\n-- migrate:frobnicate\n")},
		"d.sql":      {Data: []byte(sqlRevisionSource("ddd", "bbb"))},
		"helpers.go": {Data: []byte("package versions\n")},
		"old.go":     {Data: []byte("garbage: never read")},
	}
	cache := &mapHeaderCache{
		held: map[string]*Script{
			"a.sql":  {Revision: &versions.Revision{ID: "aaa", Message: "from the cache"}, Kind: KindSQL},
			"old.go": nil,
		},
		parsed: map[string]*Script{},
	}
	revs, err := Load([]Location{{FS: fsys, Path: "v", Cache: cache}})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != "v/c.sql" {
		t.Fatalf("Load error %v, want the error of v/c.sql", err)
	}
	var ids, paths []string
	for _, r := range revs {
		ids, paths = append(ids, r.ID), append(paths, r.Path)
	}
	if got := strings.Join(ids, " "); got != "aaa bbb ddd" {
		t.Errorf("ids %s, want aaa bbb ddd (load order)", got)
	}
	if got := strings.Join(paths, " "); got != "v/a.sql v/b.sql v/d.sql" {
		t.Errorf("paths %s", got)
	}
	if revs[0].Message != "from the cache" {
		t.Errorf("a.sql: message %q, want the cached one", revs[0].Message)
	}
	if len(cache.parsed) != 3 || cache.parsed["b.sql"] == nil || cache.parsed["d.sql"] == nil {
		t.Errorf("Parsed got %v, want b.sql, d.sql and helpers.go (no revision)", cache.parsed)
	}
	if r, ok := cache.parsed["helpers.go"]; !ok || r != nil {
		t.Errorf("helpers.go: Parsed(%v, %v), want nil revision", r, ok)
	}
}
