package versions

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
)

// MaxRevisionIDLength is the longest revision id allowed; the version
// table's id column is this wide.
const MaxRevisionIDLength = 255

// NewRevisionID returns a random revision id of 12 lower-case hexadecimal
// characters, the default for new revisions.
func NewRevisionID() string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// reservedIDs are words of the identifier grammar that an id would shadow
// (an id equal to one of them could never be addressed).
var reservedIDs = []string{"head", "heads", "base", "current"}

// grammarIDChars are the characters of the revision identifier grammar
// (branch@head, head-1, base+2, a:b), which no id may contain; they are
// in byte order, as Alembic lists the ones it finds.
const grammarIDChars = "+-:@"

// CheckRevisionID reports whether id can name a revision (for example a
// custom id given with `migrate revision --rev-id`). An id is 1 to 255
// characters long and may not contain '@', '-', '+' or ':' (they belong to
// the identifier grammar: branch@head, head-1, base+2, a:b), nor ',',
// white space, control characters or path separators (ids are listed in
// SQL headers and used in file names). The words head, heads, base and
// current are reserved.
func CheckRevisionID(id string) error {
	if id == "" {
		return fmt.Errorf("revision id: the id is empty")
	}
	if len(id) > MaxRevisionIDLength {
		return fmt.Errorf("revision id %.20q…: %d characters, at most %d are allowed", id, len(id), MaxRevisionIDLength)
	}
	for _, r := range id {
		switch {
		case strings.ContainsRune(grammarIDChars, r):
			return fmt.Errorf("revision id %q: the character %q is not allowed (ids may not contain @ - + : which the revision identifier grammar uses)", id, r)
		case r == ',' || r == '/' || r == '\\':
			return fmt.Errorf("revision id %q: the character %q is not allowed in an id", id, r)
		case unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar:
			return fmt.Errorf("revision id %q: white space, control characters and invalid UTF-8 are not allowed in an id", id)
		}
	}
	for _, w := range reservedIDs {
		if strings.EqualFold(id, w) {
			return fmt.Errorf("revision id %q: %q is a reserved word of the revision identifier grammar", id, w)
		}
	}
	return nil
}
