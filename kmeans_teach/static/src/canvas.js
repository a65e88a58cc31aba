/**
 * Drawing helpers shared by the three panels: canvases sized for the screen, axes with
 * ticks, markers, legends, and painting small pictures pixel by pixel.
 *
 * Every panel draws in CSS pixels; `sizeCanvas` makes the canvas's own pixels as dense as
 * the screen's, so lines and text stay sharp on a high-resolution projector.
 */

/** The ring that marks "where you are" in every panel: this step, the current K. */
export const RING = "#CC6677";

/**
 * Type on the canvases, in CSS pixels at scale 1 (times 1.45 in lecture mode): tick labels,
 * legends and marks at 14 px, axis labels at 15 px, so nothing drawn is smaller than the
 * 14 px the back row needs (20 px in lecture mode).
 */
export const TICK_FONT = 14;
export const LABEL_FONT = 15;

/**
 * Set the canvas's font to `px` CSS pixels, and keep the smallest size drawn since the canvas
 * was last sized in its `data-font-min` (the browser tests read it: canvas text is no element).
 */
export function setFont(ctx, px, weight = "") {
  ctx.font = `${weight ? `${weight} ` : ""}${px}px sans-serif`;
  const data = ctx.canvas.dataset;
  if (data && !(Number(data.fontMin) <= px)) data.fontMin = String(Math.round(px * 100) / 100);
}

/**
 * Ticks for an axis `length` CSS pixels long, about one per `spacing` pixels, and at least two
 * inside [low, high] however short the axis (a short axis in lecture mode kept one, or none).
 */
export function axisTicks(low, high, length, spacing) {
  const count = Math.max(2, Math.floor(length / spacing));
  let ticks = niceTicks(low, high, count);
  for (let more = count + 1; ticks.length < 2 && more <= count + 8; more++) {
    ticks = niceTicks(low, high, more);
  }
  return ticks;
}

/** Ticks at 1, 2 or 5 times a power of ten, about `count` of them over [low, high]. */
export function niceTicks(low, high, count = 5) {
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
  if (size >= 1e5 || (size > 0 && size < 1e-3)) return value.toExponential(0);
  return String(Number(value.toPrecision(6)));
}

/** Add a line through `points` ([x, y] pairs, in pixels) to the current path. */
export function polyline(ctx, points) {
  points.forEach(([x, y], i) => {
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
}

/** Trace the outline of a marker (matplotlib's names) of radius r around (x, y). */
export function markerPath(ctx, marker, x, y, r) {
  ctx.beginPath();
  traceMarker(ctx, marker, x, y, r);
}

/** The outline of a cross of arm width 0.76, turned by `angle`: flat [x0, y0, x1, y1, ...]. */
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
    [-w, -w],
  ];
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return arm.flatMap(([x, y]) => [x * c - y * s, x * s + y * c]);
}

/**
 * Each marker's outline at radius 1 (matplotlib's marker names), as flat [x0, y0, x1, y1, ...],
 * y downwards; made once, so that tracing thousands of points allocates nothing. "o" is a circle.
 */
const SHAPES = {
  s: [-0.85, -0.85, 0.85, -0.85, 0.85, 0.85, -0.85, 0.85],
  "^": [0, -1.1, 1, 0.75, -1, 0.75],
  v: [0, 1.1, 1, -0.75, -1, -0.75],
  "<": [-1.1, 0, 0.75, -1, 0.75, 1],
  ">": [1.1, 0, -0.75, -1, -0.75, 1],
  D: [0, -1.1, 0.8, 0, 0, 1.1, -0.8, 0],
  P: cross(0),
  X: cross(Math.PI / 4),
  h: [0, 1, 2, 3, 4, 5].flatMap((i) => [Math.sin((i * Math.PI) / 3), -Math.cos((i * Math.PI) / 3)]),
};

/** Add the outline of a marker to the current path (many markers make one path to fill). */
function traceMarker(ctx, marker, x, y, r) {
  const shape = SHAPES[marker];
  if (shape === undefined) {
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    return;
  }
  ctx.moveTo(x + shape[0] * r, y + shape[1] * r);
  for (let i = 2; i < shape.length; i += 2) ctx.lineTo(x + shape[i] * r, y + shape[i + 1] * r);
  ctx.closePath();
}

/** A canvas whose backing store has the screen's pixel density; drawn in CSS pixels. */
export function sizeCanvas(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  delete canvas.dataset.fontMin; // sized anew: its type is drawn anew, perhaps at another scale
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** Maps data to CSS pixels inside `box` ({x, y, w, h}) for the ranges [x0, x1] and [y0, y1]. */
export function transform(box, x0, x1, y0, y1) {
  const sx = box.w / (x1 - x0 || 1);
  const sy = box.h / (y1 - y0 || 1);
  return {
    box,
    x: (value) => box.x + (value - x0) * sx,
    y: (value) => box.y + box.h - (value - y0) * sy,
    dataX: (px) => x0 + (px - box.x) / sx,
    dataY: (py) => y0 + (box.y + box.h - py) / sy,
  };
}

/** A frame with ticks and axis labels; the plot's `transform`. */
export function drawAxes(ctx, box, [x0, x1, y0, y1], { xLabel, yLabel, xTicks, scale }) {
  const map = transform(box, x0, x1, y0, y1);
  ctx.save();
  ctx.strokeStyle = "#333";
  ctx.fillStyle = "#222";
  ctx.lineWidth = Math.max(1, scale);
  ctx.strokeRect(box.x, box.y, box.w, box.h);
  setFont(ctx, TICK_FONT * scale);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  const shown = [0, 0]; // tick labels drawn on x and on y (data-ticks, for the browser tests)
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

/** Room around a plot for its ticks and labels, in CSS pixels. */
export function margins(scale) {
  return { left: 66 * scale, right: 10 * scale, top: 10 * scale, bottom: 42 * scale };
}

/** The plot's frame inside a panel of `width` x `height`, leaving the margins around it. */
export function plotBox(width, height, scale) {
  const m = margins(scale);
  return { x: m.left, y: m.top, w: width - m.left - m.right, h: height - m.top - m.bottom };
}

/** A ring of radius `r` around (x, y), in the "where you are" colour. */
export function ring(ctx, x, y, r, lineWidth) {
  ctx.strokeStyle = RING;
  ctx.lineWidth = lineWidth;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.stroke();
}

/** A small legend in the corner of a plot: rows of [draw(ctx, x, y), text]. */
export function drawLegend(ctx, box, rows, scale, corner = "top-right") {
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

/**
 * Paint `stamp` (a small RGBA picture) over `pixels` (an image `width` x `height`) with its
 * top left corner at (left, top), as a canvas paints one shape over another ("source over").
 */
export function stampOver(pixels, width, height, stamp, left, top) {
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
      const b = (pixels[to + 3] / 255) * (1 - a);
      const out = a + b;
      for (let c = 0; c < 3; c++) pixels[to + c] = (data[from + c] * a + pixels[to + c] * b) / out;
      pixels[to + 3] = out * 255;
    }
  }
}

/** A "#RRGGBB" colour with an opacity from 0 to 1, as the four bytes of a pixel. */
export function rgba(hex, alpha) {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, Math.round(alpha * 255)];
}
