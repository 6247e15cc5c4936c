package cli

import (
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"
	"sync"
)

// prefetchFS is a version location on disk whose revision files are read
// up front by several goroutines, so that loading thousands of small
// files is bounded by the disk rather than by one goroutine's system
// calls. It serves versions.Load through fs.ReadDirFS and fs.ReadFileFS;
// anything else falls through to os.DirFS.
type prefetchFS struct {
	base    fs.FS
	entries []fs.DirEntry
	files   map[string][]byte
}

var (
	_ fs.ReadDirFS  = (*prefetchFS)(nil)
	_ fs.ReadFileFS = (*prefetchFS)(nil)
)

// newPrefetchFS lists dir and reads its .go and .sql files concurrently.
// A file that cannot be read here is left to ReadFile, which reports the
// error when the loader asks for it.
func newPrefetchFS(dir string) (*prefetchFS, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	p := &prefetchFS{base: os.DirFS(dir), entries: entries}
	var names []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && maybeRevisionFile(n) {
			names = append(names, n)
		}
	}
	rd, err := openDirReader(dir)
	if err != nil {
		return nil, err
	}
	defer rd.close()
	contents := make([][]byte, len(names))
	workers := min(4*runtime.GOMAXPROCS(0), len(names))
	var (
		wg   sync.WaitGroup
		next = make(chan int, len(names))
	)
	for i := range names {
		next <- i
	}
	close(next)
	for range workers {
		wg.Go(func() {
			for i := range next {
				if b, err := rd.readFile(names[i]); err == nil {
					contents[i] = b
				}
			}
		})
	}
	wg.Wait()
	p.files = make(map[string][]byte, len(names))
	for i, n := range names {
		if contents[i] != nil {
			p.files[n] = contents[i]
		}
	}
	return p, nil
}

// maybeRevisionFile tells which files to read ahead; the loader decides
// which ones hold revisions.
func maybeRevisionFile(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
		return false
	}
	ext := strings.ToLower(path.Ext(name))
	return ext == ".go" || ext == ".sql"
}

// Open opens a file of the directory.
func (p *prefetchFS) Open(name string) (fs.File, error) { return p.base.Open(name) }

// ReadDir returns the listing made up front for ".".
func (p *prefetchFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "." {
		return p.entries, nil
	}
	return fs.ReadDir(p.base, name)
}

// ReadFile returns a prefetched file (once: the caller may modify it),
// or reads it.
func (p *prefetchFS) ReadFile(name string) ([]byte, error) {
	if b, ok := p.files[name]; ok {
		delete(p.files, name)
		return b, nil
	}
	return fs.ReadFile(p.base, name)
}
