# Shortcuts for instructors. Each target is one command that you can also type yourself;
# CONTRIBUTING.md explains when to use which. `make` alone lists them.

# The project's Python once `python3 run.py lab` or `python3 run.py test` has made .venv.
PYTHON := $(if $(wildcard .venv/bin/python),.venv/bin/python,python3)

.PHONY: help lab test exercises normalise check-notebooks lesson outputs bundle

help:
	@echo "make lab              open the lessons in JupyterLab (python3 run.py lab)"
	@echo "make test             run every test (python3 run.py test; ARGS=\"-k elbow\" for some)"
	@echo "make exercises        generate the student notebooks from notebooks/solutions/"
	@echo "make normalise        strip outputs and execution counts from every notebook"
	@echo "make check-notebooks  check both, changing nothing (as the tests and pre-commit do)"
	@echo "make lesson L=NN      test one lesson completely: generate, normalise, lint, run, checks"
	@echo "make outputs L=NN     run one lesson source from the top and store its kept outputs"
	@echo "make bundle           rebuild the explorer's front end from kmeans_teach/static/src/ (npm)"

lab:
	python3 run.py lab $(ARGS)

test:
	python3 run.py test $(ARGS)

exercises:
	$(PYTHON) -m kmeans_teach exercises

normalise:
	$(PYTHON) -m kmeans_teach normalise

# Both checks run even if the first fails, so one run lists every problem.
check-notebooks:
	@status=0; \
	$(PYTHON) -m kmeans_teach normalise --check || status=1; \
	$(PYTHON) -m kmeans_teach exercises --check || status=1; \
	exit $$status

# One lesson, completely (CONTRIBUTING.md, "Testing one lesson"): make lesson L=03
LESSON_NOTEBOOKS = $(wildcard notebooks/$(L)_*.ipynb notebooks/solutions/$(L)_*.ipynb)
LESSON_FILES = $(LESSON_NOTEBOOKS) $(wildcard kmeans_teach/exercises/lesson$(L).py)
lesson:
	@case "$(L)" in [0-9][0-9]) ;; *) echo "usage: make lesson L=NN (two digits, e.g. make lesson L=03)"; exit 2;; esac
	@test -n "$(wildcard notebooks/solutions/$(L)_*.ipynb)" || { echo "no lesson source notebooks/solutions/$(L)_*.ipynb"; exit 2; }
	$(PYTHON) -m kmeans_teach exercises
	$(PYTHON) -m kmeans_teach normalise $(LESSON_NOTEBOOKS)
	$(PYTHON) -m ruff check $(LESSON_FILES)
	$(PYTHON) -m ruff format --check $(LESSON_FILES)
	$(PYTHON) -m pytest -q $(LESSON_NOTEBOOKS) $(wildcard tests/test_exercises_lesson$(L).py) tests/test_exercises.py
	$(PYTHON) -m pytest -q tests/test_lesson_checks.py tests/test_sentences_and_numbers.py -k "$(L)_"

# One lesson source run from the top in a fresh kernel, so that the outputs of the cells tagged
# keep_output are stored again after an edit, then carried into its student notebook.
outputs:
	@case "$(L)" in [0-9][0-9]) ;; *) echo "usage: make outputs L=NN (two digits, e.g. make outputs L=03)"; exit 2;; esac
	@test -n "$(wildcard notebooks/solutions/$(L)_*.ipynb)" || { echo "no lesson source notebooks/solutions/$(L)_*.ipynb"; exit 2; }
	$(PYTHON) -m jupyter nbconvert --to notebook --execute --inplace $(wildcard notebooks/solutions/$(L)_*.ipynb)
	$(PYTHON) -m kmeans_teach normalise $(wildcard notebooks/solutions/$(L)_*.ipynb)
	$(PYTHON) -m kmeans_teach exercises

# The explorer's modules (kmeans_teach/static/src/) bundled by esbuild into the one file that ships,
# kmeans_teach/static/explorer.js; commit it with the modules (a test checks it is a fresh build).
bundle:
	npm run build
