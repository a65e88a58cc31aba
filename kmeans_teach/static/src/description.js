/**
 * The explorer in words: the status line, the step counter, the names a screen reader
 * gives the panels, the marks on the scatter (an empty or a re-seeded cluster), and the
 * facts of each cluster at a step, which the long description and the tables both tell.
 *
 * Every sentence is made from the same run and step as the picture, in the same frame,
 * so the words can never describe another step than the one drawn. The status of each
 * step was written by the kernel (kmeans_teach/_views.py, `step_status`); the page adds
 * only what depends on the page (placing, dragging, the run's note).
 */

import { centroidAt, labelsAt, NO_LABEL, phaseAt } from "./run.js";

/** Names a screen reader and the status line use for a metric. */
export const METRIC_NAMES = {
  euclidean: "euclidean (k-means)",
  manhattan: "manhattan (k-medians)",
};

/** The shapes of the markers (matplotlib's names, as plotting.py gives them). */
const MARKER_NAMES = {
  o: "circle",
  s: "square",
  "^": "triangle",
  D: "diamond",
  v: "down triangle",
  P: "plus",
  X: "cross",
  h: "hexagon",
  "<": "left triangle",
  ">": "right triangle",
};

/** The name of marker `marker` ("o" is a circle). */
export function markerName(marker) {
  return MARKER_NAMES[marker] ?? marker;
}

/**
 * What the run minimises, in words: k-means the inertia (squared distances), k-medians
 * the total distance (plain manhattan distances), which is not an inertia.
 */
export function objectiveName(metric) {
  return metric === "manhattan" ? "total distance" : "inertia";
}

// ---------------------------------------------------------------- numbers in words

/**
 * How many decimals a value of a range `span` wide needs: about three significant digits
 * of the range (a 20-wide plot is read to 0.1; a 1-wide one to 0.01), never more than 6.
 */
export function decimalsFor(span) {
  if (!(span > 0)) return 2;
  return Math.min(6, Math.max(0, 2 - Math.floor(Math.log10(span))));
}

/** `value` rounded to `decimals` (no "-0.0": a rounded zero has no sign). */
export function fixed(value, decimals) {
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/** A count with thousands separators, as the kernel writes them ("1,234"). */
export function count(value) {
  return value.toLocaleString("en-US");
}

/** An objective's value as the kernel's status writes it (one decimal, "1,234.5"). */
export function objectiveValue(value) {
  return value.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** The decimals of each drawn column of `run` ([across, up]), from the plot's range. */
export function runDecimals(run) {
  const [x0, x1, y0, y1] = run.limits;
  return [decimalsFor(x1 - x0), decimalsFor(y1 - y0)];
}

/** A point of the data in words: "x 1.2, y -3.4" (the drawn columns' names). */
export function pointText(run, [x, y], decimals = runDecimals(run)) {
  const [across, up] = run.axisLabels;
  return `${across} ${fixed(x, decimals[0])}, ${up} ${fixed(y, decimals[1])}`;
}

// ---------------------------------------------------------------- the clusters at a step

/**
 * The facts of every cluster at step `index`, as the picture shows them:
 * [{j, size, joined, left, centroid: [x, y], moved, empty, reseeded}], where
 * - size is null before any point is assigned;
 * - joined and left count the points that came into the cluster or went out of it since
 *   the step before (a point that had no cluster yet joins one), null at the start;
 * - moved is how far the centroid went since the step before, in the picture's two
 *   columns and by the run's distance, null at the start;
 * - empty: no point has the cluster; reseeded: its centroid was put at a far point.
 */
export function clusterFacts(run, index) {
  const k = run.k;
  const labels = labelsAt(run, index);
  const start = index === 0;
  const sizes = new Array(k).fill(0);
  const joined = new Array(k).fill(0);
  const left = new Array(k).fill(0);
  if (labels) for (const label of labels) if (label < k) sizes[label] += 1;
  // An update moves centroids only: it shares its labels with the assign before it.
  if (labels && !start && run.labelRow[index] !== run.labelRow[index - 1]) {
    const before = labelsAt(run, index - 1); // null at the first assignment
    for (let i = 0; i < run.n; i++) {
      const now = labels[i];
      const was = before ? before[i] : NO_LABEL; // NO_LABEL is no cluster's number
      if (was === now) continue;
      if (now < k) joined[now] += 1;
      if (was < k) left[was] += 1;
    }
  }
  const manhattan = run.metric === "manhattan";
  const update = phaseAt(run, index) === "update";
  const facts = [];
  for (let j = 0; j < k; j++) {
    const centroid = centroidAt(run, index, j);
    let moved = null;
    if (!start) {
      const [ox, oy] = centroidAt(run, index - 1, j);
      const dx = Math.abs(centroid[0] - ox);
      const dy = Math.abs(centroid[1] - oy);
      moved = manhattan ? dx + dy : Math.hypot(dx, dy);
    }
    facts.push({
      j,
      size: labels ? sizes[j] : null,
      joined: start ? null : joined[j],
      left: start ? null : left[j],
      centroid,
      moved,
      empty: Boolean(labels) && sizes[j] === 0,
      reseeded: update && run.reseeded[index * k + j] === 1,
    });
  }
  return facts;
}

/**
 * The clusters marked on the scatter at step `index`: [{j, mark}], where mark is
 * "re-seeded" (its centroid was moved to a far point at this update) or "empty cluster"
 * (no point has it as its nearest centroid).
 */
export function clusterMarks(run, index, facts = clusterFacts(run, index)) {
  const marks = [];
  for (const { j, empty, reseeded } of facts) {
    if (reseeded || empty) marks.push({ j, mark: reseeded ? "re-seeded" : "empty cluster" });
  }
  return marks;
}

/** The marks in words, numbered from 1 as the centroids are: "empty cluster 2, re-seeded 4". */
export function marksText(marks) {
  return marks.map(({ j, mark }) => `${mark} ${j + 1}`).join(", ");
}

/** The distance a centroid moved, rounded as the finer of the two columns is. */
export function movedText(run, moved) {
  return fixed(moved, Math.max(...runDecimals(run)));
}

/** One cluster at step `index` in a sentence, from its `facts` (see clusterFacts). */
function clusterSentence(run, index, fact, markers) {
  const phase = phaseAt(run, index);
  const name = `Cluster ${fact.j + 1} (${markerName(markers[fact.j % markers.length])})`;
  const where = pointText(run, fact.centroid);
  const parts = [];
  if (fact.size !== null) {
    let size = fact.empty ? "empty" : `${count(fact.size)} point${fact.size === 1 ? "" : "s"}`;
    // Points change cluster at an assign step, and at an update that re-seeds a cluster.
    if (fact.joined || fact.left) {
      size += ` (${count(fact.joined)} joined, ${count(fact.left)} left)`;
    } else if (phase === "assign") {
      size += " (no change)";
    }
    parts.push(size);
  }
  if (fact.reseeded) {
    parts.push(`re-seeded at a far point, ${where}`);
  } else if (phase === "update") {
    parts.push(`centroid moved ${movedText(run, fact.moved)} to ${where}`);
  } else {
    parts.push(`centroid at ${where}`);
  }
  return `${name}: ${parts.join(", ")}.`;
}

/**
 * The scatter's long description at step `index`: which step, what it did (the status
 * line's words, `status`, with what can be done there), then every cluster in a sentence.
 * `facts` are clusterFacts' for it.
 */
export function stepDescription(run, index, facts, markers, status = run.status[index]) {
  const head = `Step ${index} of ${run.nSteps - 1}, ${phaseAt(run, index)}: ${status}.`;
  return [head, ...facts.map((fact) => clusterSentence(run, index, fact, markers))].join(" ");
}

/** The description while the starting centroids are placed: how many (K), and where. */
export function placingDescription(run, placing) {
  const placed = placing.centroids.map((at, j) => `centroid ${j + 1} at ${pointText(run, at)}`);
  return (
    `Placing the starting centroids, K is how many: ${placed.length} placed` +
    (placed.length ? `: ${placed.join("; ")}.` : ".")
  );
}

// ---------------------------------------------------------------- names of the panels

/** The scatter's accessible name: how many points, in how many clusters, on which axes. */
export function scatterName(run) {
  const [across, up] = run.axisLabels;
  return `Scatter of ${run.n} points in ${run.k} clusters: ${across} across, ${up} up`;
}

/** What the trace shows while starting centroids are placed: no run yet, so no values. */
export const PLACING_TRACE = "The trace starts when the run does: place every centroid first.";

/** The trace's accessible name: the objective from first to last, and at step `index`. */
export function traceName(run, index) {
  const objective = objectiveName(run.metric);
  const values = [];
  for (let i = 0; i < run.nSteps; i++) {
    if (Number.isFinite(run.inertia[i])) values.push(i);
  }
  if (!values.length) return `Trace of the ${objective}: no value yet`;
  const first = values[0];
  const last = values[values.length - 1];
  const now = run.inertia[index];
  return (
    `Trace of the ${objective} after every half step: ${objectiveValue(run.inertia[first])} ` +
    `at step ${first}, ${objectiveValue(run.inertia[last])} at step ${last}` +
    (Number.isFinite(now) ? `; ${objectiveValue(now)} at this step, ${index}` : "")
  );
}

/** The elbow curve's accessible name: the range of K, the elbow if any, the current K. */
export function elbowName(elbow, currentK) {
  const ks = elbow.k;
  const at = Array.from(ks).indexOf(currentK);
  return (
    `Elbow curve: inertia for K from ${ks[0]} to ${ks[ks.length - 1]}` +
    (elbow.elbow != null ? `, elbow at K = ${elbow.elbow}` : ", no clear elbow") +
    (at >= 0 ? `; current K = ${currentK}, best inertia ${objectiveValue(elbow.best[at])}` : "")
  );
}

// ---------------------------------------------------------------- the status line

/**
 * The status line: what step `index` did (the kernel's words), or what the user is doing
 * with the centroids; `canPlace` says whether start centroids can be moved here, and
 * `crosshair` is the keyboard's crosshair ({at, used}) while centroids are placed.
 */
export function statusText(run, index, { placing, dragging, canPlace, crosshair }) {
  let status;
  if (placing) {
    // K is the number placed: each click or Enter places one more, S or the button starts.
    const n = placing.centroids.length;
    const placed = n ? `${n} placed, K = ${n}` : "K is the number you place";
    const more = n < placing.max;
    const next = more ? `centroid ${n + 1}` : "";
    status = crosshair?.used
      ? `I'll choose · ${placed} · crosshair at ${pointText(run, crosshair.at)} · ` +
        `${more ? `Enter places ${next}, ` : ""}S starts the run (Esc cancels)`
      : `I'll choose · ${placed} · ` +
        (more
          ? `click on the picture to place ${next}, or press the arrow keys to move a crosshair and Enter to place it`
          : `K is at most ${placing.max}`) +
        "; then Start the run (S) (Esc cancels)";
  } else if (dragging?.keyboard) {
    status =
      `Moving centroid ${dragging.j + 1} with the keys · at ${pointText(run, dragging.at)}` +
      " · Enter starts the run from here (Esc puts it back)";
  } else if (dragging) {
    status = `Moving centroid ${dragging.j + 1}: let go to start the run from here`;
  } else {
    status = run.status[index];
    if (index === 0 && run.labelRow[0] < 0 && canPlace) {
      status += ` · drag a centroid, or press its number (1 to ${Math.min(run.k, 10)}), to move the start`;
    }
  }
  if (run.note && !placing) status += ` · ${run.note}`;
  return status;
}

/** The step counter: "Step 3 / 12 · update". */
export function counterText(run, index) {
  return `Step ${index} / ${run.nSteps - 1} · ${phaseAt(run, index)}`;
}

/** What the live region says when a step is shown: "Step 3 of 12: <status>". */
export function stepSpeech(run, index, { paused = false } = {}) {
  const where = `step ${index} of ${run.nSteps - 1}`;
  return `${paused ? `Paused at ${where}` : `Step ${index} of ${run.nSteps - 1}`}: ${run.status[index]}`;
}
