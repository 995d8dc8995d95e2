// Package cputime reads the CPU time the process has used, user and
// system, all threads (the collector's too). Benchmarks report it beside
// the wall time because on a shared machine it varies far less.
package cputime
