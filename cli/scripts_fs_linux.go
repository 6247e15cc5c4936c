package cli

import (
	"os"
	"syscall"
)

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
	fd, err := syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW, 0)
	if err == syscall.ELOOP { // a symbolic link: let the kernel follow it
		fd, err = syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
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

func (d *dirReader) close() { syscall.Close(d.fd) }
