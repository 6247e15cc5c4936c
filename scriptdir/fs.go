package scriptdir

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// prefetchFS is a version location on disk whose revision files are read
// up front by several goroutines, so that loading thousands of small
// files is bounded by the disk rather than by one goroutine's system
// calls. It serves Load through fs.ReadDirFS and fs.ReadFileFS;
// anything else falls through to os.DirFS.
type prefetchFS struct {
	dir     string
	base    fs.FS
	entries []fs.DirEntry
	files   map[string][]byte
	// onRead, when set, is called with the path of every file read (a
	// test hook; it may be called from several goroutines at once).
	onRead func(path string)
}

var (
	_ fs.ReadDirFS  = (*prefetchFS)(nil)
	_ fs.ReadFileFS = (*prefetchFS)(nil)
)

// newPrefetchFS lists dir and reads its .go and .sql files concurrently.
// A file that cannot be read here is left to ReadFile, which reports the
// error when the loader asks for it.
//
// With a header cache, each file is first stat'ed (by the same
// goroutines) and is not read when the cache holds it unchanged: the
// loader then takes its revision from the cache (headerCache.Lookup).
func newPrefetchFS(dir string, cache *headerCache, onRead func(path string)) (*prefetchFS, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	p := &prefetchFS{dir: dir, base: os.DirFS(dir), entries: entries, onRead: onRead}
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
	var stats []fileStat
	if cache != nil {
		stats = make([]fileStat, len(names))
	}
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
				// The stat is taken before reading, so that a change
				// made after it shows as a different stat on the next
				// run: by name for files the cache holds, else on the
				// open file.
				cached := cache != nil && cache.holds(names[i])
				if cached {
					if st, ok := rd.stat(names[i]); ok {
						stats[i] = st
						if cache.unchanged(names[i], st) {
							continue
						}
					}
				}
				if onRead != nil {
					onRead(filepath.Join(dir, names[i]))
				}
				if cache != nil && !cached {
					b, st, ok, err := rd.readFileStat(names[i])
					if ok {
						stats[i] = st
					}
					if err == nil {
						contents[i] = b
					}
				} else if b, err := rd.readFile(names[i]); err == nil {
					contents[i] = b
				}
			}
		})
	}
	wg.Wait()
	if cache != nil {
		cache.setStats(names, stats)
	}
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
	if p.onRead != nil {
		p.onRead(filepath.Join(p.dir, filepath.FromSlash(name)))
	}
	return fs.ReadFile(p.base, name)
}
