package runnerbuild

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// envScanCases are env.go files and what scanEnvFile must find in them.
var envScanCases = []struct {
	name, src       string
	target, rewrite bool
}{
	{"target", "package m\n\nimport \"x/model\"\n\nfunc Target() *model.MetaData { return &model.MetaData{} }\n", true, false},
	{"target and rewrite", "package m\n\nfunc Target() *M { return nil }\n\nfunc Rewrite(up []Op) ([]Op, error) {\n\treturn up, nil\n}\n", true, true},
	{"named results", "package m\n\nfunc Rewrite(up []Op) (out []Op, err error) { return }\n", false, true},
	{"wrong arity", "package m\n\nfunc Target(x int) *M { return nil }\nfunc Rewrite(up []Op) []Op { return up }\n", false, false},
	{"method", "package m\n\ntype T struct{}\n\nfunc (T) Target() *M { return nil }\n", false, false},
	{"generic", "package m\n\nfunc Target[T any]() *T { return nil }\n", false, false},
	{"struct result", "package m\n\nfunc Target() struct{ A int } { return struct{ A int }{} }\n", true, false},
	{"func result", "package m\n\nfunc Target() func() int { return nil }\n", true, false},
	{"in comments and strings", "package m\n\n// func Target() *M {\n/* func Rewrite(a A) (B, C) { */\nvar s = \"func Target() *M {\"\nvar r = `func Target() *M {`\nvar c = '{'\n", false, false},
	{"func type and literal", "package m\n\ntype Target func() int\n\nvar f = func() Target { return nil }\n\nfunc Target2() int { return 0 }\n", false, false},
	{"func type before the decl", "package m\n\ntype F func() *M\nfunc Target() *M { return nil }\n", true, false},
	{"body-less decl", "package m\n\nfunc Target() *M\n\nvar x = 1\n\nfunc f() {}\n", true, false},
	{"var of func", "package m\n\nvar Target = func() *M { return nil }\n", false, false},
	{"big body", "package m\n\nfunc Target() *M {\n\tm := &M{}\n" + strings.Repeat("\tm.Add(&T{Name: \"t}\", Cols: []C{{\"a\"}, {`b{`}}, R: '}'})\n", 500) + "\treturn m\n}\n", true, false},
}

// TestScanEnvFile: the headers-only scan finds what a whole parse finds.
func TestScanEnvFile(t *testing.T) {
	for _, c := range envScanCases {
		t.Run(c.name, func(t *testing.T) {
			pkg, target, rewrite, err := scanEnvFile(token.NewFileSet(), "env.go", []byte(c.src))
			if err != nil || pkg != "m" || target != c.target || rewrite != c.rewrite {
				t.Fatalf("scanEnvFile = %q, %v, %v, %v; want m, %v, %v", pkg, target, rewrite, err, c.target, c.rewrite)
			}
		})
	}
}

// TestScanEnvFileSyntaxError: a file the lexer cannot follow is parsed
// whole, and the parser's error is returned.
func TestScanEnvFileSyntaxError(t *testing.T) {
	for _, src := range []string{
		"package m\n\nfunc Target() *M {\n",
		"package m\n\nvar s = \"open\n",
		"package m\n\nfunc Target() *M { return nil }}\n",
		"package m\n\n/* open\n",
		"package\n",
	} {
		if _, _, _, err := scanEnvFile(token.NewFileSet(), "env.go", []byte(src)); err == nil {
			t.Errorf("scanEnvFile(%q): want a syntax error", src)
		}
	}
}

// TestScanEnvPackage reads a directory: a main package is no env package.
func TestScanEnvPackage(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("env.go", envScanCases[0].src)
	write("hooks.go", "package m\n\nfunc Rewrite(up []Op) ([]Op, error) { return up, nil }\n")
	write("env_test.go", "package m\n\nfunc broken(\n")
	env, err := scanEnvPackage(dir)
	if err != nil || env != (envFuncs{hasGo: true, target: true, rewrite: true}) {
		t.Fatalf("scanEnvPackage = %+v, %v", env, err)
	}
	write("main.go", "package main\n\nfunc main() {}\n")
	if env, err := scanEnvPackage(filepath.Join(dir)); err != nil || env != (envFuncs{}) {
		t.Fatalf("with package main: %+v, %v", env, err)
	}
}

// FuzzScanEnvFile: on every file that parses, the scan agrees with the
// declarations of the whole parse.
func FuzzScanEnvFile(f *testing.F) {
	for _, c := range envScanCases {
		f.Add(c.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		whole, err := parser.ParseFile(token.NewFileSet(), "env.go", src, parser.SkipObjectResolution)
		if err != nil {
			return
		}
		target, rewrite := envDecls(whole.Decls)
		pkg, gotTarget, gotRewrite, err := scanEnvFile(token.NewFileSet(), "env.go", []byte(src))
		if err != nil || pkg != whole.Name.Name || gotTarget != target || gotRewrite != rewrite {
			t.Fatalf("scanEnvFile = %q, %v, %v, %v; the parser says %q, %v, %v", pkg, gotTarget, gotRewrite, err, whole.Name.Name, target, rewrite)
		}
	})
}
