# The two commands the README promises: `make repl` and `make test`.
# Both install missing system libraries first (.ci/install-deps).

.PHONY: repl test deps build

deps:
	@bash .ci/install-deps

build: deps
	swift build

## Open the REPL with the lecture's memory example loaded (then type `help`).
repl: build
	swift run -q rnnbook -i Sessions/lecture-memory.rnn

## Build and run every test (unit, reference numbers, every Sessions/*.rnn, the binary).
test: deps
	swift build
	swift test
