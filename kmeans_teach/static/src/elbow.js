/**
 * The elbow curve of the run's data set: for each K, the best and the worst inertia of a
 * few starts, the elbow found, and the current K ringed. A click on a K chooses it.
 *
 * The curve belongs to the data set, not to the run: it is drawn again only to move the
 * ring when K changes.
 */

import { drawAxes, drawLegend, plotBox, polyline, ring, sizeCanvas } from "./canvas.js";

/** The band between the best and the worst start, and the line of the best. */
const BAND = "rgba(136, 204, 238, 0.45)";
const BAND_KEY = "rgba(136, 204, 238, 0.7)";
const BEST = "#332288";
const ELBOW = "#117733";

export class ElbowPanel {
  /** `canvas` is the elbow's canvas (its figure holds the caption). */
  constructor(canvas) {
    this.canvas = canvas;
    this.width = 0;
    this.height = 0;
    this.scale = 1;
    this.map = null; // data <-> pixels of the last drawing, for clicks
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
      scale,
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
}

/** The legend: the band, the best starts, the current K and (if found) the elbow. */
function legendRows(elbow, scale) {
  const rows = [
    [
      (c, x, y) => {
        c.fillStyle = BAND_KEY;
        c.fillRect(x - 6 * scale, y - 4 * scale, 12 * scale, 8 * scale);
      },
      "best to worst start",
    ],
    [
      (c, x, y) => {
        c.fillStyle = BEST;
        c.beginPath();
        c.arc(x, y, 3.6 * scale, 0, 2 * Math.PI);
        c.fill();
      },
      "best of 5 starts",
    ],
    [(c, x, y) => ring(c, x, y, 5.5 * scale, 2.5 * scale), "current K"],
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
      `elbow: K = ${elbow.elbow}`,
    ]);
  }
  return rows;
}
