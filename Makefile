# medkb — one obvious target per job. `make test` is the one command that runs
# every test, installing what the browser tests need on a fresh machine.
GO       ?= go
BIN      := bin/medkb
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X github.com/medkb/medkb/internal/cli.Version=$(VERSION)
FUZZTIME ?= 30s

.PHONY: all build medkb serve check test test-go test-browser deps lint fuzz fuzz-ci bench golden clean

all: build

medkb:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/medkb

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
test: deps
	gofmt -l . | tee /dev/stderr | (! read)
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	$(MAKE) fuzz-ci

## deps: install what the browser tests need (Chromium, Java check, pinned npm packages)
deps:
	bash internal/e2e/install.sh

lint:
	gofmt -l .
	$(GO) vet ./...

## fuzz: run every fuzz target for FUZZTIME each (default 30s)
fuzz:
	bash internal/e2e/fuzz.sh $(FUZZTIME)

fuzz-ci:
	bash internal/e2e/fuzz.sh 1000x

## bench: the benchmark against Hugo and Pagefind (BENCH_LARGE=1 adds 100,000 articles)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/markdown/ ./internal/search/ ./internal/feed/ ./internal/check/ ./internal/site/
	$(GO) run ./cmd/medkb-bench

## golden: rewrite golden files after an intended output change
golden:
	$(GO) test ./... -update

clean:
	rm -rf bin public .medkb
