//go:build !linux

package scriptdir

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

// CacheSupported is false: the header cache needs the inode and change
// time of files, which only the Linux version reads, so it is not used
// here.
const CacheSupported = false

// readFileStat is readFile; the stat is not supported here (see
// CacheSupported).
func (d *dirReader) readFileStat(name string) ([]byte, fileStat, bool, error) {
	b, err := d.readFile(name)
	return b, fileStat{}, false, err
}

// stat is not supported here (see CacheSupported).
func (d *dirReader) stat(string) (fileStat, bool) { return fileStat{}, false }

func (d *dirReader) close() {}
