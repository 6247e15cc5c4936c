package suggest

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// unknownFlag is the start of pflag's message for a long flag it does not
// know: "unknown flag: --databse-url".
const unknownFlag = "unknown flag: --"

// UnknownFlag adds "did you mean --NAME?" to pflag's error for an unknown
// long flag when a flag of fs is within two edits of it; any other error
// is returned as it is.
func UnknownFlag(err error, fs *pflag.FlagSet) error {
	if err == nil {
		return nil
	}
	var known []string
	fs.VisitAll(func(f *pflag.Flag) { known = append(known, f.Name) })
	name, ok := strings.CutPrefix(err.Error(), unknownFlag)
	if !ok {
		return err
	}
	name, _, _ = strings.Cut(name, "=")
	if best := Closest(name, known); best != "" {
		return fmt.Errorf("%w: did you mean --%s?", err, best)
	}
	return err
}
