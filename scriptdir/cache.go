package scriptdir

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/migratego/migrate/versions"
)

// The header cache keeps the revision headers of a version location's
// files between runs, so that the commands that need nothing but the
// revision graph (heads, branches, history, show) do not open the files
// that have not changed: on a large project one stat per file costs about
// a third of opening and reading it. It is never used to run or verify
// revisions (upgrade, downgrade, stamp, verify, …), which read every file.
//
// A location's cache is the file
//
//	<cache root>/headers/<hex SHA-256 of the location's absolute path>.bin
//
// (cache root: see cacheRoot). It records, per file: name, size,
// modification and change times, inode and device, and what the file
// held: no revision (a Go helper), or a Go or SQL revision's header
// (ID, Revises, BranchLabels, DependsOn, Replaces, Message, CreateDate,
// NonTransactional, SQL dialect). No checksum, no SQL text.
//
// A file whose stat differs from its entry, or that has no entry, is read
// and parsed; vanished files are dropped; files with errors are never
// recorded, so that their errors show on every run. A file modified less
// than headerCacheRacy before the cache is written is not recorded either:
// it could change again within the timestamp granularity without its
// stat changing; it is read on every run until it is old enough.
//
// The cache is an optimisation only: a cache file that cannot be read,
// decoded or written is ignored (with a message under -v).

// headerCacheMagic starts every cache file; headerCacheFormat is the
// encoding's version (change it with the encoding).
const (
	headerCacheMagic  = "migrate revision headers\n"
	headerCacheFormat = 2
)

// headerCacheRacy is how recent a file's modification or change time may
// be, when the cache is written, for the file to be left out of it.
const headerCacheRacy = 2 * time.Second

// fileStat is what the header cache compares of a file.
type fileStat struct {
	size         int64
	mtime, ctime int64 // nanoseconds since the epoch
	ino, dev     uint64
}

// What a cached file holds.
const (
	headerNone byte = iota // no revision: a Go file that is not one
	headerGo
	headerSQL
)

// headerEntry is one file of the cache.
type headerEntry struct {
	name string
	st   fileStat
	kind byte
	// The header (kind headerGo or headerSQL).
	id, message, createDate, dialect string
	revises, labels, dependsOn       []string
	replaces                         []string
	nonTransactional                 bool
}

// headerCache is the header cache of one version location during one
// run; it implements HeaderCache.
type headerCache struct {
	// file is the cache file; tool identifies this program and loc is the
	// location's absolute path, both recorded in the file.
	file, tool, loc string
	now             func() time.Time
	// old holds the entries read from the file (read-only once loaded:
	// the prefetch goroutines read it).
	old map[string]*headerEntry
	// stats holds the stat of every file stat'ed (setStats); hits the
	// old entries that match it.
	stats map[string]fileStat
	hits  map[string]*headerEntry
	// fresh holds the files read and parsed in this run (Parsed).
	fresh map[string]*headerEntry
	// loadErr is why the cache file could not be used, if it could not.
	loadErr error
}

var _ HeaderCache = (*headerCache)(nil)

// openHeaderCache returns the header cache of the version location dir
// (absolute) kept under the cache root, loaded from its file when there is
// a usable one, or nil when no cache can be used on this system.
func openHeaderCache(o *Options, dir string) *headerCache {
	if !CacheSupported {
		return nil
	}
	loc := filepath.Clean(dir)
	sum := sha256.Sum256([]byte(loc))
	c := &headerCache{
		file: filepath.Join(o.CacheRoot, "headers", hex.EncodeToString(sum[:])+".bin"),
		tool: o.toolIdentity(),
		loc:  loc,
		now:  time.Now,
	}
	if o.Now != nil {
		c.now = o.Now
	}
	data, err := os.ReadFile(c.file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		c.loadErr = err
	default:
		c.old, c.loadErr = decodeHeaderCache(data, c.tool, c.loc)
	}
	if c.loadErr != nil {
		o.debugf("revision header cache %s ignored: %v", c.file, c.loadErr)
	}
	return c
}

// toolIdentity identifies this program in cache files, so that another
// build (which may parse files differently) does not trust them: the
// version, and the size and modification time of the executable.
func (o *Options) toolIdentity() string {
	id := o.ToolVersion
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			id += fmt.Sprintf(" %s %d %d", exe, st.Size(), st.ModTime().UnixNano())
		}
	}
	return id
}

// holds reports whether the cache has an entry for the file name.
// Goroutines call it concurrently before setStats.
func (c *headerCache) holds(name string) bool { return c.old[name] != nil }

// unchanged reports whether the cache holds the file name with stat st.
// Goroutines call it concurrently before setStats.
func (c *headerCache) unchanged(name string, st fileStat) bool {
	e := c.old[name]
	return e != nil && e.st == st
}

// setStats records the stats of the files (zero when the file could not
// be stat'ed) and which cached entries they confirm.
func (c *headerCache) setStats(names []string, stats []fileStat) {
	c.stats = make(map[string]fileStat, len(names))
	c.hits = make(map[string]*headerEntry, len(c.old))
	c.fresh = map[string]*headerEntry{}
	for i, n := range names {
		if stats[i] == (fileStat{}) {
			continue
		}
		c.stats[n] = stats[i]
		if e := c.old[n]; e != nil && e.st == stats[i] {
			c.hits[n] = e
		}
	}
}

// Lookup returns the cached revision of the file name, when the file has
// not changed since it was cached.
func (c *headerCache) Lookup(name string) (*Script, bool) {
	e := c.hits[name]
	if e == nil {
		return nil, false
	}
	if e.kind == headerNone {
		return nil, true
	}
	s := &Script{Revision: &versions.Revision{
		ID:               e.id,
		Revises:          e.revises,
		BranchLabels:     e.labels,
		DependsOn:        e.dependsOn,
		Replaces:         e.replaces,
		Message:          e.message,
		CreateDate:       e.createDate,
		NonTransactional: e.nonTransactional,
	}, Kind: KindGo}
	if e.kind == headerSQL {
		s.Kind = KindSQL
		s.SQL = &SQLScript{Dialect: e.dialect}
	}
	return s, true
}

// Parsed records what the loader read from the file name, with the stat
// taken before it was read.
func (c *headerCache) Parsed(name string, rev *Script) {
	st, ok := c.stats[name]
	if !ok || c.fresh == nil {
		return // not stat'ed: not cacheable
	}
	e := &headerEntry{name: name, st: st, kind: headerNone}
	if rev != nil {
		switch {
		case rev.Kind == KindGo:
			e.kind = headerGo
		case rev.Kind == KindSQL:
			e.kind = headerSQL
			if rev.SQL != nil {
				e.dialect = rev.SQL.Dialect
			}
		default:
			return
		}
		e.id, e.message, e.createDate = rev.ID, rev.Message, rev.CreateDate
		e.revises = slices.Clone(rev.Revises)
		e.labels = slices.Clone(rev.BranchLabels)
		e.dependsOn = slices.Clone(rev.DependsOn)
		e.replaces = slices.Clone(rev.Replaces)
		e.nonTransactional = rev.NonTransactional
	}
	c.fresh[name] = e
}

// save writes the cache file when its contents change: files read this
// run that are old enough to be recorded (see headerCacheRacy), or cached
// files that changed, vanished or went bad. It reports whether it wrote.
func (c *headerCache) save() (bool, error) {
	if c.fresh == nil {
		return false, nil // the location was never listed
	}
	limit := c.now().Add(-headerCacheRacy).UnixNano()
	keep := make([]*headerEntry, 0, len(c.hits)+len(c.fresh))
	for _, e := range c.hits {
		keep = append(keep, e)
	}
	added := 0
	for _, e := range c.fresh {
		if e.st.mtime > limit || e.st.ctime > limit {
			continue // racy: read again next time
		}
		keep = append(keep, e)
		added++
	}
	if added == 0 && len(c.hits) == len(c.old) && c.loadErr == nil {
		return false, nil
	}
	slices.SortFunc(keep, func(a, b *headerEntry) int { return cmp.Compare(a.name, b.name) })
	data := encodeHeaderCache(keep, c.tool, c.loc)
	if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
		return false, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.file), ".tmp-*")
	if err != nil {
		return false, err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.file)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return false, err
	}
	return true, nil
}

// crcTable is the CRC-32C table that guards cache files against damage.
var crcTable = crc32.MakeTable(crc32.Castagnoli)

// encodeHeaderCache encodes a cache file: the magic, the format, the tool
// identity, the location, the entries, and the CRC-32C of all that.
func encodeHeaderCache(entries []*headerEntry, tool, loc string) []byte {
	w := &cacheWriter{b: make([]byte, 0, 64+len(entries)*128)}
	w.b = append(w.b, headerCacheMagic...)
	w.uint(headerCacheFormat)
	w.str(tool)
	w.str(loc)
	w.uint(uint64(len(entries)))
	for _, e := range entries {
		w.str(e.name)
		w.int(e.st.size)
		w.int(e.st.mtime)
		w.int(e.st.ctime)
		w.uint(e.st.ino)
		w.uint(e.st.dev)
		w.b = append(w.b, e.kind)
		if e.kind == headerNone {
			continue
		}
		w.str(e.id)
		w.strs(e.revises)
		w.strs(e.labels)
		w.strs(e.dependsOn)
		w.strs(e.replaces)
		w.str(e.message)
		w.str(e.createDate)
		w.str(e.dialect)
		flags := byte(0)
		if e.nonTransactional {
			flags = 1
		}
		w.b = append(w.b, flags)
	}
	return binary.LittleEndian.AppendUint32(w.b, crc32.Checksum(w.b, crcTable))
}

// errBadCache is the error of a damaged cache file.
var errBadCache = errors.New("damaged or truncated")

// decodeHeaderCache decodes a cache file written by encodeHeaderCache for
// this tool and location.
func decodeHeaderCache(data []byte, tool, loc string) (map[string]*headerEntry, error) {
	if len(data) < len(headerCacheMagic)+4 || string(data[:len(headerCacheMagic)]) != headerCacheMagic {
		return nil, errors.New("not a revision header cache")
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, crcTable) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", errBadCache)
	}
	r := &cacheReader{b: body, s: string(body), off: len(headerCacheMagic)}
	if f := r.uint(); f != headerCacheFormat {
		return nil, fmt.Errorf("format %d, want %d", f, headerCacheFormat)
	}
	if t := r.str(); t != tool {
		return nil, fmt.Errorf("written by another build (%q)", t)
	}
	if l := r.str(); l != loc {
		return nil, fmt.Errorf("written for another location (%q)", l)
	}
	n := r.uint()
	if n > uint64(len(body)) {
		return nil, errBadCache
	}
	out := make(map[string]*headerEntry, n)
	for range n {
		e := &headerEntry{name: r.str()}
		e.st.size = r.int()
		e.st.mtime = r.int()
		e.st.ctime = r.int()
		e.st.ino = r.uint()
		e.st.dev = r.uint()
		e.kind = r.byte()
		switch e.kind {
		case headerNone:
		case headerGo, headerSQL:
			e.id = r.str()
			e.revises = r.strs()
			e.labels = r.strs()
			e.dependsOn = r.strs()
			e.replaces = r.strs()
			e.message = r.str()
			e.createDate = r.str()
			e.dialect = r.str()
			e.nonTransactional = r.byte() == 1
		default:
			r.bad = true
		}
		if r.bad {
			return nil, errBadCache
		}
		out[e.name] = e
	}
	if r.bad || r.off != len(body) {
		return nil, errBadCache
	}
	return out, nil
}

// cacheWriter appends the fields of a cache file.
type cacheWriter struct{ b []byte }

func (w *cacheWriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *cacheWriter) int(v int64)   { w.b = binary.AppendVarint(w.b, v) }

func (w *cacheWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

// strs writes a list as its length + 1, or 0 for nil, then its strings.
func (w *cacheWriter) strs(l []string) {
	if l == nil {
		w.uint(0)
		return
	}
	w.uint(uint64(len(l)) + 1)
	for _, s := range l {
		w.str(s)
	}
}

// cacheReader reads the fields of a cache file; bad is set (and zero
// values returned) once the data runs out or makes no sense. s is b as a
// string: the strings read share its memory.
type cacheReader struct {
	b   []byte
	s   string
	off int
	bad bool
}

func (r *cacheReader) uint() uint64 {
	if r.bad {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.off += n
	return v
}

func (r *cacheReader) int() int64 {
	if r.bad {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.off += n
	return v
}

func (r *cacheReader) byte() byte {
	if r.bad || r.off >= len(r.b) {
		r.bad = true
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

func (r *cacheReader) str() string {
	n := r.uint()
	if r.bad || n > uint64(len(r.b)-r.off) {
		r.bad = true
		return ""
	}
	s := r.s[r.off : r.off+int(n)]
	r.off += int(n)
	return s
}

func (r *cacheReader) strs() []string {
	n := r.uint()
	if r.bad || n == 0 {
		return nil
	}
	if n-1 > uint64(len(r.b)-r.off) {
		r.bad = true
		return nil
	}
	l := make([]string, n-1)
	for i := range l {
		l[i] = r.str()
	}
	return l
}
