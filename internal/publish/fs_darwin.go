package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// swap exchanges the two names in one step (renamex_np RENAME_SWAP, APFS
// and HFS+): at every instant dest is the complete old site or the
// complete new one. Filesystems without the swap (network, FAT, exFAT)
// get renameSwap.
func swap(tmp, dest string) error {
	err := unix.RenamexNp(tmp, dest, unix.RENAME_SWAP)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EINVAL) {
		return renameSwap(tmp, dest)
	}
	return err
}
