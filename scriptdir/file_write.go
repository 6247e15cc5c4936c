package scriptdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteNewFile writes data to a new file name in dir and returns its path.
// It never overwrites: an existing file is an error, and a failed write
// leaves no partial file behind. dir must exist.
func WriteNewFile(dir, name string, data []byte) (string, error) {
	if name == "" || name != filepath.Base(name) {
		return "", fmt.Errorf("write revision file: %q is not a plain file name", name)
	}
	p := filepath.Join(dir, name)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("write revision file: %s already exists and is not overwritten; choose another id or message", p)
	}
	if err != nil {
		return "", fmt.Errorf("write revision file: %w", err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(p)
		return "", fmt.Errorf("write revision file %s: %w", p, err)
	}
	return p, nil
}
