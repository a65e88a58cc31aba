"""kmeans_teach: k-means clustering, one step at a time, for teaching.

The heart is :func:`kmeans_steps`, a generator that yields every step of
Lloyd's algorithm; everything else (measures, data sets, pictures, the
explorer) is built on the list of steps it yields.

Importing the package changes no global state and imports neither
scikit-learn nor ipywidgets.
"""

from . import datasets
from .init import kmeans_plusplus_picks
from .metrics import (
    elbow_curve,
    find_elbow,
    inertia,
    silhouette_samples,
    silhouette_score,
    within_cluster_variation,
)
from .steps import Step, kmeans, kmeans_steps

__all__ = [
    "Step",
    "animate",
    "datasets",
    "elbow_curve",
    "explore",
    "find_elbow",
    "inertia",
    "kmeans",
    "kmeans_plusplus_picks",
    "kmeans_steps",
    "silhouette_samples",
    "silhouette_score",
    "within_cluster_variation",
]

__version__ = "0.1.0"


def __getattr__(name):
    # The explorer needs ipywidgets and the animations matplotlib's animation
    # machinery: they are imported on first use, so `import kmeans_teach` stays light.
    if name == "explore":
        from .explorer import explore

        return explore
    if name == "animate":
        from .animation import animate

        return animate
    raise AttributeError(f"module 'kmeans_teach' has no attribute {name!r}")
