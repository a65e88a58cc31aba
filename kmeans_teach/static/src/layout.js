/**
 * How the three panels share the room the explorer has.
 *
 * The scatter takes the data's shape (equal aspect: distances must look like distances)
 * and at most about two thirds of the window's height; the trace and the elbow go beside
 * it where they fit, under it side by side where they do not, and one under the other on
 * a narrow screen. Nothing is ever wider than the explorer.
 */

import { margins } from "./canvas.js";

/**
 * The panels' sizes in CSS pixels for an explorer `width` wide in a window `windowHeight`
 * tall, showing data over `limits` ([x0, x1, y0, y1]) at `scale` (1, more in lecture mode):
 * {mode: "beside" | "under" | "stacked", scatterW, scatterH, sideW, sideH}.
 */
export function panelSizes(width, windowHeight, [x0, x1, y0, y1], scale) {
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
  // Beside the scatter, the two side panels and their captions share its height.
  const captionRoom = 26 * scale;
  const sideH =
    mode === "beside"
      ? Math.max(190 * scale, Math.floor((scatterH - gap) / 2 - captionRoom + captionRoom / 2))
      : Math.max(190 * scale, Math.min(300 * scale, Math.floor(sideW * 0.62)));
  return { mode, scatterW, scatterH, sideW, sideH };
}
