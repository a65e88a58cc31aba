/**
 * The inertia trace: the objective after every half step of the run, with this step ringed.
 *
 * Lloyd's algorithm never lets the objective rise: an assign step lowers it (or keeps it)
 * with the centroids fixed, an update step lowers it with the labels fixed. Drawing both
 * half steps, with different markers, lets a class see each one do its part.
 */

import {
  drawAxes,
  drawLegend,
  markerPath,
  niceTicks,
  plotBox,
  ring,
  sizeCanvas,
} from "./canvas.js";
import { objectiveName, PLACING_TRACE } from "./description.js";
import { phaseAt } from "./run.js";

export class TracePanel {
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
      Math.max(2, Math.floor(box.w / (55 * scale))),
    ).filter((t) => Number.isInteger(t));
    const map = drawAxes(ctx, box, [-0.5, Math.max(last, 1) + 0.5, low - pad, high + pad], {
      xLabel: "step (start, assign, update, …)",
      yLabel: objectiveName(run.metric), // a k-medians run's total distance is no inertia
      xTicks,
      scale,
    });
    ctx.save();
    ctx.strokeStyle = "#8c8c8c";
    ctx.lineWidth = 1.5 * scale;
    ctx.beginPath();
    let started = false;
    for (let i = 0; i <= last; i++) {
      // No inertia before the first assignment (NaN): the line starts where it exists.
      if (!Number.isFinite(run.inertia[i])) continue;
      const px = map.x(i);
      const py = map.y(run.inertia[i]);
      if (started) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      started = true;
    }
    ctx.stroke();
    const r = 3.8 * scale;
    // Filled after an assign, hollow after an update: the two half steps told apart in grey.
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
        [(c, x, y) => ring(c, x, y, 5.5 * scale, 2.5 * scale), "this step"],
      ],
      scale,
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
    const top = this.height / 2 - ((lines.length - 1) * font * 1.3) / 2;
    lines.forEach((line, i) => {
      ctx.fillText(line, this.width / 2, top + i * font * 1.3);
    });
    ctx.restore();
  }
}
