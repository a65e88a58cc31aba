/**
 * One explorer: a finished k-means run, any step of which it draws, and the choices that
 * ask its host for another run.
 *
 * The explorer never computes a clustering. A host gives it the run (every step of
 * `kmeans_steps`) and answers its requests for other runs: the kernel in a notebook
 * (widget.js), or the runs computed beforehand in the player's page (player.js).
 * Stepping, scrubbing and playing need no host: every step is already here.
 *
 * Everything a step changes (the picture, the status line, the long description, the
 * tables, the step controls) is written in one animation frame, so words and picture
 * change together. What the user does is said once in the live region (narration.js).
 */

import { buildPage, CHOOSE, showRunChoices, showStep } from "./controls.js";
import { clusterMarks, marksText, scatterName, statusText } from "./description.js";
import { ElbowPanel } from "./elbow.js";
import { Keys } from "./keys.js";
import { Narration } from "./narration.js";
import { Crosshair } from "./placing.js";
import { listenToThePointer } from "./pointer.js";
import { centroidAt, decodeElbow, decodeRun, phaseAt } from "./run.js";
import { ScatterPanel } from "./scatter.js";
import { Screen } from "./screen.js";
import { TracePanel } from "./trace.js";

/** How long a centroid glides from its old to its new place on an update step. */
const GLIDE_MS = 300;
/** The page waits this long for a new run before it says the kernel did not answer. */
const ANSWER_TIMEOUT_MS = 15000;
const STILL_COMPUTING = "Still computing the last run: wait a moment, then try again.";

/**
 * One explorer in `root`, drawn from a host:
 * `host.get(name)` / `host.on(name, callback)` read the run, the elbow curve and
 * the settings; `host.set(name, value)` keeps the step and lecture mode; and
 * `host.request(choice)` asks for another run (answered by a new "run", or by a
 * "message" that says why not). `host.choices` says what can be asked for.
 */
export class Explorer {
  constructor(root, host) {
    this.root = root;
    this.host = host;
    this.run = null;
    this.elbow = null;
    this.index = 0;
    this.playing = false;
    this.placing = null; // {centroids, max}: the centroids placed so far in "I'll choose"
    this.dragging = null; // {j, at, keyboard} while a start centroid is moved
    this.pending = null; // {timer} while a new run is being computed
    this.glide = null; // {from, start} while centroids glide into their new places
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
        overlay: el.overlay,
      },
      {
        palette: host.get("palette"),
        markers: host.get("markers"),
        edges: host.get("edges"),
        unassigned: host.get("unassigned"),
        regionAlpha: host.get("region_alpha"),
      },
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
    on(el.forward, "click", () => this.step(+1));
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
      // A run asked for is said when it comes; one from elsewhere (another view) is not.
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
    // A given start stays given (the kernel keeps its centroids) until the data change.
    const newData = change.data !== undefined || change.data_seed !== undefined;
    const keepStart = run.init === "given" && !newData;
    const choice = {
      data: run.data,
      data_seed: run.dataSeed,
      k: run.k,
      seed: run.seed,
      init: keepStart ? "given" : run.init === "given" ? "k-means++" : run.init,
      metric: run.metric,
      ...change,
    };
    // A data set from the menu comes with its own data seed (the one the lessons use).
    if (change.data !== undefined && change.data_seed === undefined) choice.data_seed = null;
    if (change.k !== undefined && run.init === "given" && change.init === undefined) {
      // A new K needs new starting centroids: place them again.
      this.startPlacing();
      return;
    }
    const { seedMax, dataSeedMax } = this.host.choices;
    if (!Number.isInteger(choice.seed) || choice.seed < 0 || choice.seed > seedMax) {
      this.refuse(`The seed must be a whole number from 0 to ${seedMax}.`);
      return;
    }
    const dataSeed = choice.data_seed;
    if (
      dataSeed !== null &&
      !(Number.isInteger(dataSeed) && dataSeed >= 0 && dataSeed <= dataSeedMax)
    ) {
      this.refuse(`The data seed must be a whole number from 0 to ${dataSeedMax}.`);
      return;
    }
    this.ask(choice);
  }

  ask(choice) {
    const timer = setTimeout(() => {
      // The busy mark goes with the wait: "computing…" beside "no answer" would contradict it.
      this.answered();
      this.refuse(
        "No answer from Python: is the kernel running? Stepping through this run still works.",
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
    // Any seed: the explorer shows which, and typing it in again gives the same run.
    return Math.floor(Math.random() * 10000);
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
    // The button now, not at the next frame: the picture, which it may move down as the
    // controls wrap, is where it stays before the first click on it.
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
        keepControls: false,
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
    // Asked at every step, so a change of the system's setting counts at once.
    const reducedMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    const gliding = glide && !reducedMotion && phaseAt(this.run, target) === "update";
    this.glide = gliding ? { from: this.index, start: performance.now() } : null;
    this.index = target;
    if (this.placing) this.placing = null;
    if (target !== 0) this.dragging = null; // a start centroid moves at the start only
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
    if (this.playing && now - this.lastAdvance >= 1000 / speed) {
      this.lastAdvance = now;
      this.goTo(this.index + 1, true);
      if (!this.playing) this.words.speech = "paused"; // Play stops at the last step
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
      crosshair: this.crosshair.shown,
    });
    // What the picture marks, in words, for the browser tests and anyone reading the page.
    if (marks) this.root.dataset.marks = marksText(marks);
    this.trace.draw(run, index, { placing: this.placing });
    // While placing, K is the number placed so far.
    const currentK = this.placing ? this.placing.centroids.length : run.k;
    if (this.elbow) this.elbowPanel.draw(this.elbow, currentK);
    this.words.write({
      run,
      index,
      facts,
      status: this.status(),
      placing: this.placing,
      elbow: this.elbow,
      currentK,
    });
    this.writeStepControls();
    this.frame += 1;
    this.root.dataset.step = String(index);
    this.root.dataset.frame = String(this.frame);
    this.root.dataset.run = run.key;
    this.root.dispatchEvent(
      new CustomEvent("kmeans-teach:drawn", { detail: { step: index, run: run.key, time: now } }),
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
      crosshair: this.crosshair,
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
}
