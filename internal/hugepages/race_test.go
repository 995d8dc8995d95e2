//go:build race

package hugepages

// race: the race detector shadows every heap page with its own 4 KiB
// pages, which fault as the heap is touched.
const race = true
