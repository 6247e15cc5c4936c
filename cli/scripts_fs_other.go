//go:build !linux

package cli

import (
	"os"
	"path/filepath"
)

// dirReader reads files of one directory (see the Linux version).
type dirReader struct{ dir string }

func openDirReader(dir string) (*dirReader, error) { return &dirReader{dir: dir}, nil }

func (d *dirReader) readFile(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(d.dir, name))
}

func (d *dirReader) close() {}
