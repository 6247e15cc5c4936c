package scriptdir

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// CacheSupported tells that dirReader.stat works here: the header cache
// is used only where it does.
const CacheSupported = true

// dirReader reads files of one directory with openat(2) on the
// directory's descriptor and plain read(2) calls: for thousands of small
// revision files this avoids, per file, the path walk from the root and
// the poller registration of os.Open.
type dirReader struct{ fd int }

func openDirReader(dir string) (*dirReader, error) {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: dir, Err: err}
	}
	return &dirReader{fd: fd}, nil
}

// readFile returns the contents of the file name of the directory.
func (d *dirReader) readFile(name string) ([]byte, error) {
	b, _, _, err := d.read(name, false)
	return b, err
}

// readFileStat is readFile that also returns the stat of the file (as
// stat does), taken on the open file before reading it: cheaper than a
// stat by name, for files the header cache does not hold.
func (d *dirReader) readFileStat(name string) ([]byte, fileStat, bool, error) {
	return d.read(name, true)
}

func (d *dirReader) read(name string, withStat bool) (b []byte, st fileStat, statOK bool, err error) {
	fd, err := syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW, 0)
	if err == syscall.ELOOP { // a symbolic link: let the kernel follow it
		fd, err = syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	}
	if err != nil {
		return nil, fileStat{}, false, &os.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	if withStat {
		var s unix.Stat_t
		if unix.Fstat(fd, &s) == nil {
			st, statOK = toFileStat(&s)
		}
	}
	b, err = readAll(fd, name)
	return b, st, statOK, err
}

// readAll reads the open file fd (name names it in errors).
func readAll(fd int, name string) ([]byte, error) {
	buf := make([]byte, 0, 4096)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}

// stat returns what the header cache compares of the regular file name of
// the directory, with one fstatat(2) on the directory's descriptor (as
// fast as statx(2) here, and a third cheaper than lstat(2) of the full
// path). ok is false for anything but a regular file, and on errors.
func (d *dirReader) stat(name string) (st fileStat, ok bool) {
	var s unix.Stat_t
	for {
		err := unix.Fstatat(d.fd, name, &s, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return fileStat{}, false
		}
		break
	}
	return toFileStat(&s)
}

// toFileStat returns what the header cache compares of a regular file;
// ok is false for anything else.
func toFileStat(s *unix.Stat_t) (st fileStat, ok bool) {
	if s.Mode&unix.S_IFMT != unix.S_IFREG {
		return fileStat{}, false
	}
	return fileStat{
		size:  s.Size,
		mtime: s.Mtim.Nano(),
		ctime: s.Ctim.Nano(),
		ino:   uint64(s.Ino),
		dev:   uint64(s.Dev),
	}, true
}

func (d *dirReader) close() { syscall.Close(d.fd) }
