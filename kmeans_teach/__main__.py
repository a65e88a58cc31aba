"""The command line: ``python -m kmeans_teach COMMAND ...``.

    datasets     list the data sets (names, sizes, columns)
    animate      write an animation of a k-means run (GIF or HTML) for slides
    exercises    generate the student notebooks from notebooks/solutions/
    normalise    strip outputs and execution counts from notebooks
    release      write or update the students' copy of the course (a git repository)
    link         print the nbgitpuller link that hands the release to a class on a hub
    grading      write an nbgrader course from the lessons, to grade a class

Each command's own --help says more. The work is done in the module that
owns it (animation.py, authoring/); this file only dispatches.
"""

from __future__ import annotations

import sys

COMMANDS = {
    "datasets": "list the data sets (names, sizes, columns)",
    "animate": "write an animation of a k-means run (GIF or HTML) for slides",
    "exercises": "generate the student notebooks from notebooks/solutions/",
    "normalise": "strip outputs and execution counts from notebooks",
    "release": "write or update the students' copy of the course (a git repository)",
    "link": "print the nbgitpuller link that hands the release to a class on a hub",
    "grading": "write an nbgrader course from the lessons, to grade a class",
}


def usage():
    lines = ["usage: python -m kmeans_teach COMMAND [options]", "", "commands:"]
    lines += [f"  {name:<11}{text}" for name, text in COMMANDS.items()]
    lines += ["", "`python -m kmeans_teach COMMAND --help` explains one command."]
    return "\n".join(lines)


def datasets_main(argv):
    import argparse

    from . import datasets

    parser = argparse.ArgumentParser(
        prog="python -m kmeans_teach datasets", description="List the data sets."
    )
    parser.parse_args(argv)
    table = datasets.describe()
    for row in table.itertuples(index=False):
        print(f"{row[0]:<18} {row[2]:>4} rows  {row[3]}")
        print(f"{'':<18} {row[1]}")
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0
    command, rest = argv[0], argv[1:]
    if command == "datasets":
        return datasets_main(rest)
    if command == "animate":
        from .animation import animate_main

        return animate_main(rest)
    if command == "exercises":
        from .authoring import exercises_main

        return exercises_main(rest)
    if command == "normalise":
        from .authoring import normalise_main

        return normalise_main(rest)
    if command == "release":
        from .authoring import release_main

        return release_main(rest)
    if command == "link":
        from .authoring.links import link_main

        return link_main(rest)
    if command == "grading":
        from .authoring import grading_main

        return grading_main(rest)
    print(f"Unknown command {command!r}.\n\n{usage()}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
