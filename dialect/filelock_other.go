//go:build !unix && !windows

package dialect

import (
	"errors"
	"os"
)

// errNoFileLock is returned where the platform has no file locks.
var errNoFileLock = errors.New("this platform has no file locks to serialise migration runs on a SQLite file")

func tryLockFile(*os.File) (bool, error) { return false, errNoFileLock }

func unlockFile(*os.File) error { return errNoFileLock }

// removeLockFileOnRelease: no file locks, nothing to remove.
const removeLockFileOnRelease = false
