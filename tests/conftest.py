"""Shared pytest set-up for the whole suite."""

import os

# Before anything imports matplotlib.pyplot: tests draw off-screen, so no window opens and the
# result does not depend on the GUI toolkits of the machine. An explicit MPLBACKEND wins.
os.environ.setdefault("MPLBACKEND", "Agg")
