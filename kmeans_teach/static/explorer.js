// The k-means explorer, bundled by esbuild from kmeans_teach/static/src/ (npm run build): edit those modules, not this file.

// kmeans_teach/static/src/run.js
var PHASES = ["init", "assign", "update"];
var NO_LABEL = 255;
function typed(data, Type) {
  if (data == null) return new Type(0);
  if (typeof data === "string") {
    const text = atob(data);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new Type(bytes.buffer);
  }
  const view = data instanceof ArrayBuffer ? new DataView(data) : data;
  return new Type(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}
function decodeRun(raw) {
  const k = raw.k;
  const n = raw.n;
  const run = {
    key: raw.key,
    title: raw.title,
    data: raw.data_name,
    dataSeed: raw.data_seed ?? null,
    // the seed the data set was generated with, if it has one
    k,
    n,
    seed: raw.seed,
    init: raw.init,
    metric: raw.metric,
    axisLabels: raw.axis_labels,
    regions: raw.regions,
    limits: raw.limits,
    // [x0, x1, y0, y1]: the data's range with a margin
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
    labelRow: typed(raw.label_row, Int16Array)
  };
  run.nSteps = run.phase.length;
  return run;
}
function phaseAt(run, index) {
  return PHASES[run.phase[index]];
}
function labelsAt(run, index) {
  const row = run.labelRow[index];
  if (row < 0) return null;
  return run.labelRows.subarray(row * run.n, (row + 1) * run.n);
}
function centroidAt(run, index, j) {
  const at = (index * run.k + j) * 2;
  return [run.centroids[at], run.centroids[at + 1]];
}
function decodeElbow(raw) {
  if (!raw?.k) return null;
  return {
    // The data the curve is of: another data seed is other data, with its own curve.
    data: raw.data_seed == null ? raw.data_name : `${raw.data_name}|${raw.data_seed}`,
    k: typed(raw.k, Int32Array),
    best: typed(raw.best, Float64Array),
    worst: typed(raw.worst, Float64Array),
    elbow: raw.elbow
  };
}

// kmeans_teach/static/src/description.js
var METRIC_NAMES = {
  euclidean: "euclidean (k-means)",
  manhattan: "manhattan (k-medians)"
};
var MARKER_NAMES = {
  o: "circle",
  s: "square",
  "^": "triangle",
  D: "diamond",
  v: "down triangle",
  P: "plus",
  X: "cross",
  h: "hexagon",
  "<": "left triangle",
  ">": "right triangle"
};
function markerName(marker) {
  return MARKER_NAMES[marker] ?? marker;
}
function objectiveName(metric) {
  return metric === "manhattan" ? "total distance" : "inertia";
}
function decimalsFor(span) {
  if (!(span > 0)) return 2;
  return Math.min(6, Math.max(0, 2 - Math.floor(Math.log10(span))));
}
function fixed(value, decimals) {
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? 0 .toFixed(decimals) : text;
}
function count(value) {
  return value.toLocaleString("en-US");
}
function objectiveValue(value) {
  return value.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
function runDecimals(run) {
  const [x0, x1, y0, y1] = run.limits;
  return [decimalsFor(x1 - x0), decimalsFor(y1 - y0)];
}
function pointText(run, [x, y], decimals = runDecimals(run)) {
  const [across, up] = run.axisLabels;
  return `${across} ${fixed(x, decimals[0])}, ${up} ${fixed(y, decimals[1])}`;
}
function clusterFacts(run, index) {
  const k = run.k;
  const labels = labelsAt(run, index);
  const start = index === 0;
  const sizes = new Array(k).fill(0);
  const joined = new Array(k).fill(0);
  const left = new Array(k).fill(0);
  if (labels) {
    for (const label of labels) if (label < k) sizes[label] += 1;
  }
  if (labels && !start && run.labelRow[index] !== run.labelRow[index - 1]) {
    const before = labelsAt(run, index - 1);
    for (let i = 0; i < run.n; i++) {
      const now = labels[i];
      const was = before ? before[i] : NO_LABEL;
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
      reseeded: update && run.reseeded[index * k + j] === 1
    });
  }
  return facts;
}
function clusterMarks(run, index, facts = clusterFacts(run, index)) {
  const marks = [];
  for (const { j, empty, reseeded } of facts) {
    if (reseeded || empty) marks.push({ j, mark: reseeded ? "re-seeded" : "empty cluster" });
  }
  return marks;
}
function marksText(marks) {
  return marks.map(({ j, mark }) => `${mark} ${j + 1}`).join(", ");
}
function movedText(run, moved) {
  return fixed(moved, Math.max(...runDecimals(run)));
}
function clusterSentence(run, index, fact, markers) {
  const phase = phaseAt(run, index);
  const name = `Cluster ${fact.j + 1} (${markerName(markers[fact.j % markers.length])})`;
  const where = pointText(run, fact.centroid);
  const parts = [];
  if (fact.size !== null) {
    let size = fact.empty ? "empty" : `${count(fact.size)} point${fact.size === 1 ? "" : "s"}`;
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
function stepDescription(run, index, facts, markers, status = run.status[index]) {
  const head = `Step ${index} of ${run.nSteps - 1}, ${phaseAt(run, index)}: ${status}.`;
  return [head, ...facts.map((fact) => clusterSentence(run, index, fact, markers))].join(" ");
}
function placingDescription(run, placing) {
  const placed = placing.centroids.map((at, j) => `centroid ${j + 1} at ${pointText(run, at)}`);
  return `Placing the starting centroids, K is how many: ${placed.length} placed` + (placed.length ? `: ${placed.join("; ")}.` : ".");
}
function scatterName(run) {
  const [across, up] = run.axisLabels;
  return `Scatter of ${run.n} points in ${run.k} clusters: ${across} across, ${up} up`;
}
var PLACING_TRACE = "The trace starts when the run does: place every centroid first.";
function traceName(run, index) {
  const objective = objectiveName(run.metric);
  const values = [];
  for (let i = 0; i < run.nSteps; i++) {
    if (Number.isFinite(run.inertia[i])) values.push(i);
  }
  if (!values.length) return `Trace of the ${objective}: no value yet`;
  const first = values[0];
  const last = values[values.length - 1];
  const now = run.inertia[index];
  return `Trace of the ${objective} after every half step: ${objectiveValue(run.inertia[first])} at step ${first}, ${objectiveValue(run.inertia[last])} at step ${last}` + (Number.isFinite(now) ? `; ${objectiveValue(now)} at this step, ${index}` : "");
}
function elbowName(elbow, currentK) {
  const ks = elbow.k;
  const at = Array.from(ks).indexOf(currentK);
  return `Elbow curve: inertia for K from ${ks[0]} to ${ks[ks.length - 1]}` + (elbow.elbow != null ? `, elbow at K = ${elbow.elbow}` : ", no clear elbow") + (at >= 0 ? `; current K = ${currentK}, best inertia ${objectiveValue(elbow.best[at])}` : "");
}
function statusText(run, index, { placing, dragging, canPlace, crosshair }) {
  let status;
  if (placing) {
    const n = placing.centroids.length;
    const placed = n ? `${n} placed, K = ${n}` : "K is the number you place";
    const more = n < placing.max;
    const next = more ? `centroid ${n + 1}` : "";
    status = crosshair?.used ? `I'll choose · ${placed} · crosshair at ${pointText(run, crosshair.at)} · ${more ? `Enter places ${next}, ` : ""}S starts the run (Esc cancels)` : `I'll choose · ${placed} · ` + (more ? `click on the picture to place ${next}, or press the arrow keys to move a crosshair and Enter to place it` : `K is at most ${placing.max}`) + "; then Start the run (S) (Esc cancels)";
  } else if (dragging?.keyboard) {
    status = `Moving centroid ${dragging.j + 1} with the keys · at ${pointText(run, dragging.at)} · Enter starts the run from here (Esc puts it back)`;
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
function counterText(run, index) {
  return `Step ${index} / ${run.nSteps - 1} · ${phaseAt(run, index)}`;
}
function stepSpeech(run, index, { paused = false } = {}) {
  const where = `step ${index} of ${run.nSteps - 1}`;
  return `${paused ? `Paused at ${where}` : `Step ${index} of ${run.nSteps - 1}`}: ${run.status[index]}`;
}

// kmeans_teach/static/src/keys.js
var KEY_SHORTCUTS = "ArrowLeft ArrowRight PageUp PageDown Space Home End F";
var ACTIONS = {
  ArrowRight: (explorer) => explorer.step(1),
  PageDown: (explorer) => explorer.step(1),
  ArrowLeft: (explorer) => explorer.step(-1),
  PageUp: (explorer) => explorer.step(-1),
  " ": (explorer) => explorer.togglePlay(),
  Home: (explorer) => explorer.showFirst(),
  End: (explorer) => explorer.showLast(),
  Escape: (explorer) => {
    explorer.cancel();
    explorer.leaveFullscreen();
  },
  f: (explorer) => explorer.toggleFullscreen(),
  F: (explorer) => explorer.toggleFullscreen()
};
function controlOf(target) {
  const control = target.closest?.("input, select, button, textarea");
  return control ?? target.closest?.("label")?.control ?? null;
}
function isTextField(control) {
  if (control.readOnly || control.disabled) return false;
  if (control.tagName === "TEXTAREA") return true;
  return control.tagName === "INPUT" && /^(text|number|search)$/.test(control.type);
}
function keptByControl(key, owner, dragged) {
  if (key === "PageUp" || key === "PageDown") return false;
  if (owner && isTextField(owner)) return key !== "Escape";
  const arrow = key === "ArrowLeft" || key === "ArrowRight";
  if (arrow && dragged) return true;
  if (!owner) return false;
  if (key === " ") return owner.tagName === "BUTTON" || owner.type === "checkbox";
  if (arrow) return owner.type === "range" || owner.tagName === "SELECT";
  return false;
}
var Keys = class {
  constructor(explorer) {
    this.explorer = explorer;
    this.owner = null;
    this.pointer = false;
    this.dragged = null;
  }
  /** Listen to the explorer's keys, focus and pointer; `on` adds a listener it removes. */
  listen(on) {
    const root = this.explorer.root;
    const view = root.ownerDocument.defaultView;
    on(root, "pointerdown", (event) => this.pointerDown(event), { capture: true });
    for (const type of ["pointerup", "pointercancel"]) {
      on(view, type, () => this.pointerUp(), { capture: true });
    }
    on(
      view,
      "keydown",
      () => {
        this.pointer = false;
      },
      { capture: true }
    );
    on(root, "focusin", (event) => this.focusIn(event));
    on(root, "focusout", (event) => {
      if (event.target === this.owner) this.owner = null;
    });
    on(root, "keydown", (event) => this.onKey(event));
  }
  pointerDown(event) {
    this.pointer = true;
    const control = controlOf(event.target);
    if (control?.type === "range") this.dragged = control;
    if (control && control === this.owner && !isTextField(control)) this.owner = null;
  }
  pointerUp() {
    this.pointer = false;
    this.dragged = null;
  }
  focusIn(event) {
    const control = controlOf(event.target);
    const keyboard = !this.pointer;
    this.owner = control && (keyboard || isTextField(control)) ? control : null;
  }
  /** Act on a key pressed inside the explorer (or, on the explorer's own page, beside it). */
  onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const explorer = this.explorer;
    const owner = this.owner;
    if (event.key === "Enter" && owner && isTextField(owner)) {
      event.stopPropagation();
      this.giveKeysToTheRun();
      return;
    }
    const typing = owner && isTextField(owner);
    if (!typing && !this.dragged && explorer.run && explorer.crosshair.onKey(event, owner)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (keptByControl(event.key, owner, this.dragged) || !(event.key in ACTIONS)) {
      if (controlOf(event.target)) event.stopPropagation();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (event.key === "Escape" && owner && isTextField(owner)) {
      explorer.syncChoiceControls();
      this.giveKeysToTheRun();
      return;
    }
    if (explorer.run) ACTIONS[event.key](explorer);
  }
  /** The explorer itself takes the focus (and the keys), showing its ring. */
  giveKeysToTheRun() {
    this.owner = null;
    this.explorer.root.focus({ preventScroll: true });
  }
};
function ownThePage(explorer) {
  const doc = explorer.root.ownerDocument;
  let page = doc.kmeansTeachExplorers;
  if (!page) {
    page = { explorers: /* @__PURE__ */ new Set(), last: null };
    doc.kmeansTeachExplorers = page;
    doc.addEventListener("keydown", (event) => {
      const nothingFocused = event.target === doc.body || event.target === doc.documentElement;
      const explorer2 = page.last ?? [...page.explorers][0];
      if (nothingFocused && explorer2) explorer2.keys.onKey(event);
    });
  }
  page.explorers.add(explorer);
  const used = () => {
    page.last = explorer;
  };
  explorer.root.addEventListener("focusin", used);
  takeTheKeysOnLoad(explorer, doc);
  return () => {
    page.explorers.delete(explorer);
    if (page.last === explorer) page.last = null;
    explorer.root.removeEventListener("focusin", used);
  };
}
function takeTheKeysOnLoad(explorer, doc, tries = 60) {
  const root = explorer.root;
  if (root.isConnected) {
    const active = doc.activeElement;
    if (!active || active === doc.body || active === doc.documentElement) {
      root.focus({ preventScroll: true });
    }
    return;
  }
  if (tries > 0) requestAnimationFrame(() => takeTheKeysOnLoad(explorer, doc, tries - 1));
}

// kmeans_teach/static/src/controls.js
var SPEEDS = [0.5, 1, 2, 4, 8];
var CHOOSE = "choose";
var CHOOSE_LABEL = "I'll choose (place them on the picture)";
var MARKUP = `
  <div class="kt-title" aria-hidden="true"></div>
  <div class="kt-controls kt-run-controls">
    <label class="kt-control">Clusters K
      <input name="k" type="range" min="1" step="1">
      <output class="kt-k-value" aria-hidden="true"></output></label>
    <label class="kt-control kt-check"><input name="lecture" type="checkbox"> Lecture mode</label>
    <button type="button" name="table" aria-pressed="false"
      title="The clusters, the trace and the elbow curve as tables">Table</button>
    <label class="kt-control">Speed <select name="speed"></select></label>
    <button type="button" name="fullscreen" aria-pressed="false" aria-keyshortcuts="F"
      title="The explorer alone, filling the screen (F; Esc leaves)">Full screen</button>
    <button type="button" name="start-placed" hidden aria-keyshortcuts="S"
      title="Start the run from the centroids placed: K is how many (S)">Start the run</button>
    <details class="kt-more">
      <summary>Data, seed, start, distance</summary>
      <div class="kt-controls kt-more-controls">
        <label class="kt-control">Data set <select name="data"></select></label>
        <label class="kt-control kt-data-seed">Data seed <input name="data-seed" type="number"
          min="0" step="1" inputmode="numeric"></label>
        <button type="button" name="new-data"
          title="Draw the data set again from a new random data seed">New data</button>
        <label class="kt-control">Seed <input name="seed" type="number" min="0" step="1"
          inputmode="numeric"></label>
        <button type="button" name="new-seed" title="Start again from another random seed">New seed</button>
        <label class="kt-control">Start <select name="init"></select></label>
        <label class="kt-control">Distance <select name="metric"></select></label>
      </div>
    </details>
  </div>
  <div class="kt-announcer kt-visually-hidden" role="status" aria-live="polite"
    aria-atomic="true"></div>
  <div class="kt-panels">
    <figure class="kt-panel kt-scatter">
      <figcaption class="kt-scatter-caption"></figcaption>
      <div class="kt-layers">
        <canvas class="kt-regions" aria-hidden="true"></canvas>
        <canvas class="kt-points" aria-hidden="true"></canvas>
        <canvas class="kt-overlay" tabindex="0" role="application"
          aria-roledescription="scatter plot"></canvas>
      </div>
      <div class="kt-description" hidden></div>
    </figure>
    <div class="kt-side">
      <div class="kt-controls kt-step-controls">
        <button type="button" name="first" title="First step (Home)" aria-keyshortcuts="Home">First</button>
        <button type="button" name="back" title="Step back (←, Page Up)"
          aria-keyshortcuts="ArrowLeft PageUp"><span aria-hidden="true">◀</span> Back</button>
        <button type="button" name="play" title="Play or pause (Space)" aria-keyshortcuts="Space"
          data-playing="false"><span aria-hidden="true">▶</span> Play</button>
        <button type="button" name="forward" title="Step forward (→, Page Down)"
          aria-keyshortcuts="ArrowRight PageDown">Next <span aria-hidden="true">▶</span></button>
        <button type="button" name="last" title="Last step (End)" aria-keyshortcuts="End">Last</button>
        <label class="kt-control kt-scrubber">Step <input name="step" type="range" min="0" step="1"></label>
        <span class="kt-counter" aria-hidden="true"></span>
      </div>
      <div class="kt-status-area">
        <p class="kt-status"></p>
        <p class="kt-message" hidden></p>
      </div>
      <div class="kt-charts">
        <figure class="kt-panel kt-trace">
          <figcaption>The objective after every half step</figcaption>
          <canvas role="img"></canvas>
        </figure>
        <figure class="kt-panel kt-elbow">
          <figcaption>Elbow curve · click a K to choose it</figcaption>
          <canvas role="img"></canvas>
        </figure>
      </div>
    </div>
  </div>
  <div class="kt-tables" hidden></div>`;
function buildPage(root, choices, speed) {
  root.classList.add("kt-explorer");
  root.tabIndex = 0;
  root.setAttribute("role", "group");
  root.setAttribute("aria-roledescription", "k-means explorer");
  root.setAttribute("aria-label", "k-means explorer: arrow keys step, space plays");
  root.setAttribute("aria-keyshortcuts", KEY_SHORTCUTS);
  root.dataset.lmSuppressShortcuts = "true";
  root.innerHTML = MARKUP;
  const find = (selector) => root.querySelector(selector);
  const doc = root.ownerDocument;
  doc.kmeansTeachIds = (doc.kmeansTeachIds ?? 0) + 1;
  const id = (name) => {
    const element = find(`.kt-${name}`);
    element.id = `kt-${doc.kmeansTeachIds}-${name}`;
    return element.id;
  };
  find(".kt-overlay").setAttribute("aria-describedby", id("description"));
  find("[name=table]").setAttribute("aria-controls", id("tables"));
  const el = {
    title: find(".kt-title"),
    data: find("[name=data]"),
    dataSeed: find("[name=data-seed]"),
    newData: find("[name=new-data]"),
    k: find("[name=k]"),
    kValue: find(".kt-k-value"),
    seed: find("[name=seed]"),
    newSeed: find("[name=new-seed]"),
    init: find("[name=init]"),
    startPlaced: find("[name=start-placed]"),
    metric: find("[name=metric]"),
    lecture: find("[name=lecture]"),
    fullscreen: find("[name=fullscreen]"),
    more: find(".kt-more"),
    first: find("[name=first]"),
    back: find("[name=back]"),
    play: find("[name=play]"),
    forward: find("[name=forward]"),
    last: find("[name=last]"),
    speed: find("[name=speed]"),
    step: find("[name=step]"),
    counter: find(".kt-counter"),
    status: find(".kt-status"),
    message: find(".kt-message"),
    panels: find(".kt-panels"),
    side: find(".kt-side"),
    stepControls: find(".kt-step-controls"),
    statusArea: find(".kt-status-area"),
    charts: find(".kt-charts"),
    scatter: find(".kt-scatter"),
    scatterCaption: find(".kt-scatter-caption"),
    layers: find(".kt-layers"),
    regions: find(".kt-regions"),
    points: find(".kt-points"),
    overlay: find(".kt-overlay"),
    trace: find(".kt-trace canvas"),
    tracePanel: find(".kt-trace"),
    elbow: find(".kt-elbow canvas"),
    elbowPanel: find(".kt-elbow"),
    table: find("[name=table]"),
    tables: find(".kt-tables"),
    description: find(".kt-description"),
    announcer: find(".kt-announcer")
  };
  fill(
    el.data,
    choices.data.map((name) => [name, name])
  );
  fill(
    el.init,
    choices.inits.map((init) => [init, init === CHOOSE ? CHOOSE_LABEL : init])
  );
  fill(
    el.metric,
    choices.metrics.map((metric) => [metric, METRIC_NAMES[metric] || metric])
  );
  fill(
    el.speed,
    SPEEDS.map((value) => [value, `${value} steps/s`])
  );
  el.speed.value = String(speed || 2);
  el.k.min = String(choices.kMin);
  el.k.max = String(choices.kMax);
  el.seed.max = String(choices.seedMax);
  if (choices.dataSeedMax) {
    el.dataSeed.max = String(choices.dataSeedMax);
  } else {
    el.dataSeed.closest("label").remove();
    el.newData.remove();
    el.dataSeed = el.newData = null;
  }
  el.data.disabled = choices.data.length < 2;
  el.metric.disabled = choices.metrics.length < 2;
  el.init.disabled = choices.inits.length < 2;
  if (choices.seeds) {
    el.seed.readOnly = true;
    el.seed.title = `This page holds the seeds ${choices.seeds.join(", ")}: "New seed" goes to the next`;
  }
  return el;
}
function fill(select, options) {
  select.replaceChildren(
    ...options.map(
      ([value, text]) => Object.assign(document.createElement("option"), { value, textContent: text })
    )
  );
}
function showRunChoices(el, run) {
  el.title.textContent = run.title;
  el.scatterCaption.textContent = run.title;
  el.data.value = run.data;
  if (el.dataSeed) {
    const seeded = run.dataSeed != null;
    el.dataSeed.value = seeded ? String(run.dataSeed) : "";
    el.dataSeed.disabled = el.newData.disabled = !seeded;
  }
  el.k.value = String(run.k);
  el.kValue.textContent = String(run.k);
  el.k.setAttribute("aria-valuetext", `K = ${run.k}`);
  el.seed.value = String(run.seed);
  el.init.value = run.init === "given" ? CHOOSE : run.init;
  el.metric.value = run.metric;
  el.step.max = String(run.nSteps - 1);
}
function showStep(el, run, index, playing) {
  const focused = el.first.getRootNode().activeElement;
  const counter = counterText(run, index);
  if (el.counter.textContent !== counter) el.counter.textContent = counter;
  el.step.value = String(index);
  el.step.setAttribute("aria-valuetext", counter);
  const last = run.nSteps - 1;
  el.back.disabled = el.first.disabled = index <= 0;
  el.forward.disabled = el.last.disabled = index >= last;
  if (el.play.dataset.playing !== String(playing)) {
    el.play.dataset.playing = String(playing);
    const icon = Object.assign(document.createElement("span"), {
      textContent: playing ? "⏸" : "▶"
    });
    icon.setAttribute("aria-hidden", "true");
    el.play.replaceChildren(icon, playing ? " Pause" : " Play");
  }
  return [el.first, el.back, el.forward, el.last].some(
    (button) => button === focused && button.disabled
  );
}

// kmeans_teach/static/src/canvas.js
var RING = "#CC6677";
var TICK_FONT = 14;
var LABEL_FONT = 15;
function setFont(ctx, px, weight = "") {
  ctx.font = `${weight ? `${weight} ` : ""}${px}px sans-serif`;
  const data = ctx.canvas.dataset;
  if (data && !(Number(data.fontMin) <= px)) data.fontMin = String(Math.round(px * 100) / 100);
}
function axisTicks(low, high, length, spacing) {
  const count2 = Math.max(2, Math.floor(length / spacing));
  let ticks = niceTicks(low, high, count2);
  for (let more = count2 + 1; ticks.length < 2 && more <= count2 + 8; more++) {
    ticks = niceTicks(low, high, more);
  }
  return ticks;
}
function niceTicks(low, high, count2 = 5) {
  const span = high - low || 1;
  const raw = span / count2;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) || power * 10;
  const ticks = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  }
  return ticks;
}
function formatTick(value) {
  const size = Math.abs(value);
  if (size >= 1e5 || size > 0 && size < 1e-3) return value.toExponential(0);
  return String(Number(value.toPrecision(6)));
}
function polyline(ctx, points) {
  points.forEach(([x, y], i) => {
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
}
function markerPath(ctx, marker, x, y, r) {
  ctx.beginPath();
  traceMarker(ctx, marker, x, y, r);
}
function cross(angle) {
  const w = 0.38;
  const arm = [
    [-w, -1],
    [w, -1],
    [w, -w],
    [1, -w],
    [1, w],
    [w, w],
    [w, 1],
    [-w, 1],
    [-w, w],
    [-1, w],
    [-1, -w],
    [-w, -w]
  ];
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return arm.flatMap(([x, y]) => [x * c - y * s, x * s + y * c]);
}
var SHAPES = {
  s: [-0.85, -0.85, 0.85, -0.85, 0.85, 0.85, -0.85, 0.85],
  "^": [0, -1.1, 1, 0.75, -1, 0.75],
  v: [0, 1.1, 1, -0.75, -1, -0.75],
  "<": [-1.1, 0, 0.75, -1, 0.75, 1],
  ">": [1.1, 0, -0.75, -1, -0.75, 1],
  D: [0, -1.1, 0.8, 0, 0, 1.1, -0.8, 0],
  P: cross(0),
  X: cross(Math.PI / 4),
  h: [0, 1, 2, 3, 4, 5].flatMap((i) => [Math.sin(i * Math.PI / 3), -Math.cos(i * Math.PI / 3)])
};
function traceMarker(ctx, marker, x, y, r) {
  const shape = SHAPES[marker];
  if (shape === void 0) {
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    return;
  }
  ctx.moveTo(x + shape[0] * r, y + shape[1] * r);
  for (let i = 2; i < shape.length; i += 2) ctx.lineTo(x + shape[i] * r, y + shape[i + 1] * r);
  ctx.closePath();
}
function sizeCanvas(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  delete canvas.dataset.fontMin;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
function transform(box, x0, x1, y0, y1) {
  const sx = box.w / (x1 - x0 || 1);
  const sy = box.h / (y1 - y0 || 1);
  return {
    box,
    x: (value) => box.x + (value - x0) * sx,
    y: (value) => box.y + box.h - (value - y0) * sy,
    dataX: (px) => x0 + (px - box.x) / sx,
    dataY: (py) => y0 + (box.y + box.h - py) / sy
  };
}
function drawAxes(ctx, box, [x0, x1, y0, y1], { xLabel, yLabel, xTicks, scale }) {
  const map = transform(box, x0, x1, y0, y1);
  ctx.save();
  ctx.strokeStyle = "#333";
  ctx.fillStyle = "#222";
  ctx.lineWidth = Math.max(1, scale);
  ctx.strokeRect(box.x, box.y, box.w, box.h);
  setFont(ctx, TICK_FONT * scale);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  const shown = [0, 0];
  for (const t of xTicks || axisTicks(x0, x1, box.w, 75 * scale)) {
    const px = map.x(t);
    if (px < box.x - 0.5 || px > box.x + box.w + 0.5) continue;
    shown[0] += 1;
    ctx.beginPath();
    ctx.moveTo(px, box.y + box.h);
    ctx.lineTo(px, box.y + box.h + 4 * scale);
    ctx.stroke();
    ctx.fillText(formatTick(t), px, box.y + box.h + 5 * scale);
  }
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const t of axisTicks(y0, y1, box.h, 48 * scale)) {
    const py = map.y(t);
    if (py < box.y - 0.5 || py > box.y + box.h + 0.5) continue;
    shown[1] += 1;
    ctx.beginPath();
    ctx.moveTo(box.x, py);
    ctx.lineTo(box.x - 4 * scale, py);
    ctx.stroke();
    ctx.fillText(formatTick(t), box.x - 6 * scale, py);
  }
  ctx.canvas.dataset.ticks = shown.join(" ");
  setFont(ctx, LABEL_FONT * scale);
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.fillText(xLabel, box.x + box.w / 2, box.y + box.h + 38 * scale, box.w);
  ctx.translate(12 * scale, box.y + box.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "middle";
  ctx.fillText(yLabel, 0, 0, box.h);
  ctx.restore();
  return map;
}
function margins(scale) {
  return { left: 66 * scale, right: 10 * scale, top: 10 * scale, bottom: 42 * scale };
}
function plotBox(width, height, scale) {
  const m = margins(scale);
  return { x: m.left, y: m.top, w: width - m.left - m.right, h: height - m.top - m.bottom };
}
function ring(ctx, x, y, r, lineWidth) {
  ctx.strokeStyle = RING;
  ctx.lineWidth = lineWidth;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.stroke();
}
function drawLegend(ctx, box, rows, scale, corner = "top-right") {
  const font = TICK_FONT * scale;
  ctx.save();
  setFont(ctx, font);
  const width = Math.max(...rows.map(([, text]) => ctx.measureText(text).width)) + 26 * scale;
  const line = font * 1.45;
  const x = corner === "top-right" ? box.x + box.w - width - 6 * scale : box.x + 6 * scale;
  let y = box.y + 6 * scale;
  ctx.fillStyle = "rgba(255, 255, 255, 0.82)";
  ctx.fillRect(x - 4 * scale, y - 3 * scale, width + 6 * scale, rows.length * line + 4 * scale);
  for (const [draw, text] of rows) {
    draw(ctx, x + 8 * scale, y + line / 2);
    ctx.fillStyle = "#222";
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    ctx.fillText(text, x + 20 * scale, y + line / 2);
    y += line;
  }
  ctx.restore();
}
function stampOver(pixels, width, height, stamp, left, top) {
  const { size, data } = stamp;
  for (let row = Math.max(0, -top); row < size && top + row < height; row++) {
    for (let col = Math.max(0, -left); col < size && left + col < width; col++) {
      const from = (row * size + col) * 4;
      const alpha = data[from + 3];
      if (alpha === 0) continue;
      const to = ((top + row) * width + left + col) * 4;
      if (alpha === 255 || pixels[to + 3] === 0) {
        pixels[to] = data[from];
        pixels[to + 1] = data[from + 1];
        pixels[to + 2] = data[from + 2];
        pixels[to + 3] = Math.max(alpha, pixels[to + 3]);
        continue;
      }
      const a = alpha / 255;
      const b = pixels[to + 3] / 255 * (1 - a);
      const out = a + b;
      for (let c = 0; c < 3; c++) pixels[to + c] = (data[from + c] * a + pixels[to + c] * b) / out;
      pixels[to + 3] = out * 255;
    }
  }
}

// kmeans_teach/static/src/elbow.js
var BAND = "rgba(136, 204, 238, 0.45)";
var BAND_KEY = "rgba(136, 204, 238, 0.7)";
var BEST = "#332288";
var ELBOW = "#117733";
var ElbowPanel = class {
  /** `canvas` is the elbow's canvas (its figure holds the caption). */
  constructor(canvas) {
    this.canvas = canvas;
    this.width = 0;
    this.height = 0;
    this.scale = 1;
    this.map = null;
  }
  /** The curve's size in CSS pixels, and the scale of its type and lines. */
  resize(width, height, scale) {
    this.width = width;
    this.height = height;
    this.scale = scale;
    sizeCanvas(this.canvas, width, height);
  }
  /** The curve of `elbow` (see run.js, `decodeElbow`) with `currentK` ringed. */
  draw(elbow, currentK) {
    const ctx = this.canvas.getContext("2d");
    ctx.clearRect(0, 0, this.width, this.height);
    const scale = this.scale;
    const ks = Array.from(elbow.k);
    const high = Math.max(...elbow.worst);
    const box = plotBox(this.width, this.height, scale);
    const kLow = ks[0] - 0.5;
    const kHigh = ks[ks.length - 1] + 0.5;
    const map = drawAxes(ctx, box, [kLow, kHigh, 0, high * 1.08 || 1], {
      xLabel: "K, the number of clusters",
      yLabel: "inertia",
      xTicks: ks,
      scale
    });
    ctx.save();
    ctx.fillStyle = BAND;
    ctx.beginPath();
    const worst = ks.map((k, i) => [map.x(k), map.y(elbow.worst[i])]);
    const best = ks.map((k, i) => [map.x(k), map.y(elbow.best[i])]);
    polyline(ctx, [...worst, ...best.reverse()]);
    best.reverse();
    ctx.closePath();
    ctx.fill();
    ctx.strokeStyle = BEST;
    ctx.fillStyle = BEST;
    ctx.lineWidth = 2 * scale;
    ctx.beginPath();
    polyline(ctx, best);
    ctx.stroke();
    for (let i = 0; i < ks.length; i++) {
      ctx.beginPath();
      ctx.arc(map.x(ks[i]), map.y(elbow.best[i]), 3.6 * scale, 0, 2 * Math.PI);
      ctx.fill();
    }
    if (elbow.elbow != null) {
      ctx.strokeStyle = ELBOW;
      ctx.setLineDash([2 * scale, 4 * scale]);
      ctx.lineWidth = 2.5 * scale;
      ctx.beginPath();
      ctx.moveTo(map.x(elbow.elbow), box.y);
      ctx.lineTo(map.x(elbow.elbow), box.y + box.h);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    const at = ks.indexOf(currentK);
    if (at >= 0) ring(ctx, map.x(ks[at]), map.y(elbow.best[at]), 9 * scale, 3 * scale);
    ctx.restore();
    this.map = map;
    drawLegend(ctx, box, legendRows(elbow, scale), scale);
  }
  /**
   * The K nearest a pointer event across the curve (within [kMin, kMax]), or null when the
   * pointer is beside the plot or nothing is drawn yet.
   */
  kAt(event, elbow, kMin, kMax) {
    if (!elbow || !this.map) return null;
    const rect = this.canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const box = this.map.box;
    if (px < box.x - 10 || px > box.x + box.w + 10) return null;
    const wanted = this.map.dataX(px);
    let best = null;
    for (const k of elbow.k) {
      if (k < kMin || k > kMax) continue;
      if (best == null || Math.abs(k - wanted) < Math.abs(best - wanted)) best = k;
    }
    return best;
  }
};
function legendRows(elbow, scale) {
  const rows = [
    [
      (c, x, y) => {
        c.fillStyle = BAND_KEY;
        c.fillRect(x - 6 * scale, y - 4 * scale, 12 * scale, 8 * scale);
      },
      "best to worst start"
    ],
    [
      (c, x, y) => {
        c.fillStyle = BEST;
        c.beginPath();
        c.arc(x, y, 3.6 * scale, 0, 2 * Math.PI);
        c.fill();
      },
      "best of 5 starts"
    ],
    [(c, x, y) => ring(c, x, y, 5.5 * scale, 2.5 * scale), "current K"]
  ];
  if (elbow.elbow != null) {
    rows.push([
      (c, x, y) => {
        c.strokeStyle = ELBOW;
        c.lineWidth = 2.5 * scale;
        c.setLineDash([2 * scale, 3 * scale]);
        c.beginPath();
        c.moveTo(x, y - 6 * scale);
        c.lineTo(x, y + 6 * scale);
        c.stroke();
        c.setLineDash([]);
      },
      `elbow: K = ${elbow.elbow}`
    ]);
  }
  return rows;
}

// kmeans_teach/static/src/tables.js
function table(container, className) {
  const element = document.createElement("table");
  element.className = `kt-table ${className}`;
  const caption = element.createCaption();
  const head = element.createTHead().insertRow();
  const body = element.createTBody();
  container.append(element);
  return { element, caption, head, body };
}
function setHeaders(row, names) {
  row.replaceChildren(
    ...names.map((name) => {
      const cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = name;
      return cell;
    })
  );
}
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
var NONE = "–";
var TableView = class {
  /** The tables go into `container` (hidden until the view is shown). */
  constructor(container) {
    this.container = container;
    this.shown = false;
    this.clusters = table(container, "kt-cluster-table");
    this.trace = table(container, "kt-trace-table");
    this.elbow = table(container, "kt-elbow-table");
    this.written = {};
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
      "Note"
    ]);
    const decimals = runDecimals(run);
    const marker = (j) => markerName(markers[j % markers.length]);
    if (placing) {
      caption.textContent = `Starting centroids placed so far (K = ${placing.centroids.length})`;
      body.replaceChildren(
        ...placing.centroids.map(
          ([x, y], j) => bodyRow([
            String(j + 1),
            marker(j),
            NONE,
            NONE,
            NONE,
            fixed(x, decimals[0]),
            fixed(y, decimals[1]),
            NONE,
            "placed"
          ])
        )
      );
      return;
    }
    caption.textContent = `Clusters at step ${index} of ${run.nSteps - 1} (${phaseAt(run, index)})`;
    const orNone = (value, text) => value === null ? NONE : text(value);
    body.replaceChildren(
      ...facts.map(
        (fact) => bodyRow([
          String(fact.j + 1),
          marker(fact.j),
          orNone(fact.size, count),
          orNone(fact.joined, count),
          orNone(fact.left, count),
          fixed(fact.centroid[0], decimals[0]),
          fixed(fact.centroid[1], decimals[1]),
          orNone(fact.moved, (moved) => movedText(run, moved)),
          fact.reseeded ? "re-seeded" : fact.empty ? "empty" : ""
        ])
      )
    );
  }
  writeTrace({ run, index, placing }) {
    const { caption, head, body } = this.trace;
    const objective = objectiveName(run.metric);
    if (placing) {
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
        "Points that changed cluster"
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
            phaseAt(run, i) === "assign" && changed >= 0 ? count(changed) : NONE
          ])
        );
      }
      body.replaceChildren(...rows);
    }
    const current = placing ? null : index;
    if (this.written.traceRow === current) return;
    caption.textContent = `The ${objective} after every half step` + (current === null ? "" : ` (this step: ${current} of ${run.nSteps - 1})`);
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
      caption.textContent = "Elbow curve: the inertia of the best and of the worst of 5 starts for each K" + (elbow.elbow != null ? ` (elbow at K = ${elbow.elbow})` : "");
      setHeaders(head, ["K", "Best inertia", "Worst inertia", "Note"]);
      const rows = [];
      for (let i = 0; i < elbow.k.length; i++) {
        rows.push(
          bodyRow([
            String(elbow.k[i]),
            objectiveValue(elbow.best[i]),
            objectiveValue(elbow.worst[i]),
            elbow.k[i] === elbow.elbow ? "elbow" : ""
          ])
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
};
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

// kmeans_teach/static/src/narration.js
var Narration = class {
  /** `el` are the explorer's elements (controls.js, `buildPage`); `markers` plotting.py's. */
  constructor(el, markers) {
    this.el = el;
    this.markers = markers;
    this.tables = new TableView(el.tables);
    this.written = {};
    this.facts = null;
    this.speech = null;
    this.said = 0;
  }
  /** The facts of every cluster at step `index` (description.js), once per step. */
  factsOf(run, index) {
    const key = `${run.key}|${index}`;
    if (this.written.facts !== key) {
      this.written.facts = key;
      this.facts = clusterFacts(run, index);
    }
    return this.facts;
  }
  /**
   * Write the words of what is drawn now: `run` at step `index` with its `facts`, the
   * status line's `status`, the centroids being `placing`, the `elbow` curve and the
   * `currentK`; then say what the user's last action showed, if anything.
   */
  write({ run, index, facts, status, placing, elbow, currentK }) {
    const el = this.el;
    if (el.status.textContent !== status) el.status.textContent = status;
    const key = placing ? `${run.key}|placing|${status}` : `${this.written.facts}|${status}`;
    if (this.written.description !== key) {
      this.written.description = key;
      el.description.textContent = placing ? placingDescription(run, placing) : stepDescription(run, index, facts, this.markers, status);
      el.trace.setAttribute(
        "aria-label",
        placing ? `Trace of the ${objectiveName(run.metric)}: ${PLACING_TRACE}` : traceName(run, index)
      );
    }
    if (elbow && this.written.elbow !== `${elbow.data}|${elbow.elbow}|${currentK}`) {
      this.written.elbow = `${elbow.data}|${elbow.elbow}|${currentK}`;
      el.elbow.setAttribute("aria-label", elbowName(elbow, currentK));
    }
    this.tables.update({ run, index, facts, markers: this.markers, placing, elbow, currentK });
    this.speak(run, index);
  }
  /** Say what the user's last action showed, once (see Explorer `show` and `togglePlay`). */
  speak(run, index) {
    const speech = this.speech;
    this.speech = null;
    if (speech === "run") this.say(`New run: ${run.title}. ${stepSpeech(run, index)}`);
    else if (speech === "step") this.say(stepSpeech(run, index));
    else if (speech === "paused") this.say(stepSpeech(run, index, { paused: true }));
  }
  /** Say `text` in the live region now (a screen reader speaks it after what it is saying). */
  say(text) {
    const region = this.el.announcer;
    const again = region.textContent === text;
    region.textContent = again ? `${text} ` : text;
    this.said += 1;
    region.dataset.said = String(this.said);
  }
  /** Show the tables or hide them (the Table button). */
  showTables(on) {
    this.tables.show(on);
    this.el.table.setAttribute("aria-pressed", String(on));
  }
};

// kmeans_teach/static/src/placing.js
var ARROWS = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1]
};
var BIG_STEP = 10;
function placeCentroid(explorer, at) {
  const placing = explorer.placing;
  if (placing.centroids.length >= placing.max) {
    explorer.refuse(
      `K is at most ${placing.max}: start the run from these (S), or take one back (Backspace).`,
      { keepControls: false }
    );
    return false;
  }
  placing.centroids.push(at);
  explorer.dirty();
  return true;
}
function dropCentroid(explorer) {
  const { j, at } = explorer.dragging;
  explorer.dragging = null;
  const run = explorer.run;
  const [x0, y0] = centroidAt(run, 0, j);
  if (at[0] === x0 && at[1] === y0) {
    explorer.dirty();
    return false;
  }
  const centroids = [];
  for (let i = 0; i < run.k; i++) centroids.push(i === j ? at : centroidAt(run, 0, i));
  explorer.choose({ init: "given", centroids, moved: j });
  return true;
}
function roundStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw));
  const best = [1, 2, 5, 10].reduce(
    (a, b) => Math.abs(b * power - raw) < Math.abs(a * power - raw) ? b : a
  );
  return best * power;
}
var Crosshair = class {
  constructor(explorer) {
    this.explorer = explorer;
    this.at = [0, 0];
    this.step = 1;
    this.used = false;
  }
  /**
   * A new run: the crosshair starts in the middle of the plot and moves in round steps of
   * about a hundredth of it, so the places it stops at are read out as short numbers.
   */
  reset(run) {
    const [x0, x1, y0, y1] = run.limits;
    this.limits = run.limits;
    this.step = roundStep(Math.max(x1 - x0, y1 - y0) / 100 || 1);
    this.at = [this.snap((x0 + x1) / 2), this.snap((y0 + y1) / 2)];
    this.used = false;
  }
  snap(value) {
    return Number((Math.round(value / this.step) * this.step).toPrecision(12));
  }
  /** Where the crosshair is to be drawn ([x, y]), or null when the keys are not placing. */
  get shown() {
    const explorer = this.explorer;
    if (explorer.dragging?.keyboard) return explorer.dragging.at;
    return explorer.placing && this.used ? this.at : null;
  }
  /**
   * Act on a key pressed in the explorer, if it is one of the crosshair's now; `owner` is
   * the control that keeps its own keys (see keys.js), or null. Returns true when it acted.
   */
  onKey(event, owner) {
    const explorer = this.explorer;
    if (!explorer.run) return false;
    const key = event.key;
    const arrowsKept = owner && (owner.type === "range" || owner.tagName === "SELECT");
    const moving = explorer.placing || explorer.dragging?.keyboard;
    if (moving && key in ARROWS && !arrowsKept) {
      const [across, up] = ARROWS[key];
      this.move(across, up, event.shiftKey ? BIG_STEP : 1);
      return true;
    }
    if (moving && key === "Enter" && (!owner || owner === explorer.el.init)) {
      if (explorer.placing) this.enterWhilePlacing(owner);
      else this.drop();
      return true;
    }
    if (explorer.placing && key === "Backspace" && !owner) {
      this.takeBack();
      return true;
    }
    if (explorer.placing && (key === "s" || key === "S") && !owner) {
      explorer.startPlaced();
      return true;
    }
    const digit = /^[0-9]$/.test(key) ? (Number(key) + 9) % 10 : null;
    if (digit !== null && !owner && this.canPick(digit)) {
      this.pick(digit);
      return true;
    }
    return false;
  }
  /** Whether start centroid `j` can be picked up now (the start step, where moving is offered). */
  canPick(j) {
    const explorer = this.explorer;
    return explorer.host.choices.place && explorer.index === 0 && !explorer.placing && j < explorer.run.k;
  }
  move(across, up, steps) {
    const explorer = this.explorer;
    const [x0, x1, y0, y1] = this.limits;
    const dragging = explorer.dragging?.keyboard;
    const from = dragging ? explorer.dragging.at : this.at;
    const go = (value, by) => by === 0 ? value : dragging ? value + by : this.snap(value + by);
    const clamp2 = (value, low, high) => Math.min(high, Math.max(low, value));
    const at = [
      clamp2(go(from[0], across * steps * this.step), x0, x1),
      clamp2(go(from[1], up * steps * this.step), y0, y1)
    ];
    if (explorer.dragging?.keyboard) {
      explorer.dragging.at = at;
      explorer.say(`Centroid ${explorer.dragging.j + 1} at ${pointText(explorer.run, at)}`);
    } else {
      this.at = at;
      this.used = true;
      explorer.say(`Crosshair at ${pointText(explorer.run, at)}`);
    }
    explorer.dirty();
  }
  /**
   * Enter while placing: from the start menu (or before the crosshair is up) it brings the
   * crosshair up on the picture and gives the picture the focus; then it places a centroid.
   */
  enterWhilePlacing(owner) {
    const explorer = this.explorer;
    if (owner || !this.used) {
      this.used = true;
      explorer.el.overlay.focus({ preventScroll: true });
      explorer.say(
        `Crosshair at ${pointText(explorer.run, this.at)}: the arrow keys move it, Shift with them ten times as far, Enter places a centroid there`
      );
      explorer.dirty();
      return;
    }
    const at = [...this.at];
    if (!placeCentroid(explorer, at)) return;
    const k = explorer.placing.centroids.length;
    explorer.say(
      `Centroid ${k} placed at ${pointText(explorer.run, at)}: K = ${k}. ` + (k < explorer.placing.max ? "Enter places another, " : "") + "S starts the run."
    );
  }
  takeBack() {
    const explorer = this.explorer;
    const taken = explorer.placing.centroids.pop();
    if (taken) this.at = taken;
    explorer.say(
      taken ? `Centroid ${explorer.placing.centroids.length + 1} taken back` : "No centroid placed yet"
    );
    explorer.dirty();
  }
  /** Pick start centroid `j` up: the arrows move it now. */
  pick(j) {
    const explorer = this.explorer;
    const at = centroidAt(explorer.run, 0, j);
    explorer.dragging = { j, at, keyboard: true };
    explorer.say(
      `Centroid ${j + 1} picked up at ${pointText(explorer.run, at)}: the arrow keys move it, Enter starts the run from where it is, Esc puts it back`
    );
    explorer.dirty();
  }
  drop() {
    const explorer = this.explorer;
    const { j, at } = explorer.dragging;
    const where = pointText(explorer.run, at);
    const moved = dropCentroid(explorer);
    explorer.say(
      moved ? `Centroid ${j + 1} let go at ${where}: computing the run from there` : `Centroid ${j + 1} put back where it was`
    );
  }
};

// kmeans_teach/static/src/pointer.js
function listenToThePointer(explorer, on) {
  const { overlay, elbow } = explorer.el;
  on(overlay, "pointerdown", (event) => pointerDown(explorer, event));
  on(overlay, "pointermove", (event) => pointerMove(explorer, event));
  on(overlay, "pointerup", (event) => pointerUp(explorer, event));
  on(overlay, "pointercancel", () => explorer.cancelDrag());
  on(elbow, "click", (event) => {
    const k = elbowK(explorer, event);
    if (k != null && k !== explorer.run.k) {
      explorer.el.k.value = String(k);
      explorer.choose({ k });
    }
  });
  on(elbow, "pointermove", (event) => {
    elbow.style.cursor = elbowK(explorer, event) == null ? "default" : "pointer";
  });
}
function elbowK(explorer, event) {
  const { kMin, kMax } = explorer.host.choices;
  return explorer.elbowPanel.kAt(event, explorer.elbow, kMin, kMax);
}
function centroidUnder(explorer, event) {
  if (!explorer.host.choices.place || explorer.index !== 0 || explorer.placing) return null;
  return explorer.scatter.startCentroidAt(event, explorer.run);
}
function pointerDown(explorer, event) {
  event.preventDefault();
  explorer.root.focus({ preventScroll: true });
  if (explorer.placing) {
    const at = explorer.scatter.dataAt(event);
    if (!at) {
      explorer.refuse("Click inside the plot to place a centroid.", { keepControls: false });
      return;
    }
    explorer.clearMessage();
    placeCentroid(explorer, at);
    return;
  }
  const j = centroidUnder(explorer, event);
  if (j != null) {
    explorer.el.overlay.setPointerCapture?.(event.pointerId);
    explorer.dragging = { j, at: centroidAt(explorer.run, 0, j) };
    explorer.dirty();
  }
}
function pointerMove(explorer, event) {
  if (explorer.dragging && !explorer.dragging.keyboard) {
    const at = explorer.scatter.dataAt(event);
    if (at) explorer.dragging.at = at;
    explorer.dirty();
    return;
  }
  const over = explorer.placing || centroidUnder(explorer, event) != null;
  explorer.el.overlay.style.cursor = explorer.placing ? "crosshair" : over ? "grab" : "default";
}
function pointerUp(explorer, event) {
  if (!explorer.dragging || explorer.dragging.keyboard) return;
  const at = explorer.scatter.dataAt(event);
  if (at) explorer.dragging.at = at;
  dropCentroid(explorer);
}

// kmeans_teach/static/src/callouts.js
function layOutCentroids(places, r, width, height) {
  const drawn = places.map(([x, y], j) => ({ j, x, y, callout: null }));
  for (const { members, gx, gy, around } of groupsApart(places, r)) {
    if (members.length < 2) continue;
    const direction = (j) => {
      const dx = places[j][0] - gx;
      const dy = places[j][1] - gy;
      return Math.hypot(dx, dy) < 0.5 ? 0 : Math.atan2(dx, -dy);
    };
    const order = [...members].sort((a, b) => direction(a) - direction(b) || a - b);
    const first = direction(order[0]);
    order.forEach((j, slot) => {
      const angle = first + 2 * Math.PI * slot / order.length;
      drawn[j].callout = {
        x: clamp(gx + around * Math.sin(angle), r, width - r),
        y: clamp(gy - around * Math.cos(angle), r, height - r)
      };
    });
  }
  return drawn;
}
function groupsApart(places, r) {
  const parent = places.map((_, j) => j);
  const root = (j) => {
    let top = j;
    while (parent[top] !== top) top = parent[top];
    return top;
  };
  const join = (a, b) => {
    parent[root(b)] = root(a);
  };
  for (let a = 0; a < places.length; a++) {
    for (let b = a + 1; b < places.length; b++) {
      const d = Math.hypot(places[a][0] - places[b][0], places[a][1] - places[b][1]);
      if (d < 2 * r) join(a, b);
    }
  }
  for (; ; ) {
    const groups = /* @__PURE__ */ new Map();
    places.forEach((_, j) => {
      const key = root(j);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(j);
    });
    const rings = [...groups.values()].map((members) => ring2(places, members, r));
    const reach = (g) => g.members.length > 1 ? g.around + r : r;
    let merged = false;
    for (let a = 0; a < rings.length && !merged; a++) {
      for (let b = a + 1; b < rings.length && !merged; b++) {
        const d = Math.hypot(rings[a].gx - rings[b].gx, rings[a].gy - rings[b].gy);
        if (d < reach(rings[a]) + reach(rings[b])) {
          join(rings[a].members[0], rings[b].members[0]);
          merged = true;
        }
      }
    }
    if (!merged) return rings;
  }
}
function ring2(places, members, r) {
  const gx = mean(members.map((j) => places[j][0]));
  const gy = mean(members.map((j) => places[j][1]));
  if (members.length < 2) return { members, gx, gy, around: 0 };
  const reach = Math.max(...members.map((j) => Math.hypot(places[j][0] - gx, places[j][1] - gy)));
  const around = Math.max(reach + 2.4 * r, members.length * 2.5 * r / (2 * Math.PI));
  return { members, gx, gy, around };
}
function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
function clamp(value, low, high) {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

// kmeans_teach/static/src/regions.js
function cut(polygon, a, b, mx, my) {
  const kept = [];
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i];
    const q = polygon[(i + 1) % polygon.length];
    const fp = a * (p[0] - mx) + b * (p[1] - my);
    const fq = a * (q[0] - mx) + b * (q[1] - my);
    if (fp <= 0) kept.push(p);
    if (fp < 0 && fq > 0 || fp > 0 && fq < 0) {
      const t = fp / (fp - fq);
      kept.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return kept;
}
function voronoiCells(centroids, [x0, x1, y0, y1]) {
  const box = [
    [0, 0],
    [x1 - x0, 0],
    [x1 - x0, y1 - y0],
    [0, y1 - y0]
  ];
  const at = centroids.map(([x, y]) => [x - x0, y - y0]);
  return at.map(([cx, cy], j) => {
    let cell = box;
    for (let i = 0; i < at.length && cell.length > 0; i++) {
      const [ox, oy] = at[i];
      if (i === j) continue;
      if (ox === cx && oy === cy) {
        if (i < j) cell = [];
        continue;
      }
      cell = cut(cell, ox - cx, oy - cy, (ox + cx) / 2, (oy + cy) / 2);
    }
    return cell.map(([x, y]) => [x + x0, y + y0]);
  });
}
function fillVoronoiCells(ctx, map, limits, centroids, tints) {
  voronoiCells(centroids, limits).forEach((cell, j) => {
    if (cell.length < 3) return;
    ctx.beginPath();
    cell.forEach(([x, y], i) => {
      if (i === 0) ctx.moveTo(map.x(x), map.y(y));
      else ctx.lineTo(map.x(x), map.y(y));
    });
    ctx.closePath();
    ctx.fillStyle = tints[j % tints.length];
    ctx.fill();
  });
}
function paintManhattanCells(canvas, ratio, map, centroids, tints) {
  const { box } = map;
  const left = Math.max(0, Math.round(box.x * ratio));
  const top = Math.max(0, Math.round(box.y * ratio));
  const right = Math.min(canvas.width, Math.round((box.x + box.w) * ratio));
  const bottom = Math.min(canvas.height, Math.round((box.y + box.h) * ratio));
  const width = right - left;
  const height = bottom - top;
  if (width <= 0 || height <= 0) return;
  const image = new ImageData(width, height);
  const words = new Uint32Array(image.data.buffer);
  const colours = tints.map((rgba) => new Uint32Array(new Uint8ClampedArray(rgba).buffer)[0]);
  const k = centroids.length;
  const cx = Float64Array.from(centroids, (c) => c[0]);
  const cy = Float64Array.from(centroids, (c) => c[1]);
  const leftToRight = [...cx.keys()].sort((i, j) => cx[i] - cx[j] || i - j);
  const a = new Float64Array(k);
  const owners = new Int32Array(k);
  for (let row = 0; row < height; row++) {
    const y = map.dataY((top + row + 0.5) / ratio);
    for (let j = 0; j < k; j++) a[j] = Math.abs(y - cy[j]);
    let count2 = 0;
    for (const j of leftToRight) {
      let beaten = false;
      for (let i = 0; i < k && !beaten; i++) {
        if (i === j) continue;
        const there = a[i] + Math.abs(cx[i] - cx[j]);
        beaten = there < a[j] || there === a[j] && i < j;
      }
      if (!beaten) owners[count2++] = j;
    }
    const start = row * width;
    let from = 0;
    for (let n = 0; n < count2; n++) {
      const p = owners[n];
      let to = width;
      if (n + 1 < count2) {
        const q = owners[n + 1];
        const meet = (cx[p] + cx[q] + a[q] - a[p]) / 2;
        const at = map.x(meet) * ratio - left - 0.5;
        to = Math.min(width, Math.max(from, q < p ? Math.ceil(at) : Math.floor(at) + 1));
      }
      words.fill(colours[p % colours.length], start + from, start + to);
      from = to;
    }
  }
  canvas.getContext("2d").putImageData(image, left, top);
}
function regionTint(hex, alpha) {
  const value = Number.parseInt(hex.slice(1), 16);
  const bytes = [16, 8, 0].map(
    (shift) => Math.round(alpha * (value >> shift & 255) + (1 - alpha) * 255)
  );
  return { bytes: [...bytes, 255], css: `rgb(${bytes.join(", ")})` };
}

// kmeans_teach/static/src/scatter.js
var POINT_EDGE = 1.25;
var CENTROID_RADIUS = 11;
var ScatterPanel = class {
  /**
   * `el` holds the canvases (regions, points, overlay), the element that stacks them
   * (layers) and the figure around them; `look` is plotting.py's: the `palette`, the
   * `markers`, their outlines (`edges`), the `unassigned` points' [fill, outline] and the
   * regions' opacity (`regionAlpha`).
   */
  constructor(el, { palette, markers, edges, unassigned, regionAlpha }) {
    this.el = el;
    this.palette = palette;
    this.markers = markers;
    this.edges = edges;
    this.unassigned = unassigned;
    this.tints = palette.map((colour) => regionTint(colour, regionAlpha));
    this.centroidsDrawn = [];
    this.map = null;
    this.drawnPoints = null;
  }
  marker(j) {
    return this.markers[j % this.markers.length];
  }
  /** The scatter's size in CSS pixels, its scale, and the data's range [x0, x1, y0, y1]. */
  resize(width, height, scale, [x0, x1, y0, y1]) {
    this.width = width;
    this.height = height;
    this.scale = scale;
    for (const canvas of [this.el.regions, this.el.points, this.el.overlay]) {
      sizeCanvas(canvas, width, height);
    }
    this.el.layers.style.width = `${width}px`;
    this.el.layers.style.height = `${height}px`;
    this.el.figure.style.width = `${width}px`;
    this.limits = [x0, x1, y0, y1];
    this.map = transform(plotBox(width, height, scale), x0, x1, y0, y1);
    this.pointRadius = 4.2 * scale;
    this.stamps = this.makeStamps();
    this.drawnPoints = null;
  }
  /**
   * Draw `scene`: the run, the step `index`, the `centroids` to draw there (part-way while
   * they glide), the centroids being `placing` or the one `dragging`, the `marks` (see
   * description.js, `clusterMarks`) and the keyboard's `crosshair` ([x, y] or null).
   */
  draw(scene) {
    this.drawPoints(scene);
    this.drawRegions(scene);
    this.drawOverlay(scene);
  }
  drawPoints({ run, index, placing }) {
    const labels = placing ? null : labelsAt(run, index);
    const key = `${run.key}|${labels ? run.labelRow[index] : -1}`;
    if (this.drawnPoints === key) return;
    this.drawnPoints = key;
    const ctx = this.el.points.getContext("2d");
    ctx.clearRect(0, 0, this.width, this.height);
    const map = this.map;
    drawAxes(ctx, map.box, run.limits, {
      xLabel: run.axisLabels[0],
      yLabel: run.axisLabels[1],
      scale: this.scale
    });
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(map.box.w * ratio));
    const height = Math.max(1, Math.round(map.box.h * ratio));
    const image = new ImageData(width, height);
    const pixels = image.data;
    const points = run.points;
    for (let i = 0; i < run.n; i++) {
      const label = labels ? labels[i] : NO_LABEL;
      const stamp = label === NO_LABEL ? this.stamps.unassigned : this.stamps.clusters[label];
      const left = Math.round((map.x(points[2 * i]) - map.box.x) * ratio) - stamp.half;
      const top = Math.round((map.y(points[2 * i + 1]) - map.box.y) * ratio) - stamp.half;
      stampOver(pixels, width, height, stamp, left, top);
    }
    if (!this.pointCanvas) this.pointCanvas = document.createElement("canvas");
    this.pointCanvas.width = width;
    this.pointCanvas.height = height;
    this.pointCanvas.getContext("2d").putImageData(image, 0, 0);
    ctx.drawImage(this.pointCanvas, map.box.x, map.box.y, map.box.w, map.box.h);
  }
  /** Each cluster's marker as pixels, outlined (and a grey circle for "not assigned yet"). */
  makeStamps() {
    const ratio = window.devicePixelRatio || 1;
    const edge = POINT_EDGE * this.scale * ratio;
    const radius = this.pointRadius * ratio - edge / 2;
    const size = Math.ceil(this.pointRadius * ratio * 2.4) + 2;
    const stamp = (colour, outline2, marker) => {
      const canvas = Object.assign(document.createElement("canvas"), { width: size, height: size });
      const ctx = canvas.getContext("2d");
      markerPath(ctx, marker, size / 2, size / 2, radius);
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.lineJoin = "round";
      ctx.lineWidth = edge;
      ctx.strokeStyle = outline2;
      ctx.stroke();
      return { size, half: Math.floor(size / 2), data: ctx.getImageData(0, 0, size, size).data };
    };
    const [fill2, outline] = this.unassigned;
    return {
      clusters: this.palette.map((colour, j) => stamp(colour, this.edges[j], this.marker(j))),
      unassigned: stamp(fill2, outline, "o")
    };
  }
  /**
   * Each centroid's region, lightly shaded, with sharp edges where they truly are: euclidean
   * regions as polygons, manhattan ones pixel by pixel on the screen's own pixels.
   */
  drawRegions({ run, index, placing, dragging, centroids }) {
    const canvas = this.el.regions;
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, this.width, this.height);
    if (!run.regions || placing || index === 0 && run.labelRow[0] < 0 && !dragging) return;
    if (run.metric === "manhattan") {
      const ratio = canvas.width / this.width;
      const bytes = this.tints.map((tint) => tint.bytes);
      paintManhattanCells(canvas, ratio, this.map, centroids, bytes);
    } else {
      const css = this.tints.map((tint) => tint.css);
      fillVoronoiCells(ctx, this.map, this.limits, centroids, css);
    }
  }
  drawOverlay({ run, index, placing, dragging, centroids, marks, crosshair }) {
    const ctx = this.el.overlay.getContext("2d");
    ctx.clearRect(0, 0, this.width, this.height);
    const map = this.map;
    const scale = this.scale;
    ctx.save();
    ctx.beginPath();
    ctx.rect(map.box.x, map.box.y, map.box.w, map.box.h);
    ctx.clip();
    if (placing) {
      this.drawCentroids(
        ctx,
        placing.centroids.map(([x, y]) => [map.x(x), map.y(y)])
      );
      if (crosshair) this.drawCrosshair(ctx, map.x(crosshair[0]), map.y(crosshair[1]));
      ctx.restore();
      return;
    }
    const phase = phaseAt(run, index);
    const labels = labelsAt(run, index);
    if (phase === "assign" && index > 0) {
      const before = labelsAt(run, index - 1);
      if (before && labels) {
        ctx.strokeStyle = "#000";
        ctx.lineWidth = 1.4 * scale;
        ctx.beginPath();
        const r = this.pointRadius * 2;
        for (let i = 0; i < run.n; i++) {
          if (labels[i] === before[i]) continue;
          const px = map.x(run.points[2 * i]);
          const py = map.y(run.points[2 * i + 1]);
          ctx.moveTo(px + r, py);
          ctx.arc(px, py, r, 0, 2 * Math.PI);
        }
        ctx.stroke();
      }
    }
    ctx.restore();
    ctx.save();
    const places = centroids.slice(0, run.k).map(([x, y]) => [map.x(x), map.y(y)]);
    places.forEach(([px, py], j) => {
      if (phase === "update" && index > 0) {
        const [ox, oy] = centroidAt(run, index - 1, j);
        this.drawGhost(ctx, map.x(ox), map.y(oy), px, py, j);
      }
      if (dragging?.j === j) {
        const [sx, sy] = centroidAt(run, 0, j);
        this.drawGhost(ctx, map.x(sx), map.y(sy), px, py, j);
      }
    });
    this.drawCentroids(ctx, places);
    for (const { j, mark } of marks) this.drawMark(ctx, places[j][0], places[j][1], mark);
    if (crosshair) this.drawCrosshair(ctx, map.x(crosshair[0]), map.y(crosshair[1]));
    ctx.restore();
  }
  /**
   * The keyboard's crosshair: two lines across the plot and a ring, black on a white edge,
   * so it shows on any cluster's colour and on a grey-scale projector.
   */
  drawCrosshair(ctx, px, py) {
    const box = this.map.box;
    const scale = this.scale;
    const gap = 8 * scale;
    ctx.save();
    for (const [colour, width] of [
      ["#FFFFFF", 4 * scale],
      ["#000000", 1.8 * scale]
    ]) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.moveTo(box.x, py);
      ctx.lineTo(px - gap, py);
      ctx.moveTo(px + gap, py);
      ctx.lineTo(box.x + box.w, py);
      ctx.moveTo(px, box.y);
      ctx.lineTo(px, py - gap);
      ctx.moveTo(px, py + gap);
      ctx.lineTo(px, box.y + box.h);
      ctx.moveTo(px + gap, py);
      ctx.arc(px, py, gap, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.restore();
  }
  /** A dashed ring and a word around a centroid: "empty cluster", or "re-seeded". */
  drawMark(ctx, px, py, mark) {
    const scale = this.scale;
    ctx.save();
    ctx.setLineDash([4 * scale, 3 * scale]);
    ctx.strokeStyle = "#000000";
    ctx.lineWidth = 2.5 * scale;
    ctx.beginPath();
    ctx.arc(px, py, 20 * scale, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
    setFont(ctx, TICK_FONT * scale, "bold");
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineWidth = 3 * scale;
    ctx.strokeStyle = "#FFFFFF";
    ctx.strokeText(mark, px, py + 22 * scale);
    ctx.fillStyle = "#000000";
    ctx.fillText(mark, px, py + 22 * scale);
    ctx.restore();
  }
  /**
   * The centroids at `places` (CSS pixels), each with its number; those that would hide one
   * another are called out around their group with leader lines (callouts.js), and each
   * keeps a small marker where it truly is.
   */
  drawCentroids(ctx, places) {
    const r = CENTROID_RADIUS * this.scale;
    const drawn = layOutCentroids(places, r, this.width, this.height);
    this.centroidsDrawn = drawn;
    const calledOut = drawn.filter(({ callout }) => callout);
    for (const { x, y, callout } of calledOut) this.drawLeader(ctx, x, y, callout.x, callout.y);
    for (const { j, x, y } of calledOut) this.drawPlace(ctx, x, y, j);
    for (const { j, x, y, callout } of drawn) {
      if (callout) this.drawCentroid(ctx, callout.x, callout.y, j);
      else this.drawCentroid(ctx, x, y, j);
    }
  }
  /** A leader line from a centroid's true place (px, py) to its marker set apart (cx, cy). */
  drawLeader(ctx, px, py, cx, cy) {
    const scale = this.scale;
    ctx.save();
    ctx.lineCap = "round";
    for (const [colour, width] of [
      ["#FFFFFF", 4 * scale],
      ["#000000", 1.6 * scale]
    ]) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.moveTo(px, py);
      ctx.lineTo(cx, cy);
      ctx.stroke();
    }
    ctx.restore();
  }
  /** A called-out centroid's true place: its marker, small, in its colour, outlined black. */
  drawPlace(ctx, px, py, j) {
    const scale = this.scale;
    ctx.save();
    markerPath(ctx, this.marker(j), px, py, 5 * scale);
    ctx.fillStyle = this.palette[j % this.palette.length];
    ctx.fill();
    ctx.lineJoin = "round";
    ctx.lineWidth = 1.5 * scale;
    ctx.strokeStyle = "#000000";
    ctx.stroke();
    ctx.restore();
  }
  /** A centroid: the cluster's marker, large, white inside, so it stands out on its own points. */
  drawCentroid(ctx, px, py, j) {
    const scale = this.scale;
    const r = CENTROID_RADIUS * scale;
    ctx.save();
    markerPath(ctx, this.marker(j), px, py, r);
    ctx.fillStyle = "#FFFFFF";
    ctx.fill();
    ctx.lineJoin = "round";
    ctx.lineWidth = 4.5 * scale;
    ctx.strokeStyle = "#000000";
    ctx.stroke();
    ctx.lineWidth = 2.2 * scale;
    ctx.strokeStyle = this.palette[j % this.palette.length];
    ctx.stroke();
    ctx.fillStyle = "#000000";
    setFont(ctx, TICK_FONT * scale, "bold");
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(String(j + 1), px, py + 0.5);
    ctx.restore();
  }
  /** The old place of a centroid (dashed) and an arrow to where it is now. */
  drawGhost(ctx, ox, oy, px, py, j) {
    const scale = this.scale;
    ctx.save();
    ctx.globalAlpha = 0.75;
    ctx.setLineDash([3 * scale, 3 * scale]);
    ctx.lineWidth = 1.6 * scale;
    ctx.strokeStyle = "#000";
    markerPath(ctx, this.marker(j), ox, oy, 9 * scale);
    ctx.stroke();
    ctx.setLineDash([]);
    const length = Math.hypot(px - ox, py - oy);
    if (length > 14 * scale) {
      const ux = (px - ox) / length;
      const uy = (py - oy) / length;
      const tipX = px - ux * 12 * scale;
      const tipY = py - uy * 12 * scale;
      const head = 8 * scale;
      ctx.lineWidth = 2 * scale;
      ctx.beginPath();
      ctx.moveTo(ox + ux * 9 * scale, oy + uy * 9 * scale);
      ctx.lineTo(tipX, tipY);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(tipX + ux * 2, tipY + uy * 2);
      ctx.lineTo(tipX - ux * head - uy * head * 0.55, tipY - uy * head + ux * head * 0.55);
      ctx.lineTo(tipX - ux * head + uy * head * 0.55, tipY - uy * head - ux * head * 0.55);
      ctx.closePath();
      ctx.fillStyle = "#000";
      ctx.fill();
    }
    ctx.restore();
  }
  /** Where a pointer event is, in data coordinates, or null outside the plot. */
  dataAt(event) {
    const rect = this.el.overlay.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    const box = this.map.box;
    if (px < box.x || px > box.x + box.w || py < box.y || py > box.y + box.h) return null;
    return [this.map.dataX(px), this.map.dataY(py)];
  }
  /** The centroid of `run`'s start under a pointer event, or null (the top one if several). */
  startCentroidAt(event, run) {
    const rect = this.el.overlay.getBoundingClientRect();
    const reach = 16 * this.scale;
    for (let j = run.k - 1; j >= 0; j--) {
      const [x, y] = centroidAt(run, 0, j);
      const dx = this.map.x(x) - (event.clientX - rect.left);
      const dy = this.map.y(y) - (event.clientY - rect.top);
      if (dx * dx + dy * dy <= reach * reach) return j;
    }
    return null;
  }
};

// kmeans_teach/static/src/layout.js
var SIDE_MIN = 220;
var SIDE_MAX = 640;
var CHART_MIN = 120;
var CHART_MAX = 600;
var CHART_SHARE = 0.95;
function panelSizes({ width, height, limits, scale, fixedHeight, caption, keep = null }) {
  const gap = 14 * scale;
  const room = Math.max(height, 240 * scale);
  const sideMin = SIDE_MIN * scale;
  const chartMin = CHART_MIN * scale;
  const slack = 22 * scale;
  if (keep) {
    const kept = keep.mode === "beside" ? beside(sideMin * keep.share, keep.share) : under();
    if (kept.short <= slack) return kept;
  }
  const candidates = [under()];
  for (const share of [1, 1.25, 1.5, 1.75, 2, 2.5, 3]) {
    const sideWant = sideMin * share;
    if (width - gap - sideWant < 150 * scale) break;
    const layout = beside(sideWant, share);
    candidates.push(layout);
    if (layout.short <= 0) break;
  }
  const fitting = candidates.filter((layout) => layout.short <= 0);
  const area = (layout) => layout.scatterW * layout.scatterH;
  if (fitting.length) return fitting.reduce((a, b) => area(b) > area(a) ? b : a);
  return candidates.reduce((a, b) => b.short < a.short ? b : a);
  function beside(sideWant, share) {
    const scatter = scatterIn(width - gap - sideWant, room, limits, scale);
    const left = width - gap - scatter.w;
    if (left >= 2 * sideMin + gap) {
      const chartW = Math.floor(Math.min(SIDE_MAX * scale, (left - gap - 1) / 2));
      const sideW2 = Math.ceil(2 * chartW + gap);
      const chartRoom2 = room - fixedHeight(sideW2) - caption;
      return { ...sized("beside", scatter, sideW2, chartW, chartRoom2, chartRoom2), share };
    }
    const sideW = Math.floor(Math.min(SIDE_MAX * scale, left));
    const chartRoom = room - fixedHeight(sideW) - caption;
    const both = Math.floor((chartRoom - gap - caption) / 2);
    const chartH = both >= chartMin + slack ? both : Math.floor(chartRoom);
    return { ...sized("beside", scatter, sideW, sideW, chartH, chartRoom), share };
  }
  function under() {
    const twoUp = width >= 2 * sideMin + gap;
    const chartW = Math.floor(Math.min(SIDE_MAX * scale, twoUp ? (width - gap) / 2 : width));
    const chartH = Math.min(CHART_MAX * scale, Math.max(chartMin, chartW * 0.5));
    const fixed2 = fixedHeight(width);
    const left = room - gap - fixed2 - caption - chartH - slack;
    const scatter = scatterIn(width, Math.max(left, 160 * scale), limits, scale);
    const chartRoom = room - scatter.h - gap - fixed2 - caption;
    return sized(twoUp ? "under" : "stacked", scatter, width, chartW, chartH, chartRoom);
  }
  function sized(mode, scatter, sideW, chartW, chartH, chartRoom) {
    let h = Math.min(CHART_MAX * scale, Math.max(chartMin, chartH));
    let w = chartW;
    const most = CHART_SHARE * scatter.w * scatter.h;
    if (w * h > most) h = Math.max(chartMin, most / w);
    if (w * h > most) w = Math.max(sideMin * 0.8, most / h);
    return {
      mode,
      scatterW: scatter.w,
      scatterH: scatter.h,
      sideW: Math.floor(sideW),
      chartW: Math.floor(w),
      chartH: Math.floor(Math.min(h, Math.max(chartMin, chartRoom))),
      short: chartMin + slack - chartRoom
    };
  }
}
function scatterIn(maxW, maxH, [x0, x1, y0, y1], scale) {
  const m = margins(scale);
  const aspect = (y1 - y0) / (x1 - x0 || 1);
  let plotH = Math.max(40 * scale, maxH - m.top - m.bottom);
  let plotW = plotH / aspect;
  const widest = Math.max(40 * scale, maxW - m.left - m.right);
  if (plotW > widest) {
    plotW = widest;
    plotH = plotW * aspect;
  }
  return { w: Math.floor(plotW + m.left + m.right), h: Math.floor(plotH + m.top + m.bottom) };
}

// kmeans_teach/static/src/screen.js
var LECTURE_SCALE = 1.45;
var LECTURE_WIDTH = 1280;
var LECTURE_SCALE_LEAST = 1.2;
function scaleFor(lecture, screenWidth) {
  if (!lecture) return 1;
  return Math.max(LECTURE_SCALE_LEAST, LECTURE_SCALE * Math.min(1, screenWidth / LECTURE_WIDTH));
}
var Screen = class {
  constructor(explorer) {
    this.explorer = explorer;
    this.laidOutWidth = null;
    this.statusHeight = null;
    this.scatterKey = null;
    this.chartKey = null;
    this.sizes = null;
    this.room = null;
    const doc = explorer.root.ownerDocument;
    const button = explorer.el.fullscreen;
    if (!(doc.fullscreenEnabled ?? doc.webkitFullscreenEnabled)) {
      button.disabled = true;
      button.title = "This page does not let the explorer fill the screen";
    }
  }
  /** Listen for what changes the room; `on` adds a listener, `cleanups` end the rest. */
  listen(on, cleanups) {
    const explorer = this.explorer;
    const el = explorer.el;
    const doc = explorer.root.ownerDocument;
    on(el.fullscreen, "click", () => this.toggleFullscreen());
    on(el.more, "toggle", () => this.fit());
    on(doc, "fullscreenchange", () => this.changed());
    on(doc, "webkitfullscreenchange", () => this.changed());
    on(doc.defaultView, "resize", () => this.fit());
    const resized = new ResizeObserver(() => {
      if (explorer.root.clientWidth !== this.laidOutWidth) this.fit();
    });
    resized.observe(explorer.root);
    const status = new ResizeObserver(() => {
      if (el.statusArea.offsetHeight !== this.statusHeight) this.fit({ keepLayout: true });
    });
    status.observe(el.statusArea);
    cleanups.push(() => resized.disconnect());
    cleanups.push(() => status.disconnect());
  }
  /**
   * Size the panels to the room the explorer has: its width, and the height of the screen
   * (the notebook's visible area) below the run's controls. With `keepLayout`, the kind of
   * layout chosen last is sized again (a status line grew: the trace takes what is left).
   */
  fit({ keepLayout = false } = {}) {
    const explorer = this.explorer;
    const { el, root, run } = explorer;
    const scale = scaleFor(explorer.lecture, root.ownerDocument.defaultView.innerWidth);
    if (scale !== explorer.scale) {
      explorer.scale = scale;
      root.style.setProperty("--kt-scale", String(scale));
    }
    if (!run) return;
    const padding = 8 * scale;
    const width = Math.floor(root.clientWidth - 2 * padding);
    if (width <= 0) return;
    this.laidOutWidth = root.clientWidth;
    const above = el.panels.getBoundingClientRect().top - root.getBoundingClientRect().top;
    const height = Math.floor(screenHeight(root) - above - padding - 4);
    const room = `${width}x${height}@${scale}|${run.limits}`;
    if (!keepLayout && room === this.room) {
      explorer.dirty();
      return;
    }
    this.room = room;
    const side = el.side;
    const measured = /* @__PURE__ */ new Map();
    const fixedHeight = (sideW) => {
      if (!measured.has(sideW)) {
        side.style.width = `${sideW}px`;
        const top = el.charts.getBoundingClientRect().top - side.getBoundingClientRect().top;
        measured.set(sideW, top);
      }
      return measured.get(sideW);
    };
    const caption = el.tracePanel.querySelector("figcaption").getBoundingClientRect().height;
    const sizes = panelSizes({
      width,
      height,
      limits: run.limits,
      scale,
      fixedHeight,
      caption: caption + 0.2 * 15 * scale,
      // and its margin (explorer.css)
      keep: keepLayout && this.sizes?.scale === scale ? this.sizes : null
    });
    this.sizes = { ...sizes, scale };
    root.dataset.layout = sizes.mode;
    side.style.width = `${sizes.sideW}px`;
    const scatterKey = `${sizes.scatterW}x${sizes.scatterH}@${scale}|${run.limits}`;
    if (scatterKey !== this.scatterKey) {
      this.scatterKey = scatterKey;
      explorer.scatter.resize(sizes.scatterW, sizes.scatterH, scale, run.limits);
    }
    const chartKey = `${sizes.chartW}x${sizes.chartH}@${scale}`;
    if (chartKey !== this.chartKey) {
      this.chartKey = chartKey;
      explorer.trace.resize(sizes.chartW, sizes.chartH, scale);
      explorer.elbowPanel.resize(sizes.chartW, sizes.chartH, scale);
      el.tracePanel.style.width = `${sizes.chartW}px`;
      el.elbowPanel.style.width = `${sizes.chartW}px`;
    }
    this.statusHeight = el.statusArea.offsetHeight;
    explorer.laidOut = true;
    explorer.dirty();
  }
  /** Whether the explorer fills the screen now. */
  get full() {
    const doc = this.explorer.root.ownerDocument;
    return (doc.fullscreenElement ?? doc.webkitFullscreenElement) === this.explorer.root;
  }
  /** The explorer alone, filling the screen (the button, or F); again, or Esc, leaves. */
  toggleFullscreen() {
    const explorer = this.explorer;
    const root = explorer.root;
    if (this.leaveFullscreen()) return;
    const enter = root.requestFullscreen ?? root.webkitRequestFullscreen;
    if (!enter) {
      explorer.refuse("This browser cannot show the explorer full screen here.");
      return;
    }
    enter.call(root)?.catch?.(() => explorer.refuse("The browser did not let the explorer fill the screen."));
  }
  /** Leave full screen if the explorer fills it; whether it did. */
  leaveFullscreen() {
    if (!this.full) return false;
    const doc = this.explorer.root.ownerDocument;
    (doc.exitFullscreen ?? doc.webkitExitFullscreen)?.call(doc);
    return true;
  }
  /** Full screen entered or left: the button says which, and the panels fit the new room. */
  changed() {
    const explorer = this.explorer;
    const full = this.full;
    explorer.el.fullscreen.setAttribute("aria-pressed", String(full));
    this.fit();
    const doc = explorer.root.ownerDocument;
    if (!explorer.root.contains(doc.activeElement)) explorer.keys.giveKeysToTheRun();
  }
};
function screenHeight(root) {
  const doc = root.ownerDocument;
  const view = doc.defaultView;
  if (doc.fullscreenElement === root) return root.clientHeight;
  const own = root.getBoundingClientRect().height;
  for (let at = parentOf(root); at && at !== doc.body && at !== doc.documentElement; ) {
    const overflow = view.getComputedStyle(at).overflowY;
    const scrolls = at.scrollHeight > at.clientHeight + 1;
    const higher = at.clientHeight > own + 0.2 * view.innerHeight;
    if ((overflow === "auto" || overflow === "scroll") && (scrolls || higher)) {
      return Math.min(at.clientHeight, view.innerHeight);
    }
    at = parentOf(at);
  }
  const top = root.getBoundingClientRect().top + view.scrollY;
  return view.innerHeight - (top < 0.1 * view.innerHeight ? 2 * Math.max(0, top) : 0);
}
function parentOf(element) {
  return element.parentElement ?? element.getRootNode()?.host ?? null;
}

// kmeans_teach/static/src/trace.js
var TracePanel = class {
  /** `canvas` is the trace's canvas (its figure holds the caption). */
  constructor(canvas) {
    this.canvas = canvas;
    this.width = 0;
    this.height = 0;
    this.scale = 1;
  }
  /** The trace's size in CSS pixels, and the scale of its type and lines. */
  resize(width, height, scale) {
    this.width = width;
    this.height = height;
    this.scale = scale;
    sizeCanvas(this.canvas, width, height);
  }
  /**
   * Every step's inertia, and a ring at step `index`; while centroids are placed, no run
   * yet: an empty trace with a word (the run shown before is not the one being made).
   */
  draw(run, index, { placing }) {
    const ctx = this.canvas.getContext("2d");
    ctx.clearRect(0, 0, this.width, this.height);
    this.canvas.dataset.shows = placing ? "nothing yet" : "the run";
    if (placing) {
      this.drawWaiting(ctx);
      return;
    }
    const scale = this.scale;
    const values = Array.from(run.inertia).filter(Number.isFinite);
    const low = values.length ? Math.min(...values) : 0;
    const high = values.length ? Math.max(...values) : 1;
    const pad = (high - low) * 0.08 || Math.abs(high) * 0.1 || 1;
    const last = run.nSteps - 1;
    const box = plotBox(this.width, this.height, scale);
    const xTicks = niceTicks(
      0,
      Math.max(1, last),
      Math.max(2, Math.floor(box.w / (55 * scale)))
    ).filter((t) => Number.isInteger(t));
    const map = drawAxes(ctx, box, [-0.5, Math.max(last, 1) + 0.5, low - pad, high + pad], {
      xLabel: "step (start, assign, update, …)",
      yLabel: objectiveName(run.metric),
      // a k-medians run's total distance is no inertia
      xTicks,
      scale
    });
    ctx.save();
    ctx.strokeStyle = "#8c8c8c";
    ctx.lineWidth = 1.5 * scale;
    ctx.beginPath();
    let started = false;
    for (let i = 0; i <= last; i++) {
      if (!Number.isFinite(run.inertia[i])) continue;
      const px = map.x(i);
      const py = map.y(run.inertia[i]);
      if (started) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      started = true;
    }
    ctx.stroke();
    const r = 3.8 * scale;
    const dot = (phase, px, py) => {
      markerPath(ctx, phase === "update" ? "s" : phase === "init" ? "D" : "o", px, py, r);
      ctx.fillStyle = phase === "update" ? "#FFFFFF" : "#404040";
      ctx.fill();
      ctx.lineWidth = 1.3 * scale;
      ctx.strokeStyle = "#404040";
      ctx.stroke();
    };
    for (let i = 0; i <= last; i++) {
      if (Number.isFinite(run.inertia[i])) dot(phaseAt(run, i), map.x(i), map.y(run.inertia[i]));
    }
    const current = run.inertia[index];
    if (Number.isFinite(current) && !placing) {
      ring(ctx, map.x(index), map.y(current), 9 * scale, 3 * scale);
    }
    ctx.restore();
    drawLegend(
      ctx,
      box,
      [
        [(_, x, y) => dot("assign", x, y), "after assign"],
        [(_, x, y) => dot("update", x, y), "after update"],
        [(c, x, y) => ring(c, x, y, 5.5 * scale, 2.5 * scale), "this step"]
      ],
      scale
    );
  }
  /** The empty trace's word, in the middle, wrapped to the panel's width. */
  drawWaiting(ctx) {
    const scale = this.scale;
    const font = 15 * scale;
    ctx.save();
    ctx.font = `${font}px sans-serif`;
    ctx.fillStyle = "#1f1f1f";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    const lines = [];
    for (const word of PLACING_TRACE.split(" ")) {
      const line = lines.length ? `${lines[lines.length - 1]} ${word}` : word;
      if (lines.length && ctx.measureText(line).width <= this.width - 24 * scale) {
        lines[lines.length - 1] = line;
      } else {
        lines.push(word);
      }
    }
    const top = this.height / 2 - (lines.length - 1) * font * 1.3 / 2;
    lines.forEach((line, i) => {
      ctx.fillText(line, this.width / 2, top + i * font * 1.3);
    });
    ctx.restore();
  }
};

// kmeans_teach/static/src/explorer.js
var GLIDE_MS = 300;
var ANSWER_TIMEOUT_MS = 15e3;
var STILL_COMPUTING = "Still computing the last run: wait a moment, then try again.";
var Explorer = class {
  constructor(root, host) {
    this.root = root;
    this.host = host;
    this.run = null;
    this.elbow = null;
    this.index = 0;
    this.playing = false;
    this.placing = null;
    this.dragging = null;
    this.pending = null;
    this.glide = null;
    this.frame = 0;
    this.cleanups = [];
    this.keys = new Keys(this);
    this.crosshair = new Crosshair(this);
    this.el = buildPage(root, host.choices, host.get("speed"));
    const el = this.el;
    this.screen = new Screen(this);
    this.scatter = new ScatterPanel(
      {
        figure: el.scatter,
        layers: el.layers,
        regions: el.regions,
        points: el.points,
        overlay: el.overlay
      },
      {
        palette: host.get("palette"),
        markers: host.get("markers"),
        edges: host.get("edges"),
        unassigned: host.get("unassigned"),
        regionAlpha: host.get("region_alpha")
      }
    );
    this.trace = new TracePanel(el.trace);
    this.words = new Narration(el, host.get("markers"));
    this.elbowPanel = new ElbowPanel(el.elbow);
    this.setLecture(Boolean(host.get("lecture")));
    this.setRun(host.get("run"), host.get("step_index") || 0);
    this.setElbow(host.get("elbow"));
    this.listen();
  }
  /** Data <-> pixels on the scatter (the browser tests place clicks with it). */
  get scatterMap() {
    return this.scatter.map;
  }
  /** Data <-> pixels on the elbow curve (the browser tests click a K with it). */
  get elbowMap() {
    return this.elbowPanel.map;
  }
  listen() {
    const el = this.el;
    const on = (target, type, handler, options) => {
      target.addEventListener(type, handler, options);
      this.cleanups.push(() => target.removeEventListener(type, handler, options));
    };
    on(el.first, "click", () => this.showFirst());
    on(el.back, "click", () => this.step(-1));
    on(el.forward, "click", () => this.step(1));
    on(el.last, "click", () => this.showLast());
    on(el.play, "click", () => this.togglePlay());
    on(el.step, "input", () => this.show(Number(el.step.value), { speech: "step" }));
    on(el.table, "click", () => {
      this.words.showTables(!this.words.tables.shown);
      this.dirty();
    });
    on(el.speed, "change", () => this.host.set("speed", Number(el.speed.value)));
    on(el.k, "input", () => {
      el.kValue.textContent = el.k.value;
    });
    on(el.k, "change", () => this.choose({ k: Number(el.k.value) }));
    on(el.seed, "change", () => this.choose({ seed: Number(el.seed.value) }));
    on(el.newSeed, "click", () => this.choose({ seed: this.newSeed() }));
    on(el.data, "change", () => this.choose({ data: el.data.value }));
    if (el.dataSeed) {
      on(el.dataSeed, "change", () => this.choose({ data_seed: Number(el.dataSeed.value) }));
      on(el.newData, "click", () => this.choose({ data_seed: this.newDataSeed() }));
    }
    on(el.startPlaced, "click", () => this.startPlaced());
    on(el.metric, "change", () => this.choose({ metric: el.metric.value }));
    on(el.init, "change", () => {
      if (el.init.value === CHOOSE) this.startPlacing();
      else this.choose({ init: el.init.value });
    });
    on(el.lecture, "change", () => {
      this.setLecture(el.lecture.checked);
      this.host.set("lecture", el.lecture.checked);
    });
    this.keys.listen(on);
    listenToThePointer(this, on);
    this.screen.listen(on, this.cleanups);
    for (const name of ["run", "elbow", "message", "lecture", "step_index"]) {
      const handler = () => this.onHost(name);
      this.host.on(name, handler);
      this.cleanups.push(() => this.host.off(name, handler));
    }
  }
  onHost(name) {
    if (name === "run") {
      const asked = Boolean(this.pending);
      this.answered();
      this.setRun(this.host.get("run"), 0, { speech: asked ? "run" : null });
    } else if (name === "elbow") {
      this.setElbow(this.host.get("elbow"));
    } else if (name === "message") {
      this.answered();
      const message = this.host.get("message");
      if (message?.text) this.refuse(message.text);
    } else if (name === "lecture") {
      this.setLecture(Boolean(this.host.get("lecture")));
    } else if (name === "step_index") {
      const index = this.host.get("step_index");
      if (index !== this.index) this.show(index);
    }
  }
  destroy() {
    this.playing = false;
    cancelAnimationFrame(this.rafId);
    clearTimeout(this.pending?.timer);
    for (const cleanup of this.cleanups) cleanup();
    this.root.replaceChildren();
  }
  // ---------------------------------------------------------------- runs
  setRun(raw, index, { speech = null } = {}) {
    if (!raw?.n_steps) return;
    this.run = decodeRun(raw);
    this.crosshair.reset(this.run);
    this.words.speech = speech;
    this.placing = null;
    this.dragging = null;
    this.glide = null;
    this.playing = false;
    this.index = Math.min(Math.max(0, index), this.run.nSteps - 1);
    this.clearMessage();
    this.syncChoiceControls();
    this.layout();
    this.drawNow();
  }
  setElbow(raw) {
    this.elbow = decodeElbow(raw);
    this.el.elbowPanel.hidden = !this.elbow;
    this.dirty();
  }
  /** The run choice controls show the run shown (also after a refused choice). */
  syncChoiceControls() {
    showRunChoices(this.el, this.run);
    this.el.overlay.setAttribute("aria-label", scatterName(this.run));
  }
  /** Ask for the run shown with `change` made to it ({data}, {data_seed}, {k}, {seed}, ...). */
  choose(change) {
    if (this.pending) {
      this.refuse(STILL_COMPUTING, { keepControls: false });
      return;
    }
    this.placing = null;
    const run = this.run;
    const newData = change.data !== void 0 || change.data_seed !== void 0;
    const keepStart = run.init === "given" && !newData;
    const choice = {
      data: run.data,
      data_seed: run.dataSeed,
      k: run.k,
      seed: run.seed,
      init: keepStart ? "given" : run.init === "given" ? "k-means++" : run.init,
      metric: run.metric,
      ...change
    };
    if (change.data !== void 0 && change.data_seed === void 0) choice.data_seed = null;
    if (change.k !== void 0 && run.init === "given" && change.init === void 0) {
      this.startPlacing();
      return;
    }
    const { seedMax, dataSeedMax } = this.host.choices;
    if (!Number.isInteger(choice.seed) || choice.seed < 0 || choice.seed > seedMax) {
      this.refuse(`The seed must be a whole number from 0 to ${seedMax}.`);
      return;
    }
    const dataSeed = choice.data_seed;
    if (dataSeed !== null && !(Number.isInteger(dataSeed) && dataSeed >= 0 && dataSeed <= dataSeedMax)) {
      this.refuse(`The data seed must be a whole number from 0 to ${dataSeedMax}.`);
      return;
    }
    this.ask(choice);
  }
  ask(choice) {
    const timer = setTimeout(() => {
      this.answered();
      this.refuse(
        "No answer from Python: is the kernel running? Stepping through this run still works."
      );
    }, ANSWER_TIMEOUT_MS);
    this.pending = { timer };
    this.root.classList.add("kt-busy");
    this.el.message.hidden = true;
    this.host.request(choice);
  }
  answered() {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
    this.root.classList.remove("kt-busy");
  }
  newSeed() {
    const seeds = this.host.choices.seeds;
    if (seeds) return seeds[(seeds.indexOf(this.run.seed) + 1) % seeds.length];
    return Math.floor(Math.random() * 1e4);
  }
  /** A new data seed for "New data": any other (the box shows it; typed in again, same data). */
  newDataSeed() {
    const seed = Math.floor(Math.random() * 9999);
    return seed >= this.run.dataSeed ? seed + 1 : seed;
  }
  /** Say why a choice was not made; the controls go back to the run shown. */
  refuse(text, { keepControls = true } = {}) {
    this.el.message.textContent = `⚠ ${text}`;
    this.el.message.hidden = false;
    this.say(text);
    if (keepControls && this.run) this.syncChoiceControls();
    this.dirty();
  }
  clearMessage() {
    this.el.message.hidden = true;
    this.el.message.textContent = "";
  }
  /**
   * "I'll choose": each click on the picture (or Enter on the crosshair) places one more
   * starting centroid, up to the K slider's largest; "Start the run" (or S) starts the run
   * from them, with K the number placed.
   */
  startPlacing() {
    if (this.pending) {
      this.refuse(STILL_COMPUTING);
      return;
    }
    this.playing = false;
    this.dragging = null;
    this.placing = { centroids: [], max: this.host.choices.kMax };
    this.showStartButton();
    this.el.init.value = CHOOSE;
    this.clearMessage();
    this.say(this.status());
    this.dirty();
  }
  /** Start the run from the centroids placed ("Start the run", or S): K is how many. */
  startPlaced() {
    if (!this.placing) return;
    const { centroids } = this.placing;
    const kMin = this.host.choices.kMin;
    if (centroids.length < kMin) {
      const needed = kMin === 1 ? "a centroid" : `at least ${kMin} centroids`;
      this.refuse(`Place ${needed} on the picture first, then start the run.`, {
        keepControls: false
      });
      return;
    }
    const k = centroids.length;
    this.say(`Computing the run from these ${k} centroids: K = ${k}`);
    this.choose({ k, init: "given", centroids });
  }
  /** Stop placing or moving centroids, and show the run's own choices again (Esc). */
  cancel() {
    if (this.placing) this.say("Placing cancelled: the run shown is kept");
    else if (this.dragging) this.say(`Centroid ${this.dragging.j + 1} put back where it was`);
    this.placing = null;
    this.cancelDrag();
    this.syncChoiceControls();
  }
  cancelDrag() {
    this.dragging = null;
    this.dirty();
  }
  // ---------------------------------------------------------------- steps
  /**
   * Show step `index`, drawn at once: the new picture and words are in the very next frame
   * the browser paints (a key press waits for no animation frame). `speech` is what the
   * live region says of it: "step" for a step the user took, null for none.
   */
  show(index, { glide = false, speech = null } = {}) {
    if (!this.run) return;
    this.goTo(index, glide);
    this.words.speech = speech;
    this.drawNow();
  }
  /** Make step `index` the one shown (drawn by the next draw), gliding to it if asked. */
  goTo(index, glide) {
    const target = Math.min(Math.max(0, Math.round(index)), this.run.nSteps - 1);
    const reducedMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    const gliding = glide && !reducedMotion && phaseAt(this.run, target) === "update";
    this.glide = gliding ? { from: this.index, start: performance.now() } : null;
    this.index = target;
    if (this.placing) this.placing = null;
    if (target !== 0) this.dragging = null;
    if (target === this.run.nSteps - 1) this.playing = false;
    this.host.set("step_index", target);
  }
  /** One step on or back, as the user asks: said, as a pause if it stops Play. */
  step(by) {
    const speech = this.playing ? "paused" : "step";
    this.playing = false;
    this.show(this.index + by, { glide: by === 1, speech });
  }
  /** The first step, as the user asks. */
  showFirst() {
    const speech = this.playing ? "paused" : "step";
    this.playing = false;
    this.show(0, { speech });
  }
  /** The last step, as the user asks. */
  showLast() {
    const speech = this.playing ? "paused" : "step";
    this.playing = false;
    this.show(this.run.nSteps - 1, { speech });
  }
  togglePlay() {
    if (!this.run) return;
    if (this.playing) {
      this.playing = false;
      this.words.speech = "paused";
    } else {
      if (this.index >= this.run.nSteps - 1) this.show(0);
      this.playing = true;
      this.lastAdvance = performance.now();
    }
    this.dirty();
  }
  // ---------------------------------------------------------------- layout and drawing
  setLecture(on) {
    this.lecture = on;
    this.el.lecture.checked = on;
    this.root.classList.toggle("kt-lecture", on);
    this.layout();
  }
  /** Size the panels to the room the explorer has on the screen (screen.js). */
  layout() {
    this.screen.fit();
  }
  /** The explorer alone, filling the screen (the button, or F); again, or Esc, leaves. */
  toggleFullscreen() {
    this.screen.toggleFullscreen();
  }
  /** Leave full screen if the explorer fills it; whether it did. */
  leaveFullscreen() {
    return this.screen.leaveFullscreen();
  }
  /** Draw at the next animation frame (once, however often it is asked for). */
  dirty() {
    if (this.rafId == null) this.rafId = requestAnimationFrame((now) => this.draw(now));
  }
  drawNow() {
    if (this.rafId != null) cancelAnimationFrame(this.rafId);
    this.draw(performance.now());
  }
  /** Everything a step shows, drawn in one animation frame: picture, words and controls. */
  draw(now) {
    this.rafId = null;
    if (!this.run || !this.laidOut) return;
    const speed = Number(this.el.speed.value);
    if (this.playing && now - this.lastAdvance >= 1e3 / speed) {
      this.lastAdvance = now;
      this.goTo(this.index + 1, true);
      if (!this.playing) this.words.speech = "paused";
    }
    let progress = 1;
    if (this.glide) {
      const duration = Math.min(GLIDE_MS, 600 / speed);
      progress = Math.min(1, (now - this.glide.start) / duration);
      if (progress >= 1) this.glide = null;
    }
    const eased = 1 - (1 - progress) ** 3;
    const run = this.run;
    const index = this.index;
    const facts = this.words.factsOf(run, index);
    const marks = this.placing ? null : clusterMarks(run, index, facts);
    this.scatter.draw({
      run,
      index,
      placing: this.placing,
      dragging: this.dragging,
      centroids: this.centroidsAt(eased),
      marks: marks ?? [],
      crosshair: this.crosshair.shown
    });
    if (marks) this.root.dataset.marks = marksText(marks);
    this.trace.draw(run, index, { placing: this.placing });
    const currentK = this.placing ? this.placing.centroids.length : run.k;
    if (this.elbow) this.elbowPanel.draw(this.elbow, currentK);
    this.words.write({
      run,
      index,
      facts,
      status: this.status(),
      placing: this.placing,
      elbow: this.elbow,
      currentK
    });
    this.writeStepControls();
    this.frame += 1;
    this.root.dataset.step = String(index);
    this.root.dataset.frame = String(this.frame);
    this.root.dataset.run = run.key;
    this.root.dispatchEvent(
      new CustomEvent("kmeans-teach:drawn", { detail: { step: index, run: run.key, time: now } })
    );
    if (this.glide || this.playing) this.dirty();
  }
  /** The centroids to draw: those of the step, part-way from the step before while gliding. */
  centroidsAt(progress) {
    const run = this.run;
    const centroids = [];
    for (let j = 0; j < run.k; j++) {
      let at = centroidAt(run, this.index, j);
      if (this.glide && progress < 1) {
        const from = centroidAt(run, this.glide.from, j);
        at = [from[0] + (at[0] - from[0]) * progress, from[1] + (at[1] - from[1]) * progress];
      }
      if (this.dragging && this.dragging.j === j) at = this.dragging.at;
      centroids.push(at);
    }
    return centroids;
  }
  /** The status line's words for what is shown now. */
  status() {
    return statusText(this.run, this.index, {
      placing: this.placing,
      dragging: this.dragging,
      canPlace: this.host.choices.place,
      crosshair: this.crosshair
    });
  }
  /** Say `text` in the live region (a screen reader speaks it once). */
  say(text) {
    this.words.say(text);
  }
  /** The step controls show the step, in the same frame as the picture. */
  writeStepControls() {
    const focusDropped = showStep(this.el, this.run, this.index, this.playing);
    if (this.showStartButton() || focusDropped) this.keys.giveKeysToTheRun();
  }
  /**
   * "Start the run" is there while centroids are placed. Returns true when it has just gone
   * with the focus: the explorer is to take the focus (and the keys).
   */
  showStartButton() {
    const start = this.el.startPlaced;
    const starting = Boolean(this.placing);
    if (start.hidden !== starting) return false;
    const focused = start === start.getRootNode().activeElement;
    start.hidden = !starting;
    return !starting && focused;
  }
};

// kmeans_teach/static/src/widget.js
function widgetHost(model) {
  const handlers = /* @__PURE__ */ new Map();
  return {
    choices: model.get("choices"),
    get: (name) => model.get(name),
    on(name, callback) {
      const handler = () => callback();
      handlers.set(callback, handler);
      model.on(`change:${name}`, handler);
    },
    off(name, callback) {
      model.off(`change:${name}`, handlers.get(callback));
    },
    set(name, value) {
      model.set(name, value);
      model.save_changes();
    },
    request(choice) {
      model.send({ type: "choose", ...choice });
    }
  };
}
function render({ model, el }) {
  const explorer = new Explorer(el, widgetHost(model));
  el.ktExplorer = explorer;
  const ownPage = document.body?.dataset.voila !== void 0;
  const release = ownPage ? ownThePage(explorer) : () => {
  };
  return () => {
    release();
    explorer.destroy();
  };
}

// kmeans_teach/static/src/player.js
function mountPlayer(root, page) {
  const settings = { ...page.settings };
  const listeners = {};
  const host = {
    choices: page.choices,
    get: (name) => settings[name],
    on(name, callback) {
      listeners[name] ??= /* @__PURE__ */ new Set();
      listeners[name].add(callback);
    },
    off(name, callback) {
      listeners[name]?.delete(callback);
    },
    set(name, value) {
      settings[name] = value;
    },
    request(choice) {
      const key = runKey(page.data, choice);
      const run = page.runs[key];
      setTimeout(() => {
        if (run) {
          settings.run = { ...page.data, ...run };
          for (const callback of listeners.run ?? []) callback();
        } else {
          settings.message = { text: page.missing };
          for (const callback of listeners.message ?? []) callback();
        }
      });
    }
  };
  settings.run = { ...page.data, ...page.runs[page.first] };
  settings.elbow = page.elbow;
  const explorer = new Explorer(root, host);
  root.ktExplorer = explorer;
  ownThePage(explorer);
  return explorer;
}
function runKey(data, { k, seed, init, metric }) {
  return `${data.data_name}|${k}|${seed}|${init}|${metric}`;
}

// kmeans_teach/static/src/index.js
var index_default = { render };
export {
  index_default as default,
  mountPlayer
};
