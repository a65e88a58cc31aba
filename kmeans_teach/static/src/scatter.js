/**
 * The scatter: the points coloured and shaped by cluster, each centroid's region, and the
 * centroids with what just happened to them (where they were, the points that changed
 * cluster, an empty or re-seeded cluster).
 *
 * Three canvases, one over another, so that each is drawn only when it changes:
 * - regions: each centroid's region, lightly shaded (it moves while a centroid glides);
 * - points: the axes and the points (they change colour only at an assign step);
 * - overlay: the centroids and the marks (every frame of a glide or a drag).
 *
 * The colours are plotting.py's: every point has an outline in a darker shade of its
 * cluster's colour, which stands out 3:1 or more from white and from every region's tint
 * (WCAG 1.4.11), however pale the colour inside; the markers' shapes tell the clusters apart.
 */

import { layOutCentroids } from "./callouts.js";
import {
  drawAxes,
  markerPath,
  plotBox,
  setFont,
  sizeCanvas,
  stampOver,
  TICK_FONT,
  transform,
} from "./canvas.js";
import { fillVoronoiCells, paintManhattanCells, regionTint } from "./regions.js";
import { centroidAt, labelsAt, NO_LABEL, phaseAt } from "./run.js";

/** A point's outline, in CSS pixels (at lecture scale 1). */
const POINT_EDGE = 1.25;
/** A centroid's marker's radius, in CSS pixels (at lecture scale 1). */
const CENTROID_RADIUS = 11;

export class ScatterPanel {
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
    this.centroidsDrawn = []; // where each centroid was drawn last (layOutCentroids)
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
    this.limits = [x0, x1, y0, y1];
    this.map = transform(plotBox(width, height, scale), x0, x1, y0, y1);
    this.pointRadius = 4.2 * scale;
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

  /** Each cluster's marker as pixels, outlined (and a grey circle for "not assigned yet"). */
  makeStamps() {
    const ratio = window.devicePixelRatio || 1;
    const edge = POINT_EDGE * this.scale * ratio;
    // The outline is drawn inside the marker's size: it is the same size with or without one.
    const radius = this.pointRadius * ratio - edge / 2;
    const size = Math.ceil(this.pointRadius * ratio * 2.4) + 2;
    const stamp = (colour, outline, marker) => {
      const canvas = Object.assign(document.createElement("canvas"), { width: size, height: size });
      const ctx = canvas.getContext("2d");
      markerPath(ctx, marker, size / 2, size / 2, radius);
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.lineJoin = "round";
      ctx.lineWidth = edge;
      ctx.strokeStyle = outline;
      ctx.stroke();
      return { size, half: Math.floor(size / 2), data: ctx.getImageData(0, 0, size, size).data };
    };
    const [fill, outline] = this.unassigned;
    return {
      clusters: this.palette.map((colour, j) => stamp(colour, this.edges[j], this.marker(j))),
      unassigned: stamp(fill, outline, "o"),
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
    // No regions while centroids are placed, nor at a start that has no labels yet (unless
    // a start centroid is being dragged: then its region shows where its points would go).
    if (!run.regions || placing || (index === 0 && run.labelRow[0] < 0 && !dragging)) return;
    if (run.metric === "manhattan") {
      const ratio = canvas.width / this.width; // the device pixels of one CSS pixel
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
        placing.centroids.map(([x, y]) => [map.x(x), map.y(y)]),
      );
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
    const places = centroids.slice(0, run.k).map(([x, y]) => [map.x(x), map.y(y)]);
    places.forEach(([px, py], j) => {
      if (phase === "update" && index > 0) {
        // Where the centroid was, and the way it went.
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

  /**
   * The centroids at `places` (CSS pixels), each with its number; those that would hide one
   * another are called out around their group with leader lines (callouts.js), and each
   * keeps a small marker where it truly is.
   */
  drawCentroids(ctx, places) {
    const r = CENTROID_RADIUS * this.scale;
    const drawn = layOutCentroids(places, r, this.width, this.height);
    this.centroidsDrawn = drawn; // for the tests: where each centroid and its number went
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
      ["#000000", 1.6 * scale],
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
}
