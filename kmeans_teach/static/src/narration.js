/**
 * The explorer in words, written in the same frame as the picture: the status line, the
 * scatter's long description, the names of the trace and the elbow curve, the tables, and
 * the live region a screen reader speaks from.
 *
 * The words come from description.js, made from the same run and step as the picture. The
 * live region speaks when the user does something (a step, a pause, a new run asked for, a
 * centroid placed, a refusal), once each, and never on its own: during Play the steps go by
 * unspoken until a pause ("Paused at step 12 of 29: …"), so the voice never talks over the
 * animation. The status line changes with every step drawn, so it is not a live region.
 *
 * Everything is written only when it changes: once per step, not once per frame of Play.
 */

import {
  clusterFacts,
  elbowName,
  objectiveName,
  PLACING_TRACE,
  placingDescription,
  stepDescription,
  stepSpeech,
  traceName,
} from "./description.js";
import { TableView } from "./tables.js";

export class Narration {
  /** `el` are the explorer's elements (controls.js, `buildPage`); `markers` plotting.py's. */
  constructor(el, markers) {
    this.el = el;
    this.markers = markers;
    this.tables = new TableView(el.tables);
    this.written = {}; // keys of what each element shows now
    this.facts = null;
    this.speech = null; // what to say at the next frame: "step", "paused", "run" or null
    this.said = 0; // how many things the live region said (the browser tests count them)
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
      el.description.textContent = placing
        ? placingDescription(run, placing)
        : stepDescription(run, index, facts, this.markers, status);
      el.trace.setAttribute(
        "aria-label",
        placing
          ? `Trace of the ${objectiveName(run.metric)}: ${PLACING_TRACE}`
          : traceName(run, index),
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
    // The same words twice are a change too (a second pause at the same step): a no-break
    // space makes the region's text differ, so the screen reader speaks again.
    const again = region.textContent === text;
    region.textContent = again ? `${text}\u00a0` : text;
    this.said += 1;
    region.dataset.said = String(this.said);
  }

  /** Show the tables or hide them (the Table button). */
  showTables(on) {
    this.tables.show(on);
    this.el.table.setAttribute("aria-pressed", String(on));
  }
}
