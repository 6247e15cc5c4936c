package runnerbuild

import (
	"bytes"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
)

// envFuncs is what scanEnvPackage finds in the script directory.
type envFuncs struct {
	// hasGo: Go files of an importable package; target: func Target()
	// with one result; rewrite: func Rewrite with one parameter and two
	// results.
	hasGo, target, rewrite bool
}

// scanEnvPackage reports whether dir holds Go files of an importable
// package and which of the funcs migrate calls they declare.
func scanEnvPackage(dir string) (envFuncs, error) {
	var env envFuncs
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return env, nil
	}
	if err != nil {
		return env, userErrorf("script directory %s: %w", dir, err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.IsDir() || !GoSourceFile(e.Name()) {
			continue
		}
		file := filepath.Join(dir, e.Name())
		src, err := os.ReadFile(file)
		if err != nil {
			return envFuncs{}, userErrorf("read %s: %w", file, err)
		}
		pkg, target, rewrite, err := scanEnvFile(fset, file, src)
		if err != nil {
			return envFuncs{}, userErrorf("%w", err)
		}
		if pkg == "main" {
			return envFuncs{}, nil // not importable: not an env package
		}
		env.hasGo = true
		env.target = env.target || target
		env.rewrite = env.rewrite || rewrite
	}
	return env, nil
}

// scanEnvFile returns the package name of a Go file and whether it
// declares func Target() with one result and func Rewrite with one
// parameter and two results. The file is not parsed whole: an env.go
// written by `migrate inspect --format go` is megabytes of composite
// literals in Target's body, and parsing it would cost most of a cached
// command's time. The package clause and the headers of the top-level
// funcs whose header names Target or Rewrite are parsed; a file the
// lexer of topLevelFuncHeaders cannot follow, or a header that does not
// parse, is parsed whole, as before, so that the answer (or the syntax
// error) is the parser's.
func scanEnvFile(fset *token.FileSet, name string, src []byte) (pkg string, target, rewrite bool, err error) {
	f, err := parser.ParseFile(fset, name, src, parser.PackageClauseOnly)
	if err != nil {
		return "", false, false, err
	}
	headers, ok := topLevelFuncHeaders(src)
	var decls []ast.Decl
	for _, h := range headers {
		if !ok {
			break
		}
		if !bytes.Contains(h, []byte("Target")) && !bytes.Contains(h, []byte("Rewrite")) {
			continue
		}
		snippet := append(append([]byte("package p\n"), h...), "{}"...)
		hf, err := parser.ParseFile(token.NewFileSet(), name, snippet, parser.SkipObjectResolution)
		if err != nil || len(hf.Decls) != 1 {
			ok = false
			break
		}
		decls = append(decls, hf.Decls[0])
	}
	if !ok {
		whole, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return "", false, false, err
		}
		decls = whole.Decls
	}
	target, rewrite = envDecls(decls)
	return f.Name.Name, target, rewrite, nil
}

// envDecls reports whether decls declare func Target() with one result
// and func Rewrite with one parameter and two results (plain funcs, no
// receiver, no type parameters).
func envDecls(decls []ast.Decl) (target, rewrite bool) {
	for _, d := range decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Type.TypeParams != nil {
			continue
		}
		params, results := fd.Type.Params.NumFields(), fd.Type.Results.NumFields()
		switch {
		case fd.Name.Name == "Target" && params == 0 && results == 1:
			target = true
		case fd.Name.Name == "Rewrite" && params == 1 && results == 2:
			rewrite = true
		}
	}
	return target, rewrite
}

// topLevelFuncHeaders returns, for each `func` keyword outside brackets,
// comments and literals, the source from the keyword to the next `{`
// outside brackets: the header of a top-level func declaration (or of a
// func type or literal of a top-level declaration, which does not parse
// as a declaration). ok is false when the source is not lexically sound
// (an unterminated comment or literal, unbalanced brackets).
func topLevelFuncHeaders(src []byte) (headers [][]byte, ok bool) {
	depth, start := 0, -1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return headers, start < 0 && depth == 0
			}
			i += j
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := bytes.Index(src[i+2:], []byte("*/"))
			if j < 0 {
				return nil, false
			}
			i += 2 + j + 2
		case c == '`':
			j := bytes.IndexByte(src[i+1:], '`')
			if j < 0 {
				return nil, false
			}
			i += 1 + j + 1
		case c == '"' || c == '\'':
			j := quotedEnd(src, i)
			if j < 0 {
				return nil, false
			}
			i = j
		case c == '{' && depth == 0 && start >= 0:
			headers = append(headers, src[start:i])
			start = -1
			depth++
			i++
		case c == '(' || c == '[' || c == '{':
			depth++
			i++
		case c == ')' || c == ']' || c == '}':
			if depth--; depth < 0 {
				return nil, false
			}
			i++
		case wordByte(c):
			j := i
			for j < len(src) && wordByte(src[j]) {
				j++
			}
			if depth == 0 && start < 0 && string(src[i:j]) == "func" {
				start = i
			}
			i = j
		default:
			i++
		}
	}
	return headers, start < 0 && depth == 0
}

// quotedEnd returns the index after the interpreted string or rune
// literal that starts at src[i], or -1 when it is not terminated on its
// line.
func quotedEnd(src []byte, i int) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q:
			return j + 1
		case '\n':
			return -1
		}
	}
	return -1
}

// wordByte reports whether c can be part of an identifier, keyword or
// number (bytes of multi-byte UTF-8 characters included).
func wordByte(c byte) bool {
	return c == '_' || c >= 0x80 || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
