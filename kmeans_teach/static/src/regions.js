/**
 * Each centroid's region: the part of the plot nearer to it than to any other centroid, drawn
 * with sharp, true edges at the screen's own resolution.
 *
 * - Euclidean regions (Voronoi cells) are convex polygons: the plot's box cut by the line
 *   half-way between the centroid and each other one. They are filled as shapes, so their
 *   edges are exact at any pixel density.
 * - Manhattan regions have bent edges (and can meet along strips), so each pixel of the
 *   screen (each device pixel, not each CSS pixel) is given the centroid nearest its centre.
 *
 * A point on the edge between two regions belongs to the lower-numbered centroid, as in
 * kmeans_steps.
 */

/**
 * The part of the convex `polygon` ([[x, y], ...]) on the side of the line through (mx, my)
 * where (a, b) · (p - m) <= 0: one cut of the Sutherland–Hodgman algorithm.
 */
function cut(polygon, a, b, mx, my) {
  const kept = [];
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i];
    const q = polygon[(i + 1) % polygon.length];
    const fp = a * (p[0] - mx) + b * (p[1] - my);
    const fq = a * (q[0] - mx) + b * (q[1] - my);
    if (fp <= 0) kept.push(p);
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq);
      kept.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return kept;
}

/**
 * The euclidean region of every centroid inside the data range [x0, x1, y0, y1], each a
 * polygon of [x, y] corners in data units (empty when an earlier centroid stands in the same
 * place). Worked out relative to (x0, y0), so that data far from zero loses no precision.
 */
export function voronoiCells(centroids, [x0, x1, y0, y1]) {
  const box = [
    [0, 0],
    [x1 - x0, 0],
    [x1 - x0, y1 - y0],
    [0, y1 - y0],
  ];
  const at = centroids.map(([x, y]) => [x - x0, y - y0]);
  return at.map(([cx, cy], j) => {
    let cell = box;
    for (let i = 0; i < at.length && cell.length > 0; i++) {
      const [ox, oy] = at[i];
      if (i === j) continue;
      if (ox === cx && oy === cy) {
        if (i < j) cell = []; // two centroids in one place: the region is the first one's
        continue;
      }
      // Nearer to j than to i: on j's side of the perpendicular bisector of the two.
      cell = cut(cell, ox - cx, oy - cy, (ox + cx) / 2, (oy + cy) / 2);
    }
    return cell.map(([x, y]) => [x + x0, y + y0]);
  });
}

/**
 * Fill each euclidean region of `centroids` with `tints[j]` (a CSS colour) on `ctx`, whose plot
 * `map` (canvas.js `transform`) covers the data range `limits`.
 */
export function fillVoronoiCells(ctx, map, limits, centroids, tints) {
  // Each tint is opaque (as it looks on white), so a pixel that two regions share shows a
  // blend of the two, as a pixel of the manhattan picture never does: it is one or the other.
  voronoiCells(centroids, limits).forEach((cell, j) => {
    if (cell.length < 3) return;
    ctx.beginPath();
    cell.forEach(([x, y], i) => {
      if (i === 0) ctx.moveTo(map.x(x), map.y(y));
      else ctx.lineTo(map.x(x), map.y(y));
    });
    ctx.closePath();
    ctx.fillStyle = tints[j % tints.length];
    ctx.fill();
  });
}

/**
 * Paint the manhattan region of `centroids` into `canvas` (whose backing store has `ratio`
 * device pixels per CSS pixel) over the plot `map.box`: each device pixel in the tint (four
 * bytes, RGBA) of the centroid nearest its centre.
 *
 * Asking every pixel which centroid is nearest would take a tenth of a second for a large
 * plot on a dense screen; one row of pixels at a time is quicker and gives the same answer.
 * Along a row the distance to centroid j is |x - cx_j| + a_j (a_j its distance in y): a V
 * of slopes -1 and 1. A centroid whose V lies above another's at its own tip is nearest
 * nowhere on the row; the others, from left to right, each own the stretch up to where its
 * V meets the next one's.
 */
export function paintManhattanCells(canvas, ratio, map, centroids, tints) {
  const { box } = map;
  // The device pixels whose centres lie inside the plot's box.
  const left = Math.max(0, Math.round(box.x * ratio));
  const top = Math.max(0, Math.round(box.y * ratio));
  const right = Math.min(canvas.width, Math.round((box.x + box.w) * ratio));
  const bottom = Math.min(canvas.height, Math.round((box.y + box.h) * ratio));
  const width = right - left;
  const height = bottom - top;
  if (width <= 0 || height <= 0) return;
  const image = new ImageData(width, height);
  // Four bytes a pixel written as one 32-bit word, in the machine's own byte order.
  const words = new Uint32Array(image.data.buffer);
  const colours = tints.map((rgba) => new Uint32Array(new Uint8ClampedArray(rgba).buffer)[0]);
  const k = centroids.length;
  const cx = Float64Array.from(centroids, (c) => c[0]);
  const cy = Float64Array.from(centroids, (c) => c[1]);
  const leftToRight = [...cx.keys()].sort((i, j) => cx[i] - cx[j] || i - j);
  const a = new Float64Array(k);
  const owners = new Int32Array(k); // the centroids nearest somewhere on the row, left to right
  for (let row = 0; row < height; row++) {
    const y = map.dataY((top + row + 0.5) / ratio);
    for (let j = 0; j < k; j++) a[j] = Math.abs(y - cy[j]);
    let count = 0;
    for (const j of leftToRight) {
      let beaten = false;
      for (let i = 0; i < k && !beaten; i++) {
        if (i === j) continue;
        const there = a[i] + Math.abs(cx[i] - cx[j]); // centroid i's distance at j's tip
        beaten = there < a[j] || (there === a[j] && i < j); // a tie goes to the lower number
      }
      if (!beaten) owners[count++] = j;
    }
    const start = row * width;
    let from = 0;
    for (let n = 0; n < count; n++) {
      const p = owners[n];
      let to = width;
      if (n + 1 < count) {
        const q = owners[n + 1];
        const meet = (cx[p] + cx[q] + a[q] - a[p]) / 2; // where the Vs of p and q cross
        const at = map.x(meet) * ratio - left - 0.5; // the column whose centre is there
        // Columns left of it are p's; the one exactly on it, the lower number's.
        to = Math.min(width, Math.max(from, q < p ? Math.ceil(at) : Math.floor(at) + 1));
      }
      words.fill(colours[p % colours.length], start + from, start + to);
      from = to;
    }
  }
  // putImageData works in device pixels and ignores the canvas's CSS-pixel transform.
  canvas.getContext("2d").putImageData(image, left, top);
}

/**
 * A region's tint: `hex` ("#RRGGBB") at opacity `alpha` over the white plot, as the eye sees
 * it (plotting.py's REGION_TINTS), as four bytes of an opaque pixel and as a CSS colour.
 */
export function regionTint(hex, alpha) {
  const value = Number.parseInt(hex.slice(1), 16);
  const bytes = [16, 8, 0].map((shift) =>
    Math.round(alpha * ((value >> shift) & 255) + (1 - alpha) * 255),
  );
  return { bytes: [...bytes, 255], css: `rgb(${bytes.join(", ")})` };
}
