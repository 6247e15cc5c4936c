package scriptdir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
)

// syntaxFromBits maps the bits of a fuzzed byte to a dialect.Syntax.
func syntaxFromBits(b uint8) dialect.Syntax {
	return dialect.Syntax{
		DollarQuotes:     b&1 != 0,
		HashComments:     b&2 != 0,
		BacktickIdents:   b&4 != 0,
		BracketIdents:    b&8 != 0,
		BackslashEscapes: b&16 != 0,
		DelimiterCommand: b&32 != 0,
		BeginEnd:         b&64 != 0,
	}
}

// The three databases' syntaxes as fuzz bits.
const (
	bitsPG     = 1 | 64
	bitsMySQL  = 2 | 4 | 16 | 32
	bitsSQLite = 4 | 8 | 64
)

// FuzzSplitStatements checks that the lexer never panics and that what it
// returns is consistent with its input. The seed corpus is the scripts in
// testdata/lex, on every database's syntax, plus small tricky inputs.
func FuzzSplitStatements(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "lex", "*.sql"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed corpus in testdata/lex: %v", err)
	}
	seeds := []string{"", ";", "'", "\"", "`", "[", "$", "$$", "$a$", "$1", "/*", "/* /*", "*/", "--", "#", "E'\\'", "BEGIN ATOMIC", "CREATE TRIGGER t BEGIN", "END;", "DELIMITER", "DELIMITER //\n", "\nDELIMITER ;;\nx;;", "a.end;", "é;ü"}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, string(b))
	}
	for _, s := range seeds {
		for _, bits := range []uint8{bitsPG, bitsMySQL, bitsSQLite, 0, 127} {
			f.Add(s, bits)
		}
	}
	f.Fuzz(func(t *testing.T, script string, bits uint8) {
		syn := syntaxFromBits(bits)
		stmts, err := SplitStatements(script, syn)
		lines := strings.Count(script, "\n") + 1
		if err != nil {
			var le *LexError
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a *LexError", err)
			}
			if le.Line < 1 || le.Line > lines {
				t.Fatalf("error line %d outside 1..%d", le.Line, lines)
			}
			return
		}
		prev := 1
		for _, s := range stmts {
			if s.Text == "" || s.Text != strings.TrimSpace(s.Text) || !strings.Contains(script, s.Text) {
				t.Fatalf("statement %q is empty, untrimmed or not from the script", s.Text)
			}
			if s.Line < prev || s.Line > lines {
				t.Fatalf("statement %q on line %d: lines must grow within 1..%d (previous %d)", s.Text, s.Line, lines, prev)
			}
			prev = s.Line
			if syn.DelimiterCommand {
				continue // a statement may hold ';' under another delimiter
			}
			again, err := SplitStatements(s.Text, syn)
			if err != nil || len(again) != 1 || again[0].Text != s.Text {
				t.Fatalf("statement %q does not split back into itself: %+v, %v", s.Text, again, err)
			}
		}
	})
}
