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
    data: raw.data_name,
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
function scatterName(run) {
  const [across, up] = run.axisLabels;
  return `Scatter of ${run.n} points in ${run.k} clusters: ${across} across, ${up} up`;
}
function elbowName(elbow) {
  const ks = elbow.k;
  return `Elbow curve: inertia for K from ${ks[0]} to ${ks[ks.length - 1]}` + (elbow.elbow != null ? `, elbow at K = ${elbow.elbow}` : ", no clear elbow");
}
function clusterMarks(run, index) {
  const labels = labelsAt(run, index);
  const counts = new Array(run.k).fill(0);
  if (labels) {
    for (const label of labels) if (label < run.k) counts[label] += 1;
  }
  const update = phaseAt(run, index) === "update";
  const marks = [];
  for (let j = 0; j < run.k; j++) {
    const reseeded = update && run.reseeded[index * run.k + j];
    const empty = labels && counts[j] === 0;
    if (reseeded || empty) marks.push({ j, mark: reseeded ? "re-seeded" : "empty cluster" });
  }
  return marks;
}
function marksText(marks) {
  return marks.map(({ j, mark }) => `${mark} ${j + 1}`).join(", ");
}
function statusText(run, index, { placing, dragging, canPlace }) {
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
function counterText(run, index) {
  return `Step ${index} / ${run.nSteps - 1} · ${phaseAt(run, index)}`;
}

// kmeans_teach/static/src/keys.js
var KEY_SHORTCUTS = "ArrowLeft ArrowRight PageUp PageDown Space Home End";
var ACTIONS = {
  ArrowRight: (explorer) => explorer.step(1),
  PageDown: (explorer) => explorer.step(1),
  ArrowLeft: (explorer) => explorer.step(-1),
  PageUp: (explorer) => explorer.step(-1),
  " ": (explorer) => explorer.togglePlay(),
  Home: (explorer) => explorer.show(0),
  End: (explorer) => explorer.showLast(),
  Escape: (explorer) => explorer.cancel()
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
var CHOOSE_LABEL = "I'll choose (click the picture)";
var MARKUP = `
  <div class="kt-title" aria-hidden="true"></div>
  <div class="kt-controls kt-run-controls">
    <label class="kt-control">Data set <select name="data"></select></label>
    <label class="kt-control">Clusters K
      <input name="k" type="range" min="1" step="1" aria-describedby="">
      <output class="kt-k-value" aria-hidden="true"></output></label>
    <label class="kt-control">Seed <input name="seed" type="number" min="0" step="1"
      inputmode="numeric"></label>
    <button type="button" name="new-seed" title="Start again from another random seed">New seed</button>
    <label class="kt-control">Start <select name="init"></select></label>
    <label class="kt-control">Distance <select name="metric"></select></label>
    <label class="kt-control kt-check"><input name="lecture" type="checkbox"> Lecture mode</label>
  </div>
  <div class="kt-controls kt-step-controls">
    <button type="button" name="first" title="First step (Home)" aria-label="First step">First</button>
    <button type="button" name="back" title="Step back (←, Page Up)" aria-label="Step back">◀ Back</button>
    <button type="button" name="play" title="Play or pause (Space)" aria-label="Play">▶ Play</button>
    <button type="button" name="forward" title="Step forward (→, Page Down)" aria-label="Step forward">Next ▶</button>
    <button type="button" name="last" title="Last step (End)" aria-label="Last step">Last</button>
    <label class="kt-control">Speed <select name="speed"></select></label>
    <label class="kt-control kt-scrubber">Step <input name="step" type="range" min="0" step="1"></label>
    <span class="kt-counter" aria-hidden="true"></span>
  </div>
  <div class="kt-status-area" aria-live="polite" aria-atomic="true">
    <p class="kt-status"></p>
    <p class="kt-message" hidden></p>
  </div>
  <div class="kt-panels">
    <figure class="kt-panel kt-scatter">
      <figcaption class="kt-scatter-caption"></figcaption>
      <div class="kt-layers">
        <canvas class="kt-regions" aria-hidden="true"></canvas>
        <canvas class="kt-points" role="img"></canvas>
        <canvas class="kt-overlay" aria-hidden="true"></canvas>
      </div>
    </figure>
    <div class="kt-side">
      <figure class="kt-panel kt-trace">
        <figcaption>The objective after every half step</figcaption>
        <canvas role="img" aria-label="Inertia after every step of the run"></canvas>
      </figure>
      <figure class="kt-panel kt-elbow">
        <figcaption>Elbow curve · click a K to choose it</figcaption>
        <canvas role="img"></canvas>
      </figure>
    </div>
  </div>`;
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
  const el = {
    title: find(".kt-title"),
    data: find("[name=data]"),
    k: find("[name=k]"),
    kValue: find(".kt-k-value"),
    seed: find("[name=seed]"),
    newSeed: find("[name=new-seed]"),
    init: find("[name=init]"),
    metric: find("[name=metric]"),
    lecture: find("[name=lecture]"),
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
    scatter: find(".kt-scatter"),
    scatterCaption: find(".kt-scatter-caption"),
    layers: find(".kt-layers"),
    regions: find(".kt-regions"),
    points: find(".kt-points"),
    overlay: find(".kt-overlay"),
    trace: find(".kt-trace canvas"),
    tracePanel: find(".kt-trace"),
    elbow: find(".kt-elbow canvas"),
    elbowPanel: find(".kt-elbow")
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
  el.play.textContent = playing ? "⏸ Pause" : "▶ Play";
  el.play.setAttribute("aria-label", playing ? "Pause" : "Play");
  el.play.setAttribute("aria-pressed", String(playing));
  return [el.first, el.back, el.forward, el.last].some(
    (button) => button === focused && button.disabled
  );
}

// kmeans_teach/static/src/canvas.js
var RING = "#CC6677";
function niceTicks(low, high, count = 5) {
  const span = high - low || 1;
  const raw = span / count;
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
  const font = 12 * scale;
  ctx.save();
  ctx.strokeStyle = "#333";
  ctx.fillStyle = "#222";
  ctx.lineWidth = Math.max(1, scale);
  ctx.strokeRect(box.x, box.y, box.w, box.h);
  ctx.font = `${font}px sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const t of xTicks || niceTicks(x0, x1, Math.max(2, Math.floor(box.w / (70 * scale))))) {
    const px = map.x(t);
    if (px < box.x - 0.5 || px > box.x + box.w + 0.5) continue;
    ctx.beginPath();
    ctx.moveTo(px, box.y + box.h);
    ctx.lineTo(px, box.y + box.h + 4 * scale);
    ctx.stroke();
    ctx.fillText(formatTick(t), px, box.y + box.h + 5 * scale);
  }
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const t of niceTicks(y0, y1, Math.max(2, Math.floor(box.h / (45 * scale))))) {
    const py = map.y(t);
    if (py < box.y - 0.5 || py > box.y + box.h + 0.5) continue;
    ctx.beginPath();
    ctx.moveTo(box.x, py);
    ctx.lineTo(box.x - 4 * scale, py);
    ctx.stroke();
    ctx.fillText(formatTick(t), box.x - 6 * scale, py);
  }
  ctx.font = `${13 * scale}px sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.fillText(xLabel, box.x + box.w / 2, box.y + box.h + 36 * scale, box.w);
  ctx.translate(13 * scale, box.y + box.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "middle";
  ctx.fillText(yLabel, 0, 0, box.h);
  ctx.restore();
  return map;
}
function margins(scale) {
  return { left: 62 * scale, right: 10 * scale, top: 10 * scale, bottom: 40 * scale };
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
  const font = 11.5 * scale;
  ctx.save();
  ctx.font = `${font}px sans-serif`;
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
function rgba(hex, alpha) {
  const value = Number.parseInt(hex.slice(1), 16);
  return [value >> 16 & 255, value >> 8 & 255, value & 255, Math.round(alpha * 255)];
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

// kmeans_teach/static/src/layout.js
function panelSizes(width, windowHeight, [x0, x1, y0, y1], scale) {
  const gap = 14 * scale;
  const m = margins(scale);
  const aspect = (y1 - y0) / (x1 - x0 || 1);
  const tallest = Math.max(260 * scale, Math.min(640 * scale, 0.62 * windowHeight));
  let plotH = tallest - m.top - m.bottom;
  let plotW = plotH / aspect;
  const widest = width - m.left - m.right;
  if (plotW > widest) {
    plotW = widest;
    plotH = plotW * aspect;
  }
  const scatterW = Math.floor(plotW + m.left + m.right);
  const scatterH = Math.floor(plotH + m.top + m.bottom);
  const sideMin = 250 * scale;
  const sideMax = 640 * scale;
  let sideW;
  let mode;
  if (width - scatterW - gap >= sideMin) {
    mode = "beside";
    sideW = Math.min(sideMax, width - scatterW - gap);
  } else if (width >= 2 * sideMin + gap) {
    mode = "under";
    sideW = Math.min(sideMax, Math.floor((width - gap) / 2));
  } else {
    mode = "stacked";
    sideW = Math.min(sideMax, width);
  }
  const captionRoom = 26 * scale;
  const sideH = mode === "beside" ? Math.max(190 * scale, Math.floor((scatterH - gap) / 2 - captionRoom + captionRoom / 2)) : Math.max(190 * scale, Math.min(300 * scale, Math.floor(sideW * 0.62)));
  return { mode, scatterW, scatterH, sideW, sideH };
}

// kmeans_teach/static/src/pointer.js
function listenToThePointer(explorer, on) {
  const { overlay, elbow } = explorer.el;
  on(overlay, "pointerdown", (event) => pointerDown(explorer, event));
  on(overlay, "pointermove", (event) => pointerMove(explorer, event));
  on(overlay, "pointerup", () => pointerUp(explorer));
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
  explorer.root.focus({ preventScroll: true });
  const placing = explorer.placing;
  if (placing) {
    const at = explorer.scatter.dataAt(event);
    if (!at) {
      explorer.refuse("Click inside the plot to place a centroid.", { keepControls: false });
      return;
    }
    explorer.clearMessage();
    placing.centroids.push(at);
    if (placing.centroids.length === placing.k) {
      const { k, centroids } = placing;
      explorer.placing = null;
      explorer.choose({ k, init: "given", centroids });
    }
    explorer.dirty();
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
  if (explorer.dragging) {
    const at = explorer.scatter.dataAt(event);
    if (at) explorer.dragging.at = at;
    explorer.dirty();
    return;
  }
  const over = explorer.placing || centroidUnder(explorer, event) != null;
  explorer.el.overlay.style.cursor = explorer.placing ? "crosshair" : over ? "grab" : "default";
}
function pointerUp(explorer) {
  if (!explorer.dragging) return;
  const { j, at } = explorer.dragging;
  explorer.dragging = null;
  const run = explorer.run;
  const [x0, y0] = centroidAt(run, 0, j);
  if (at[0] === x0 && at[1] === y0) {
    explorer.dirty();
    return;
  }
  const centroids = [];
  for (let i = 0; i < run.k; i++) centroids.push(i === j ? at : centroidAt(run, 0, i));
  explorer.choose({ init: "given", centroids, moved: j });
}

// kmeans_teach/static/src/scatter.js
var UNASSIGNED = "#AAAAAA";
var REGION_ALPHA = 0.13;
var ScatterPanel = class {
  /**
   * `el` holds the canvases (regions, points, overlay), the element that stacks them
   * (layers) and the figure around them; `palette` and `markers` are plotting.py's.
   */
  constructor(el, palette, markers) {
    this.el = el;
    this.palette = palette;
    this.markers = markers;
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
    this.map = transform(plotBox(width, height, scale), x0, x1, y0, y1);
    this.pointRadius = 3.6 * scale;
    this.stamps = this.makeStamps();
    this.drawnPoints = null;
  }
  /**
   * Draw `scene`: the run, the step `index`, the `centroids` to draw there (part-way while
   * they glide), the centroids being `placing` or the one `dragging`, and the `marks`
   * (see description.js, `clusterMarks`).
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
  /** Each cluster's marker as pixels (and a grey circle for "not assigned yet"). */
  makeStamps() {
    const ratio = window.devicePixelRatio || 1;
    const radius = this.pointRadius * ratio;
    const size = Math.ceil(radius * 2.4) + 2;
    const stamp = (colour, marker) => {
      const canvas = Object.assign(document.createElement("canvas"), { width: size, height: size });
      const ctx = canvas.getContext("2d");
      markerPath(ctx, marker, size / 2, size / 2, radius);
      ctx.fillStyle = colour;
      ctx.fill();
      return { size, half: Math.floor(size / 2), data: ctx.getImageData(0, 0, size, size).data };
    };
    return {
      clusters: this.palette.map((colour, j) => stamp(colour, this.marker(j))),
      unassigned: stamp(UNASSIGNED, "o")
    };
  }
  /** Each centroid's region (its Voronoi cell), lightly shaded, on a coarse grid. */
  drawRegions({ run, index, placing, dragging, centroids }) {
    const ctx = this.el.regions.getContext("2d");
    ctx.clearRect(0, 0, this.width, this.height);
    if (!run.regions || placing || index === 0 && run.labelRow[0] < 0 && !dragging) return;
    const map = this.map;
    const cell = 5 * this.scale;
    const gw = Math.max(1, Math.ceil(map.box.w / cell));
    const gh = Math.max(1, Math.ceil(map.box.h / cell));
    if (!this.regionCanvas || this.regionCanvas.width !== gw || this.regionCanvas.height !== gh) {
      this.regionCanvas = Object.assign(document.createElement("canvas"), {
        width: gw,
        height: gh
      });
    }
    const small = this.regionCanvas.getContext("2d");
    const image = small.createImageData(gw, gh);
    const colours = this.palette.map((colour) => rgba(colour, REGION_ALPHA));
    const manhattan = run.metric === "manhattan";
    for (let row = 0; row < gh; row++) {
      const y = map.dataY(map.box.y + (row + 0.5) * (map.box.h / gh));
      for (let col = 0; col < gw; col++) {
        const x = map.dataX(map.box.x + (col + 0.5) * (map.box.w / gw));
        let best = 0;
        let bestDistance = Infinity;
        for (let j = 0; j < centroids.length; j++) {
          const dx = x - centroids[j][0];
          const dy = y - centroids[j][1];
          const distance = manhattan ? Math.abs(dx) + Math.abs(dy) : dx * dx + dy * dy;
          if (distance < bestDistance) {
            bestDistance = distance;
            best = j;
          }
        }
        image.data.set(colours[best % colours.length], (row * gw + col) * 4);
      }
    }
    small.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.regionCanvas, map.box.x, map.box.y, map.box.w, map.box.h);
  }
  drawOverlay({ run, index, placing, dragging, centroids, marks }) {
    const ctx = this.el.overlay.getContext("2d");
    ctx.clearRect(0, 0, this.width, this.height);
    const map = this.map;
    const scale = this.scale;
    ctx.save();
    ctx.beginPath();
    ctx.rect(map.box.x, map.box.y, map.box.w, map.box.h);
    ctx.clip();
    if (placing) {
      placing.centroids.forEach(([x, y], j) => {
        this.drawCentroid(ctx, map.x(x), map.y(y), j);
      });
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
    const marked = new Map(marks.map(({ j, mark }) => [j, mark]));
    for (let j = 0; j < run.k; j++) {
      const [x, y] = centroids[j];
      const px = map.x(x);
      const py = map.y(y);
      if (phase === "update" && index > 0) {
        const [ox, oy] = centroidAt(run, index - 1, j);
        this.drawGhost(ctx, map.x(ox), map.y(oy), px, py, j);
      }
      if (dragging?.j === j) {
        const [sx, sy] = centroidAt(run, 0, j);
        this.drawGhost(ctx, map.x(sx), map.y(sy), px, py, j);
      }
      this.drawCentroid(ctx, px, py, j);
      if (marked.has(j)) this.drawMark(ctx, px, py, marked.get(j));
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
    ctx.font = `bold ${12 * scale}px sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineWidth = 3 * scale;
    ctx.strokeStyle = "#FFFFFF";
    ctx.strokeText(mark, px, py + 22 * scale);
    ctx.fillStyle = "#000000";
    ctx.fillText(mark, px, py + 22 * scale);
    ctx.restore();
  }
  /** A centroid: the cluster's marker, large, white inside, so it stands out on its own points. */
  drawCentroid(ctx, px, py, j) {
    const scale = this.scale;
    const r = 11 * scale;
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
    ctx.font = `bold ${11 * scale}px sans-serif`;
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
  /** Every step's inertia, and a ring at step `index` (none while centroids are placed). */
  draw(run, index, { placing }) {
    const ctx = this.canvas.getContext("2d");
    ctx.clearRect(0, 0, this.width, this.height);
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
      yLabel: "inertia",
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
};

// kmeans_teach/static/src/explorer.js
var GLIDE_MS = 300;
var LECTURE_SCALE = 1.6;
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
    this.el = buildPage(root, host.choices, host.get("speed"));
    const el = this.el;
    this.scatter = new ScatterPanel(
      {
        figure: el.scatter,
        layers: el.layers,
        regions: el.regions,
        points: el.points,
        overlay: el.overlay
      },
      host.get("palette"),
      host.get("markers")
    );
    this.trace = new TracePanel(el.trace);
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
    on(el.first, "click", () => this.show(0));
    on(el.back, "click", () => this.step(-1));
    on(el.forward, "click", () => this.step(1));
    on(el.last, "click", () => this.showLast());
    on(el.play, "click", () => this.togglePlay());
    on(el.step, "input", () => this.show(Number(el.step.value)));
    on(el.speed, "change", () => this.host.set("speed", Number(el.speed.value)));
    on(el.k, "input", () => {
      el.kValue.textContent = el.k.value;
    });
    on(el.k, "change", () => this.choose({ k: Number(el.k.value) }));
    on(el.seed, "change", () => this.choose({ seed: Number(el.seed.value) }));
    on(el.newSeed, "click", () => this.choose({ seed: this.newSeed() }));
    on(el.data, "change", () => this.choose({ data: el.data.value }));
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
    this.resizeObserver = new ResizeObserver(() => this.layout());
    this.resizeObserver.observe(this.root);
    this.cleanups.push(() => this.resizeObserver.disconnect());
    for (const name of ["run", "elbow", "message", "lecture", "step_index"]) {
      const handler = () => this.onHost(name);
      this.host.on(name, handler);
      this.cleanups.push(() => this.host.off(name, handler));
    }
  }
  onHost(name) {
    if (name === "run") {
      this.answered();
      this.setRun(this.host.get("run"), 0);
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
  setRun(raw, index) {
    if (!raw?.n_steps) return;
    this.run = decodeRun(raw);
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
    if (this.elbow) this.el.elbow.setAttribute("aria-label", elbowName(this.elbow));
    this.dirty();
  }
  /** The run choice controls show the run shown (also after a refused choice). */
  syncChoiceControls() {
    showRunChoices(this.el, this.run);
    this.el.points.setAttribute("aria-label", scatterName(this.run));
  }
  /** Ask for the run shown with `change` made to it ({data}, {k}, {seed}, ...). */
  choose(change) {
    if (this.pending) {
      this.refuse(STILL_COMPUTING, { keepControls: false });
      return;
    }
    this.placing = null;
    const run = this.run;
    const keepStart = run.init === "given" && change.data === void 0;
    const choice = {
      data: run.data,
      k: run.k,
      seed: run.seed,
      init: keepStart ? "given" : run.init === "given" ? "k-means++" : run.init,
      metric: run.metric,
      ...change
    };
    if (change.k !== void 0 && run.init === "given" && change.init === void 0) {
      this.startPlacing(choice.k);
      return;
    }
    const seedMax = this.host.choices.seedMax;
    if (!Number.isInteger(choice.seed) || choice.seed < 0 || choice.seed > seedMax) {
      this.refuse(`The seed must be a whole number from 0 to ${seedMax}.`);
      return;
    }
    this.ask(choice);
  }
  ask(choice) {
    const timer = setTimeout(() => {
      this.pending = null;
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
  /** Say why a choice was not made; the controls go back to the run shown. */
  refuse(text, { keepControls = true } = {}) {
    this.el.message.textContent = `⚠ ${text}`;
    this.el.message.hidden = false;
    if (keepControls && this.run) this.syncChoiceControls();
    this.dirty();
  }
  clearMessage() {
    this.el.message.hidden = true;
    this.el.message.textContent = "";
  }
  /** "I'll choose": the next `k` clicks on the picture place the starting centroids. */
  startPlacing(k = Number(this.el.k.value)) {
    if (this.pending) {
      this.refuse(STILL_COMPUTING);
      return;
    }
    this.playing = false;
    this.placing = { k, centroids: [] };
    this.el.init.value = CHOOSE;
    this.clearMessage();
    this.dirty();
  }
  /** Stop placing or dragging centroids, and show the run's own choices again (Esc). */
  cancel() {
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
   * the browser paints (a key press waits for no animation frame).
   */
  show(index, { glide = false } = {}) {
    if (!this.run) return;
    this.goTo(index, glide);
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
    if (target === this.run.nSteps - 1) this.playing = false;
    this.host.set("step_index", target);
  }
  step(by) {
    this.playing = false;
    this.show(this.index + by, { glide: by === 1 });
  }
  /** The last step. */
  showLast() {
    this.show(this.run.nSteps - 1);
  }
  togglePlay() {
    if (!this.run) return;
    if (this.playing) {
      this.playing = false;
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
    this.scale = on ? LECTURE_SCALE : 1;
    this.el.lecture.checked = on;
    this.root.classList.toggle("kt-lecture", on);
    this.root.style.setProperty("--kt-scale", String(this.scale));
    this.layout();
  }
  /** Size the panels to the width the explorer has (see layout.js). */
  layout() {
    if (!this.run) return;
    const scale = this.scale;
    const width = Math.floor(this.root.clientWidth - 2 * 8 * scale);
    if (width <= 0) return;
    const sizes = panelSizes(width, window.innerHeight, this.run.limits, scale);
    this.root.dataset.layout = sizes.mode;
    this.scatter.resize(sizes.scatterW, sizes.scatterH, scale, this.run.limits);
    this.trace.resize(sizes.sideW, sizes.sideH, scale);
    this.elbowPanel.resize(sizes.sideW, sizes.sideH, scale);
    this.el.tracePanel.style.width = `${sizes.sideW}px`;
    this.el.elbowPanel.style.width = `${sizes.sideW}px`;
    this.laidOut = true;
    this.dirty();
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
    const marks = this.placing ? null : clusterMarks(run, index);
    this.scatter.draw({
      run,
      index,
      placing: this.placing,
      dragging: this.dragging,
      centroids: this.centroidsAt(eased),
      marks: marks ?? []
    });
    if (marks) this.root.dataset.marks = marksText(marks);
    this.trace.draw(run, index, { placing: this.placing });
    if (this.elbow) this.elbowPanel.draw(this.elbow, this.placing ? this.placing.k : run.k);
    this.writeStatus();
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
  /** The words and the step controls, in the same frame as the picture. */
  writeStatus() {
    const status = statusText(this.run, this.index, {
      placing: this.placing,
      dragging: this.dragging,
      canPlace: this.host.choices.place
    });
    if (this.el.status.textContent !== status) this.el.status.textContent = status;
    const focusDropped = showStep(this.el, this.run, this.index, this.playing);
    if (focusDropped) this.keys.giveKeysToTheRun();
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
