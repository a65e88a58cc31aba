/**
 * The explorer's page: its controls, status line and panels, and keeping the controls
 * true to the run and the step shown.
 *
 * The controls that choose a run (data set, K, seed, start, distance) always show the run
 * shown, also after a choice the kernel refused; the step controls show the step.
 *
 * The page is laid out for a projector (layout.js): K, lecture mode, the table view, Play's
 * speed and full screen in one row, the choices changed less often (data set, seed, start, distance) folded
 * in a disclosure under it, and the step controls and the status line in the column beside
 * the picture, over the trace, so a room sees picture, words, controls and trace together.
 */

import { counterText, METRIC_NAMES } from "./description.js";
import { KEY_SHORTCUTS } from "./keys.js";

/** Play speeds offered, in steps per second (player.py's PLAYER_SPEEDS match them). */
export const SPEEDS = [0.5, 1, 2, 4, 8];
/** The start method whose centroids are placed by clicks on the picture, or the keys. */
export const CHOOSE = "choose";
const CHOOSE_LABEL = "I'll choose (place them on the picture)";

/*
 * A button's name is its visible word ("Next"), so that someone who says what they see
 * ("click Next") is understood by speech input (WCAG 2.5.3); its arrow is decoration, and
 * its title says the keys. The picture's accessible side is the overlay canvas, on top: it
 * takes the focus from the keyboard (to place and move centroids), and its description,
 * written at every step, tells what the picture shows.
 */
const MARKUP = `
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

/**
 * Build the explorer inside `root`: the controls offer what `choices` allows (see
 * explorer.py and player.py), playing at `speed` steps per second. Returns the
 * elements the explorer uses, by name.
 */
export function buildPage(root, choices, speed) {
  root.classList.add("kt-explorer");
  root.tabIndex = 0;
  root.setAttribute("role", "group");
  root.setAttribute("aria-roledescription", "k-means explorer");
  root.setAttribute("aria-label", "k-means explorer: arrow keys step, space plays");
  root.setAttribute("aria-keyshortcuts", KEY_SHORTCUTS);
  // JupyterLab's own shortcuts (arrows move between cells) stay out of the explorer.
  root.dataset.lmSuppressShortcuts = "true";
  root.innerHTML = MARKUP;
  const find = (selector) => root.querySelector(selector);
  // Ids for the references between elements, unique in the page (which may hold several
  // explorers, each perhaps from its own copy of this module: the count is the page's).
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
    announcer: find(".kt-announcer"),
  };
  fill(
    el.data,
    choices.data.map((name) => [name, name]),
  );
  fill(
    el.init,
    choices.inits.map((init) => [init, init === CHOOSE ? CHOOSE_LABEL : init]),
  );
  fill(
    el.metric,
    choices.metrics.map((metric) => [metric, METRIC_NAMES[metric] || metric]),
  );
  fill(
    el.speed,
    SPEEDS.map((value) => [value, `${value} steps/s`]),
  );
  el.speed.value = String(speed || 2);
  el.k.min = String(choices.kMin);
  el.k.max = String(choices.kMax);
  el.seed.max = String(choices.seedMax);
  if (choices.dataSeedMax) {
    el.dataSeed.max = String(choices.dataSeedMax);
  } else {
    // Your own data, or the player's one data set computed beforehand: no data seed to change.
    el.dataSeed.closest("label").remove();
    el.newData.remove();
    el.dataSeed = el.newData = null;
  }
  // A menu with one thing in it is shown, so the reader knows what is used, but disabled.
  el.data.disabled = choices.data.length < 2;
  el.metric.disabled = choices.metrics.length < 2;
  el.init.disabled = choices.inits.length < 2;
  if (choices.seeds) {
    // The player holds a few seeds only: the box steps through those.
    el.seed.readOnly = true;
    el.seed.title = `This page holds the seeds ${choices.seeds.join(", ")}: "New seed" goes to the next`;
  }
  return el;
}

/** Fill a menu with [value, text] options. */
function fill(select, options) {
  select.replaceChildren(
    ...options.map(([value, text]) =>
      Object.assign(document.createElement("option"), { value, textContent: text }),
    ),
  );
}

/** The run choice controls show the run shown (also after a refused choice). */
export function showRunChoices(el, run) {
  el.title.textContent = run.title;
  el.scatterCaption.textContent = run.title;
  el.data.value = run.data;
  if (el.dataSeed) {
    // A table no seed changes (Iris) has none: the box is empty and New data does nothing.
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

/**
 * The step controls show step `index`: the scrubber, the buttons that can be used, Play.
 * Returns true when the focused button has just been disabled (Next or Last at the last
 * step): the browser would drop the focus to the page, and the keys with it.
 */
export function showStep(el, run, index, playing) {
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
      textContent: playing ? "⏸" : "▶",
    });
    icon.setAttribute("aria-hidden", "true");
    el.play.replaceChildren(icon, playing ? " Pause" : " Play");
  }
  return [el.first, el.back, el.forward, el.last].some(
    (button) => button === focused && button.disabled,
  );
}
