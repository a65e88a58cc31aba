/**
 * The table view: the step shown as three HTML tables, for a screen reader (a table can be
 * walked cell by cell, its headers read with each value) and for anyone who wants the
 * numbers behind the picture.
 *
 * - the clusters at the step shown: marker, size, points that joined or left, centroid,
 *   how far it moved, empty or re-seeded (description.js, `clusterFacts`: the same facts
 *   the long description tells and the picture draws);
 * - the objective after every step of the run (the trace as numbers);
 * - the elbow curve (the best and the worst start for each K).
 *
 * The tables are written only while they are shown, and no more than a step changes: the
 * cluster rows (K of them), and which trace row and elbow row are "this one". A whole
 * table is built once per run or curve, so Play costs nothing while the view is closed.
 */

import {
  count,
  fixed,
  markerName,
  movedText,
  objectiveName,
  objectiveValue,
  PLACING_TRACE,
  runDecimals,
} from "./description.js";
import { phaseAt } from "./run.js";

/** A table with a caption and one header row; its body is returned to fill. */
function table(container, className) {
  const element = document.createElement("table");
  element.className = `kt-table ${className}`;
  const caption = element.createCaption();
  const head = element.createTHead().insertRow();
  const body = element.createTBody();
  container.append(element);
  return { element, caption, head, body };
}

/** Replace the header row's cells with column headers named `names`. */
function setHeaders(row, names) {
  row.replaceChildren(
    ...names.map((name) => {
      const cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = name;
      return cell;
    }),
  );
}

/** A body row: its first cell a row header, then the data cells, all as text. */
function bodyRow([first, ...rest]) {
  const row = document.createElement("tr");
  const header = document.createElement("th");
  header.scope = "row";
  header.textContent = first;
  row.append(header);
  for (const text of rest) {
    const cell = document.createElement("td");
    cell.textContent = text;
    row.append(cell);
  }
  return row;
}

/** What a table cell shows where there is no value (the start has no step before it). */
const NONE = "–";

export class TableView {
  /** The tables go into `container` (hidden until the view is shown). */
  constructor(container) {
    this.container = container;
    this.shown = false;
    this.clusters = table(container, "kt-cluster-table");
    this.trace = table(container, "kt-trace-table");
    this.elbow = table(container, "kt-elbow-table");
    this.written = {}; // what each table shows now, so a frame writes only what changed
  }

  /** Show the tables or hide them; shown, they are written at the next update. */
  show(on) {
    this.shown = on;
    this.container.hidden = !on;
  }

  /**
   * Write the step of `scene` into the tables, if they are shown: the `run`, step `index`,
   * its cluster `facts`, the `markers`, the centroids being `placing`, the `elbow` curve
   * and the `currentK`.
   */
  update(scene) {
    if (!this.shown) return;
    this.writeClusters(scene);
    this.writeTrace(scene);
    this.writeElbow(scene);
  }

  writeClusters({ run, index, facts, markers, placing }) {
    const key = placing ? `placing|${run.key}|${placing.centroids.length}` : `${run.key}|${index}`;
    if (this.written.clusters === key) return;
    this.written.clusters = key;
    const [across, up] = run.axisLabels;
    const { caption, head, body } = this.clusters;
    setHeaders(head, [
      "Cluster",
      "Marker",
      "Points",
      "Joined",
      "Left",
      `Centroid: ${across}`,
      `Centroid: ${up}`,
      "Moved",
      "Note",
    ]);
    const decimals = runDecimals(run);
    const marker = (j) => markerName(markers[j % markers.length]);
    if (placing) {
      caption.textContent = `Starting centroids placed so far (K = ${placing.centroids.length})`;
      body.replaceChildren(
        ...placing.centroids.map(([x, y], j) =>
          bodyRow([
            String(j + 1),
            marker(j),
            NONE,
            NONE,
            NONE,
            fixed(x, decimals[0]),
            fixed(y, decimals[1]),
            NONE,
            "placed",
          ]),
        ),
      );
      return;
    }
    caption.textContent = `Clusters at step ${index} of ${run.nSteps - 1} (${phaseAt(run, index)})`;
    const orNone = (value, text) => (value === null ? NONE : text(value));
    body.replaceChildren(
      ...facts.map((fact) =>
        bodyRow([
          String(fact.j + 1),
          marker(fact.j),
          orNone(fact.size, count),
          orNone(fact.joined, count),
          orNone(fact.left, count),
          fixed(fact.centroid[0], decimals[0]),
          fixed(fact.centroid[1], decimals[1]),
          orNone(fact.moved, (moved) => movedText(run, moved)),
          fact.reseeded ? "re-seeded" : fact.empty ? "empty" : "",
        ]),
      ),
    );
  }

  writeTrace({ run, index, placing }) {
    const { caption, head, body } = this.trace;
    const objective = objectiveName(run.metric);
    if (placing) {
      // No run yet: the run shown before is not the one being made.
      if (this.written.traceRun === "placing") return;
      this.written.traceRun = "placing";
      this.written.traceRow = null;
      caption.textContent = `The ${objective} after every half step: ${PLACING_TRACE}`;
      body.replaceChildren();
      return;
    }
    if (this.written.traceRun !== run.key) {
      this.written.traceRun = run.key;
      this.written.traceRow = null;
      setHeaders(head, [
        "Step",
        "Phase",
        "Iteration",
        objective[0].toUpperCase() + objective.slice(1),
        "Points that changed cluster",
      ]);
      const rows = [];
      for (let i = 0; i < run.nSteps; i++) {
        const value = run.inertia[i];
        const changed = run.nChanged[i];
        rows.push(
          bodyRow([
            String(i),
            phaseAt(run, i),
            String(run.iteration[i]),
            Number.isFinite(value) ? objectiveValue(value) : NONE,
            // Only an assign step moves points between clusters.
            phaseAt(run, i) === "assign" && changed >= 0 ? count(changed) : NONE,
          ]),
        );
      }
      body.replaceChildren(...rows);
    }
    const current = placing ? null : index;
    if (this.written.traceRow === current) return;
    caption.textContent =
      `The ${objective} after every half step` +
      (current === null ? "" : ` (this step: ${current} of ${run.nSteps - 1})`);
    markRow(body, this.written.traceRow, current, `${current} (this step)`);
    this.written.traceRow = current;
  }

  writeElbow({ elbow, currentK }) {
    const { element, caption, head, body } = this.elbow;
    element.hidden = !elbow;
    if (!elbow) return;
    if (this.written.elbow !== elbow) {
      this.written.elbow = elbow;
      this.written.elbowK = null;
      caption.textContent =
        "Elbow curve: the inertia of the best and of the worst of 5 starts for each K" +
        (elbow.elbow != null ? ` (elbow at K = ${elbow.elbow})` : "");
      setHeaders(head, ["K", "Best inertia", "Worst inertia", "Note"]);
      const rows = [];
      for (let i = 0; i < elbow.k.length; i++) {
        rows.push(
          bodyRow([
            String(elbow.k[i]),
            objectiveValue(elbow.best[i]),
            objectiveValue(elbow.worst[i]),
            elbow.k[i] === elbow.elbow ? "elbow" : "",
          ]),
        );
      }
      body.replaceChildren(...rows);
    }
    if (this.written.elbowK === currentK) return;
    const rowOf = (k) => {
      const at = Array.from(elbow.k).indexOf(k);
      return at >= 0 ? at : null;
    };
    const note = (row, current) => {
      const k = elbow.k[row];
      const words = [k === elbow.elbow ? "elbow" : "", current ? "current K" : ""];
      body.rows[row].cells[3].textContent = words.filter(Boolean).join(", ");
    };
    const before = this.written.elbowK == null ? null : rowOf(this.written.elbowK);
    const now = rowOf(currentK);
    markRow(body, before, now, null);
    if (before !== null) note(before, false);
    if (now !== null) note(now, true);
    this.written.elbowK = currentK;
  }
}

/**
 * Mark row `now` of `body` as the current one (and row `before` no longer): aria-current
 * for a screen reader, and for the eye a frame and bold type (not colour alone). With
 * `label`, the row's header says it too ("3 (this step)").
 */
function markRow(body, before, now, label) {
  if (before !== null && body.rows[before]) {
    const row = body.rows[before];
    row.removeAttribute("aria-current");
    row.classList.remove("kt-current");
    if (label !== null) row.cells[0].textContent = String(before);
  }
  if (now !== null && body.rows[now]) {
    const row = body.rows[now];
    row.setAttribute("aria-current", "true");
    row.classList.add("kt-current");
    if (label !== null) row.cells[0].textContent = label;
  }
}
