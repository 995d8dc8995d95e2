# medkb — one obvious target per job. `make test` is the one command that runs
# every test, installing what the browser tests need on a fresh machine.
GO       ?= go
BIN      := bin/medkb
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X github.com/medkb/medkb/internal/cli.Version=$(VERSION)
# Build tags: TAGS=medkb_nocloud builds a medkb without the S3, GCS and Azure
# deploy drivers (file:// only; stripped linux/amd64 32 MB instead of 70 MB);
# medkb_nos3, medkb_nogcs and medkb_noazure leave out one each.
TAGS     ?=
FUZZTIME ?= 30s
# The platforms medkb is built for: linux is tested, the others are
# cross-compiled and vetted by make test. go vet type-checks each
# platform's test files too (a type error in a windows-only _test.go fails
# make cross), so every package's tests compile for every platform; they
# run only on linux, as darwin and windows binaries cannot run here (no
# wine), and GOARCH=386, which would run natively, is not a platform medkb
# ships.
PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
# The platforms make test vets: each system once and the other
# architecture once. linux/amd64 is lint's own go vet, and no file of
# medkb's is specific to an architecture (no _amd64 or _arm64 files, no
# GOARCH build tags: TestNoFileIsArchitectureSpecific, internal/), so a
# second architecture of one system type-checks the same code. On an
# empty build cache each platform's vet took about 3 minutes of this
# 2-core machine (three and the start of a fourth in about 11 minutes,
# session 45); make release still builds all six.
CROSS := linux/arm64 darwin/arm64 windows/amd64
# staticcheck is installed once, at this version, into GOPATH/bin.
STATICCHECK_VERSION := 0.8.2
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck

.PHONY: all build medkb serve check test test-go test-browser deps lint staticcheck tidy cross release fuzz fuzz-ci bench golden clean

all: build

medkb:
	$(GO) build -tags "$(TAGS)" -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/medkb

## build: build the demo site in this repository into public/
build: medkb
	./$(BIN) build

## serve: serve the demo site with live reload at http://127.0.0.1:1313/
serve: medkb
	./$(BIN) serve

## check: run the content checks on the demo site
check: medkb
	./$(BIN) check

## test: every test — unit, integration, fuzz seeds, JS (Node), browser (Chromium, axe-core, Nu checker)
test: deps lint tidy cross
	$(GO) test -race -count=1 -timeout $(TEST_TIMEOUT) -skip '$(NORACE_TESTS)' ./...
	$(GO) test -count=1 -run '$(NORACE_TESTS)' ./internal/deploy/ ./internal/hugepages/
	$(MAKE) fuzz-ci

# A package's tests may take this long. The slowest, internal/e2e and
# internal/site, took 225 s and 134 s in a quiet CI run, and both ran past
# go test's default 10 minutes under load 17-26 (session 57: four
# helpers beside a CI run), which failed the run with no test at fault.
TEST_TIMEOUT := 25m

# The deploys to real storage emulators (S3, GCS, Azure) and the killed
# deploy run without the race detector: under it the cloud SDKs' HTTP and
# hashing code took six times as long (TestDeployToS3 78 s against 13 s),
# the longest pole of the suite. The deploy's own concurrency (its upload
# workers, cancellation, --max-deletes) is raced by the package's other
# tests, which use the file driver and run in the first command.
# TestReserve measures what memory is resident, and the race detector's
# shadow of the heap is resident too: under it, a Reserve that wrote its
# memory or never gave it back to the system passed (session 57).
NORACE_TESTS := ^(TestDeployToS3|TestDeployToGCS|TestDeployToAzure|TestDeployKilledConverges|TestReserve)$$

## deps: install what the browser tests need (Chromium, Java check, pinned npm packages)
deps:
	bash internal/e2e/install.sh

## lint: gofmt, go vet and staticcheck, all clean
lint: staticcheck
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags medkb_nocloud ./cmd/... ./internal/deploy/ ./internal/cli/
	$(STATICCHECK) ./...

staticcheck:
	@$(STATICCHECK) -version 2>/dev/null | grep -qF '($(STATICCHECK_VERSION))' || \
		$(GO) install honnef.co/go/tools/cmd/staticcheck@v$(STATICCHECK_VERSION)

## tidy: go.mod and go.sum are exactly what go mod tidy makes
tidy:
	$(GO) mod tidy -diff

## cross: compile and vet (test files too) for the platforms in CROSS
cross:
	@for p in $(CROSS); do echo "go vet $$p"; GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) vet ./... || exit 1; done

## release: the medkb binary for every platform in PLATFORMS, in dist/
release:
	rm -rf dist
	@for p in $(PLATFORMS); do os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		echo "dist/medkb-$(VERSION)-$$os-$$arch$$ext"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -tags "$(TAGS)" -ldflags "-s -w $(LDFLAGS)" \
			-o dist/medkb-$(VERSION)-$$os-$$arch$$ext ./cmd/medkb || exit 1; done
	cd dist && sha256sum medkb-* > SHA256SUMS

## fuzz: run every fuzz target for FUZZTIME each (default 30s)
fuzz:
	bash internal/e2e/fuzz.sh $(FUZZTIME)

fuzz-ci:
	bash internal/e2e/fuzz.sh 1000x

# The saved runs of sizes too slow for every make bench (100,000 and
# 1,000,000 articles, the first query at 10,000 and 100,000), written by
# medkb-bench -results and merged into README.md's generated block, in
# this order: where two files measured the same size, the first named
# fills it (so the newer run comes first: default-100000.json, the
# default memory budget, before budget-100000.json, a budget set by hand,
# and large.json, older still). The first-query-*.json runs (-search-only)
# give their search figures only (FILE:search), later files over earlier
# ones. A new saved run is merged once it is named here.
BENCH_SAVED := cmd/medkb-bench/results
BENCH_RESULTS := $(BENCH_SAVED)/serve-10000.json,$(BENCH_SAVED)/bench-1000-10000-session59.json,$(BENCH_SAVED)/default-100000-session59.json,$(BENCH_SAVED)/bench-1000-session58b.json,$(BENCH_SAVED)/bench-1000-10000-session58.json,$(BENCH_SAVED)/default-100000-session58.json,$(BENCH_SAVED)/bench-1000-10000-session57.json,$(BENCH_SAVED)/default-100000-session57.json,$(BENCH_SAVED)/bench-1000-10000-session56b.json,$(BENCH_SAVED)/default-100000-session56.json,$(BENCH_SAVED)/bench-1000-10000-session55.json,$(BENCH_SAVED)/default-100000-session55.json,$(BENCH_SAVED)/bench-1000-10000-session54.json,$(BENCH_SAVED)/default-100000-session54.json,$(BENCH_SAVED)/bench-1000-10000-session53.json,$(BENCH_SAVED)/default-100000-session53b.json,$(BENCH_SAVED)/bench-1000-10000-session52.json,$(BENCH_SAVED)/default-100000-session53.json,$(BENCH_SAVED)/bench-1000-10000-session51.json,$(BENCH_SAVED)/bench-1000-10000-session49.json,$(BENCH_SAVED)/default-100000-session49.json,$(BENCH_SAVED)/bench-1000-10000-session48.json,$(BENCH_SAVED)/bench-1000-10000-session47.json,$(BENCH_SAVED)/default-100000-session47.json,$(BENCH_SAVED)/bench-1000-10000-session46.json,$(BENCH_SAVED)/default-100000-session46.json,$(BENCH_SAVED)/bench-1000-10000-session45.json,$(BENCH_SAVED)/default-100000-session45.json,$(BENCH_SAVED)/bench-1000-10000.json,$(BENCH_SAVED)/default-100000.json,$(BENCH_SAVED)/budget-100000.json,$(BENCH_SAVED)/first-query-100000-build.json:search,$(BENCH_SAVED)/first-query-100000.json:search,$(BENCH_SAVED)/large.json,$(BENCH_SAVED)/huge-1000000.json

## bench: the benchmark against Hugo and Pagefind, rewriting README.md's generated tables (BENCH_LARGE=1 adds 100,000 articles)
bench: deps
	npm ci --prefix cmd/medkb-bench/cardpeer --no-audit --no-fund
	$(GO) test -run '^$$' -bench . -benchmem ./internal/markdown/ ./internal/search/ ./internal/feed/ ./internal/check/ ./internal/site/ ./internal/card/ ./internal/source/ ./internal/publish/ ./internal/render/
	$(GO) run ./cmd/medkb-bench -readme README.md $(if $(BENCH_RESULTS),-merge $(BENCH_RESULTS))

## golden: rewrite golden files after an intended output change
golden:
	$(GO) test -count=1 $$($(GO) list -f '{{.ImportPath}} {{join .TestImports " "}} {{join .XTestImports " "}}' ./... | \
		awk '{for (i = 2; i <= NF; i++) if ($$i == "github.com/medkb/medkb/internal/golden") {print $$1; break}}') -update

clean:
	rm -rf bin dist public .medkb
