/**
 * The scatter: the points coloured and shaped by cluster, each centroid's region, and the
 * centroids with what just happened to them (where they were, the points that changed
 * cluster, an empty or re-seeded cluster).
 *
 * Three canvases, one over another, so that each is drawn only when it changes:
 * - regions: each centroid's region, lightly shaded (it moves while a centroid glides);
 * - points: the axes and the points (they change colour only at an assign step);
 * - overlay: the centroids and the marks (every frame of a glide or a drag).
 */

import {
  drawAxes,
  markerPath,
  plotBox,
  rgba,
  setFont,
  sizeCanvas,
  stampOver,
  TICK_FONT,
  transform,
} from "./canvas.js";
import { centroidAt, labelsAt, NO_LABEL, phaseAt } from "./run.js";

/** The colour of a point not assigned to any cluster yet. */
const UNASSIGNED = "#AAAAAA";
/** How strongly a region is tinted with its cluster's colour. */
const REGION_ALPHA = 0.13;

export class ScatterPanel {
  /**
   * `el` holds the canvases (regions, points, overlay), the element that stacks them
   * (layers) and the figure around them; `palette` and `markers` are plotting.py's.
   */
  constructor(el, palette, markers) {
    this.el = el;
    this.palette = palette;
    this.markers = markers;
    this.map = null; // data <-> CSS pixels on the canvases
    this.drawnPoints = null; // which labelling the points layer shows
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
    this.drawnPoints = null; // the points layer is drawn again at the new size
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
      scale: this.scale,
    });
    // The points are stamped into an image of the plot, pixel by pixel: for 20,000 points this
    // is several times quicker than asking the canvas for a shape (or a copy) per point.
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
      unassigned: stamp(UNASSIGNED, "o"),
    };
  }

  /** Each centroid's region (its Voronoi cell), lightly shaded, on a coarse grid. */
  drawRegions({ run, index, placing, dragging, centroids }) {
    const ctx = this.el.regions.getContext("2d");
    ctx.clearRect(0, 0, this.width, this.height);
    // No regions while centroids are placed, nor at a start that has no labels yet (unless
    // a start centroid is being dragged: then its region shows where its points would go).
    if (!run.regions || placing || (index === 0 && run.labelRow[0] < 0 && !dragging)) return;
    const map = this.map;
    const cell = 5 * this.scale;
    const gw = Math.max(1, Math.ceil(map.box.w / cell));
    const gh = Math.max(1, Math.ceil(map.box.h / cell));
    if (!this.regionCanvas || this.regionCanvas.width !== gw || this.regionCanvas.height !== gh) {
      this.regionCanvas = Object.assign(document.createElement("canvas"), {
        width: gw,
        height: gh,
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
      placing.centroids.forEach(([x, y], j) => {
        this.drawCentroid(ctx, map.x(x), map.y(y), j);
      });
      if (crosshair) this.drawCrosshair(ctx, map.x(crosshair[0]), map.y(crosshair[1]));
      ctx.restore();
      return;
    }
    const phase = phaseAt(run, index);
    const labels = labelsAt(run, index);
    if (phase === "assign" && index > 0) {
      // The points that just changed cluster, ringed.
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
    // The centroids may stand out over the frame of the plot (a clipped centroid looks moved).
    ctx.restore();
    ctx.save();
    const marked = new Map(marks.map(({ j, mark }) => [j, mark]));
    for (let j = 0; j < run.k; j++) {
      const [x, y] = centroids[j];
      const px = map.x(x);
      const py = map.y(y);
      if (phase === "update" && index > 0) {
        // Where the centroid was, and the way it went.
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
      ["#000000", 1.8 * scale],
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
}
