package cli

import (
	"io"
	"sort"
	"strings"
)

// largeResult is App.Result for outputs of thousands of lines (history of
// a large project): the same text and JSON, masked line by line so that
// only lines that can hold a URL with credentials (they contain '@') go
// through the masker's regular expressions; every line still has the
// known passwords replaced.
//
// TODO(cli): fold this fast path into masker.mask and use App.Result.
func (a *App) largeResult(v any, human func(w io.Writer) error) error {
	return a.writeResult(v, human, a.maskLines)
}

// maskLines masks s as App.Mask does, line by line.
func (a *App) maskLines(s string) string {
	m := a.masker()
	secrets := append([]string(nil), m.secrets...)
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	if strings.IndexByte(s, '@') < 0 {
		return replaceSecrets(s, secrets)
	}
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		line, rest, found := strings.Cut(s, "\n")
		if strings.IndexByte(line, '@') >= 0 {
			b.WriteString(m.mask(line))
		} else {
			b.WriteString(replaceSecrets(line, secrets))
		}
		if found {
			b.WriteByte('\n')
		}
		s = rest
	}
	return b.String()
}

func replaceSecrets(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, redactedPassword)
		}
	}
	return s
}
