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
    "datasets",
    "elbow_curve",
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
