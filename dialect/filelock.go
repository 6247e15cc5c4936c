package dialect

import (
	"errors"
	"io/fs"
	"os"
)

// A lock file serialises migration runs on a SQLite database: an
// exclusive lock (flock, LockFileEx) on "<database>.migrate-lock". On Unix
// the holder removes the file when it releases the lock, so that no file
// stays next to the database; mutual exclusion survives the removal
// because a lock only counts while the path still names the locked file:
//
//   - release removes the path while still holding the lock, then unlocks;
//   - a process that took the lock on a file that was meanwhile removed
//     (or replaced by a newer one) finds that the path no longer names
//     its file, lets it go and opens the path again.
//
// So the only valid holder is the one whose file is at the path, and the
// path changes only under a valid holder, at the end of its run.

// tryFileLock opens (creating) the lock file at path and takes its lock
// without waiting. It returns the open, locked file, or nil when another
// process holds the lock.
func tryFileLock(path string) (*os.File, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		ok, err := tryLockFile(f)
		if err != nil || !ok {
			f.Close()
			return nil, err
		}
		current, err := lockedFileIsCurrent(f, path)
		if err != nil {
			unlockFile(f)
			f.Close()
			return nil, err
		}
		if current {
			return f, nil
		}
		// The previous holder removed the file while we waited on it:
		// lock the file now at the path instead.
		unlockFile(f)
		f.Close()
	}
}

// lockedFileIsCurrent reports whether path still names the file f.
func lockedFileIsCurrent(f *os.File, path string) (bool, error) {
	held, err := f.Stat()
	if err != nil {
		return false, err
	}
	now, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(held, now), nil
}

// releaseFileLock removes the lock file where the platform allows
// removing an open file (removeLockFileOnRelease), while the lock is
// still held, then unlocks and closes it.
func releaseFileLock(f *os.File, path string) error {
	var err error
	if removeLockFileOnRelease {
		if rerr := os.Remove(path); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			err = rerr
		}
	}
	if uerr := unlockFile(f); err == nil {
		err = uerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
