/**
 * The explorer in words: the status line, the step counter, the names a screen reader
 * gives the panels, and the marks on the scatter (an empty or a re-seeded cluster).
 *
 * Every sentence is made from the same run and step as the picture, in the same frame,
 * so the words can never describe another step than the one drawn. The status of each
 * step was written by the kernel (kmeans_teach/_views.py, `step_status`); the page adds
 * only what depends on the page (placing, dragging, the run's note).
 */

import { labelsAt, phaseAt } from "./run.js";

/** Names a screen reader and the status line use for a metric. */
export const METRIC_NAMES = {
  euclidean: "euclidean (k-means)",
  manhattan: "manhattan (k-medians)",
};

/** The scatter's accessible name: how many points, in how many clusters, on which axes. */
export function scatterName(run) {
  const [across, up] = run.axisLabels;
  return `Scatter of ${run.n} points in ${run.k} clusters: ${across} across, ${up} up`;
}

/** The elbow curve's accessible name: the range of K, and the elbow if there is one. */
export function elbowName(elbow) {
  const ks = elbow.k;
  return (
    `Elbow curve: inertia for K from ${ks[0]} to ${ks[ks.length - 1]}` +
    (elbow.elbow != null ? `, elbow at K = ${elbow.elbow}` : ", no clear elbow")
  );
}

/**
 * The clusters marked on the scatter at step `index`: [{j, mark}], where mark is
 * "re-seeded" (its centroid was moved to a far point at this update) or "empty cluster"
 * (no point has it as its nearest centroid).
 */
export function clusterMarks(run, index) {
  const labels = labelsAt(run, index);
  const counts = new Array(run.k).fill(0);
  if (labels) for (const label of labels) if (label < run.k) counts[label] += 1;
  const update = phaseAt(run, index) === "update";
  const marks = [];
  for (let j = 0; j < run.k; j++) {
    const reseeded = update && run.reseeded[index * run.k + j];
    const empty = labels && counts[j] === 0;
    if (reseeded || empty) marks.push({ j, mark: reseeded ? "re-seeded" : "empty cluster" });
  }
  return marks;
}

/** The marks in words, numbered from 1 as the centroids are: "empty cluster 2, re-seeded 4". */
export function marksText(marks) {
  return marks.map(({ j, mark }) => `${mark} ${j + 1}`).join(", ");
}

/**
 * The status line: what step `index` did (the kernel's words), or what the user is doing
 * with the centroids; `canPlace` says whether start centroids can be dragged here.
 */
export function statusText(run, index, { placing, dragging, canPlace }) {
  let status;
  if (placing) {
    const { k, centroids } = placing;
    status = `I'll choose · click on the picture to place centroid ${centroids.length + 1} of ${k} (Esc cancels)`;
  } else if (dragging) {
    status = `Moving centroid ${dragging.j + 1}: let go to start the run from here`;
  } else {
    status = run.status[index];
    if (index === 0 && run.labelRow[0] < 0 && canPlace) {
      status += " · drag a centroid to move the start";
    }
  }
  if (run.note && !placing) status += ` · ${run.note}`;
  return status;
}

/** The step counter: "Step 3 / 12 · update". */
export function counterText(run, index) {
  return `Step ${index} / ${run.nSteps - 1} · ${phaseAt(run, index)}`;
}
