/**
 * The run as the page holds it: every step of `kmeans_steps`, decoded once.
 *
 * The host sends a run as the kernel made it (kmeans_teach/_views.py, `run_message`):
 * names and words as JSON, numbers as little-endian binary arrays (DataViews from the
 * kernel, base64 text in the player's page). Decoding makes typed arrays of them, so
 * drawing a step reads numbers straight out of memory and never parses anything.
 */

/** The phases of a step, numbered as `_views.py` numbers them (`PHASES` there). */
export const PHASES = ["init", "assign", "update"];

/** A label meaning "not assigned yet": the start of a run, random partitions aside. */
export const NO_LABEL = 255;

/** A typed array over a copy of binary data (a DataView from the kernel, or base64 text). */
function typed(data, Type) {
  if (data == null) return new Type(0);
  if (typeof data === "string") {
    const text = atob(data);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new Type(bytes.buffer);
  }
  const view = data instanceof ArrayBuffer ? new DataView(data) : data;
  // A copy: the buffer a message arrived in may be shared and unaligned.
  return new Type(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

/**
 * The run as the renderer uses it. `raw` is what the host sends (see
 * kmeans_teach/_views.py, `run_message`): numbers as little-endian binary arrays.
 */
export function decodeRun(raw) {
  const k = raw.k;
  const n = raw.n;
  const run = {
    key: raw.key,
    title: raw.title,
    data: raw.data_name,
    dataSeed: raw.data_seed ?? null, // the seed the data set was generated with, if it has one
    k,
    n,
    seed: raw.seed,
    init: raw.init,
    metric: raw.metric,
    axisLabels: raw.axis_labels,
    regions: raw.regions,
    limits: raw.limits, // [x0, x1, y0, y1]: the data's range with a margin
    note: raw.note || "",
    status: raw.status,
    points: typed(raw.points, Float64Array),
    centroids: typed(raw.centroids, Float64Array),
    phase: typed(raw.phase, Uint8Array),
    iteration: typed(raw.iteration, Uint16Array),
    inertia: typed(raw.inertia, Float64Array),
    nChanged: typed(raw.n_changed, Int32Array),
    reseeded: typed(raw.reseeded, Uint8Array),
    // Each distinct labelling is sent once (a row of n), and every step names its row:
    // an update step moves centroids only, so it shares the row of the assign before it.
    labelRows: typed(raw.label_rows, Uint8Array),
    labelRow: typed(raw.label_row, Int16Array),
  };
  run.nSteps = run.phase.length;
  return run;
}

/** The phase of step `index`: "init", "assign" or "update". */
export function phaseAt(run, index) {
  return PHASES[run.phase[index]];
}

/** The labels of step `index` (a Uint8Array of n), or null before the first assignment. */
export function labelsAt(run, index) {
  const row = run.labelRow[index];
  if (row < 0) return null;
  return run.labelRows.subarray(row * run.n, (row + 1) * run.n);
}

/** Where centroid `j` is at step `index`: [x, y] in the data's units. */
export function centroidAt(run, index, j) {
  const at = (index * run.k + j) * 2;
  return [run.centroids[at], run.centroids[at + 1]];
}

/** The elbow curve of the run's data set (best and worst inertia for each K), or null. */
export function decodeElbow(raw) {
  if (!raw?.k) return null;
  return {
    // The data the curve is of: another data seed is other data, with its own curve.
    data: raw.data_seed == null ? raw.data_name : `${raw.data_name}|${raw.data_seed}`,
    k: typed(raw.k, Int32Array),
    best: typed(raw.best, Float64Array),
    worst: typed(raw.worst, Float64Array),
    elbow: raw.elbow,
  };
}
