/**
 * How the panels share the room the explorer has: a presenter's layout, one screen high.
 *
 * What a room watching a run needs on one screen is the picture, the status line, the step
 * controls and the inertia trace. The scatter keeps the data's shape (equal aspect: distances
 * must look like distances) and is the largest panel; the column beside it holds the step
 * controls, the status line and the trace, with the elbow curve beside the trace or under
 * it when there is room (else one scroll below). Where a column beside the picture would leave it too
 * small (wide data, a narrow notebook), the picture spans the width and the rest goes under
 * it, the trace and the elbow side by side where they fit. Nothing is wider than the explorer.
 */

import { margins } from "./canvas.js";

/** The narrowest and widest the column beside the picture, and a chart in it, may be. */
const SIDE_MIN = 220;
const SIDE_MAX = 640;
/** The lowest a chart (the trace, the elbow curve) is drawn, and the highest it needs. */
const CHART_MIN = 120;
const CHART_MAX = 600;
/** A chart's area is at most this share of the scatter's: the picture is the largest panel. */
const CHART_SHARE = 0.95;

/**
 * The panels' sizes in CSS pixels for panels `width` wide with `height` of the screen left
 * for them (below the run's controls), showing data over `limits` ([x0, x1, y0, y1]) at
 * `scale` (1, more in lecture mode). `fixedHeight(w)` is how tall the step controls and the
 * status line are in a column `w` wide; `caption` the height a chart's caption takes.
 * Returns {mode: "beside" | "under" | "stacked", scatterW, scatterH, sideW, chartW, chartH,
 * share}. With `keep` (such a result), only its kind of layout is sized again: quicker, for a
 * status line that grew or shrank a line, as long as the trace still fits.
 */
export function panelSizes({ width, height, limits, scale, fixedHeight, caption, keep = null }) {
  const gap = 14 * scale;
  const room = Math.max(height, 240 * scale);
  const sideMin = SIDE_MIN * scale;
  const chartMin = CHART_MIN * scale;
  // Room for one more line of the status line than it has now: a later step's may be longer.
  const slack = 22 * scale;
  if (keep) {
    const kept = keep.mode === "beside" ? beside(sideMin * keep.share, keep.share) : under();
    // The trace still fits at its lowest: keep the layout. Else (a status line grew by more
    // than the line kept for it) the layout is chosen afresh, the picture smaller if need be.
    if (kept.short <= slack) return kept;
  }
  const candidates = [under()];
  // A wider column beside the picture wraps the controls and the status into fewer lines:
  // from the narrowest, widened until the trace fits under them.
  for (const share of [1, 1.25, 1.5, 1.75, 2, 2.5, 3]) {
    const sideWant = sideMin * share;
    if (width - gap - sideWant < 150 * scale) break;
    const layout = beside(sideWant, share);
    candidates.push(layout);
    if (layout.short <= 0) break;
  }
  // The largest picture among the layouts that fit; if none does, the one nearest to fitting.
  const fitting = candidates.filter((layout) => layout.short <= 0);
  const area = (layout) => layout.scatterW * layout.scatterH;
  if (fitting.length) return fitting.reduce((a, b) => (area(b) > area(a) ? b : a));
  return candidates.reduce((a, b) => (b.short < a.short ? b : a));

  function beside(sideWant, share) {
    const scatter = scatterIn(width - gap - sideWant, room, limits, scale);
    const left = width - gap - scatter.w;
    if (left >= 2 * sideMin + gap) {
      // Room for the trace and the elbow side by side, each as high as the column allows.
      const chartW = Math.floor(Math.min(SIDE_MAX * scale, (left - gap - 1) / 2));
      const sideW = Math.ceil(2 * chartW + gap); // both in one row, rounding and all
      const chartRoom = room - fixedHeight(sideW) - caption;
      return { ...sized("beside", scatter, sideW, chartW, chartRoom, chartRoom), share };
    }
    const sideW = Math.floor(Math.min(SIDE_MAX * scale, left));
    const chartRoom = room - fixedHeight(sideW) - caption;
    // Both charts one under the other where they fit; else the trace takes the room.
    const both = Math.floor((chartRoom - gap - caption) / 2);
    const chartH = both >= chartMin + slack ? both : Math.floor(chartRoom);
    return { ...sized("beside", scatter, sideW, sideW, chartH, chartRoom), share };
  }

  function under() {
    const twoUp = width >= 2 * sideMin + gap;
    const chartW = Math.floor(Math.min(SIDE_MAX * scale, twoUp ? (width - gap) / 2 : width));
    const chartH = Math.min(CHART_MAX * scale, Math.max(chartMin, chartW * 0.5));
    const fixed = fixedHeight(width);
    const left = room - gap - fixed - caption - chartH - slack;
    const scatter = scatterIn(width, Math.max(left, 160 * scale), limits, scale);
    const chartRoom = room - scatter.h - gap - fixed - caption;
    return sized(twoUp ? "under" : "stacked", scatter, width, chartW, chartH, chartRoom);
  }

  /** A layout's sizes, and how much higher than `chartRoom` its trace needs to be. */
  function sized(mode, scatter, sideW, chartW, chartH, chartRoom) {
    let h = Math.min(CHART_MAX * scale, Math.max(chartMin, chartH));
    let w = chartW;
    const most = CHART_SHARE * scatter.w * scatter.h;
    if (w * h > most) h = Math.max(chartMin, most / w);
    if (w * h > most) w = Math.max(sideMin * 0.8, most / h);
    return {
      mode,
      scatterW: scatter.w,
      scatterH: scatter.h,
      sideW: Math.floor(sideW),
      chartW: Math.floor(w),
      chartH: Math.floor(Math.min(h, Math.max(chartMin, chartRoom))),
      short: chartMin + slack - chartRoom,
    };
  }
}

/** The largest scatter, margins included, of the data's aspect within maxW x maxH. */
export function scatterIn(maxW, maxH, [x0, x1, y0, y1], scale) {
  const m = margins(scale);
  const aspect = (y1 - y0) / (x1 - x0 || 1);
  let plotH = Math.max(40 * scale, maxH - m.top - m.bottom);
  let plotW = plotH / aspect;
  const widest = Math.max(40 * scale, maxW - m.left - m.right);
  if (plotW > widest) {
    plotW = widest;
    plotH = plotW * aspect;
  }
  return { w: Math.floor(plotW + m.left + m.right), h: Math.floor(plotH + m.top + m.bottom) };
}
