"""Feedback on the course's exercises: one ``check_*`` function per exercise.

A student writes a function (or types a value) in a lesson and passes it to
its check. The check runs it on a few small cases, compares the answer with
the project's own code (``kmeans_steps``, ``kmeans_teach.metrics``,
``kmeans_teach.init``), and prints what is right, what is wrong and a hint
about the likely mistake. It never raises because of the student's code.

Where things are: the machinery every check shares (:class:`Feedback`, the
cases, the verdicts, reading answers, the hints) is in ``_feedback.py``; the
checks of lesson NN are in ``lessonNN.py``, each module listing its public
checks in its ``__all__``. A new lesson's checks go into a new ``lessonNN.py``
and get one import line below; ``__all__`` here is built from those imports.

By lesson:

- Lesson 1, kinds of problem and cluster sizes: :func:`check_task_kinds`,
  :func:`check_cluster_sizes`
- Lesson 2, within-cluster variation and its cost:
  :func:`check_within_cluster_variation`, :func:`check_distance_counts`
- Lesson 3, Lloyd's algorithm: :func:`check_assign_step`,
  :func:`check_update_step` and the capstone :func:`check_kmeans_loop`
- Lesson 4, k-means++: :func:`check_plusplus_probabilities` and the optional
  :func:`check_plusplus_seeds`
- Lesson 5, choosing K: :func:`check_elbow_choice`
- Lesson 6, scikit-learn: :func:`check_kmeans_algorithm`
- Lesson 7, scaling: :func:`check_standardise`
- Lesson 8, anomalies: :func:`check_anomaly_scores`
- Lesson 9, k-means at scale: :func:`check_minibatch_step`
- Lesson 10, Gaussian mixtures: :func:`check_responsibilities`

Every check prints its feedback and returns a :class:`Feedback`. In a notebook
the returned value is not echoed (the printed text says it all); in plain
Python its repr is one line, such as ``Feedback(passed=True)``.

>>> def assign(X, centroids):
...     distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
...     return distances.argmax(axis=1)  # a typical slip
>>> feedback = check_assign_step(assign)  # doctest: +ELLIPSIS
Assignment step: 1 of 7 cases right.
  ✗ two groups: 6 of 6 points are not at their nearest centroid; point 0:
    expected 0, got 1
    Hint: points went to their FARTHEST centroid (argmax instead of argmin?).
...
>>> feedback
Feedback(passed=False)
"""

from ._feedback import Feedback

# One line per lesson module; each brings the names in that module's __all__.
from .lesson01 import *  # noqa: F403
from .lesson02 import *  # noqa: F403
from .lesson03 import *  # noqa: F403
from .lesson04 import *  # noqa: F403
from .lesson05 import *  # noqa: F403
from .lesson06 import *  # noqa: F403
from .lesson07 import *  # noqa: F403
from .lesson08 import *  # noqa: F403
from .lesson09 import *  # noqa: F403
from .lesson10 import *  # noqa: F403
from .lesson11 import *  # noqa: F403

__all__ = ["Feedback", *sorted(name for name in dict(globals()) if name.startswith("check_"))]
