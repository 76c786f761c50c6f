# The entry point for every user. `make` builds the site into site/; `make test` tests everything.
#   QUALITY=publish|preview   1920x1080 at 60 fps (default) or 854x480 at 15 fps
#   JOBS=N                    render workers (default: the number of cores)
#   FORCE=1                   ignore the render cache
# The same build split in two, as the publish workflow fans it out over runners:
#   make render SCENES="A B"  render only these jobs (scene class names, or `figures`) into .cache/
#   make assemble             build the site from .cache/ alone; fails if anything would render
QUALITY ?= publish
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FORCE ?= 0
PY := .venv/bin/python
export QUALITY JOBS FORCE
export MPLBACKEND := agg

.PHONY: all site render assemble test serve bench clean distclean setup setup-test

all: site

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

site: setup
	@$(PY) -m scripts.build

render: setup
	@$(PY) -m scripts.build --render-only $(SCENES)

assemble: setup
	@$(PY) -m scripts.build --assemble-only

test: setup-test
	@$(PY) -m pytest

serve: setup
	@echo "Live preview on http://127.0.0.1:8000 (scenes re-render at preview quality on save)"
	@$(PY) -m scripts.serve

bench: setup
	@$(PY) -m scripts.bench

clean:
	rm -rf site build

distclean: clean
	rm -rf .cache .venv node_modules test-output bench
