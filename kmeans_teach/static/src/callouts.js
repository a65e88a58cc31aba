/**
 * Centroids that would hide one another. A random-partition start puts every centroid near
 * the data's mean, so their markers fall on top of each other and only the last one drawn
 * shows. Moving them apart would lie about where they are; instead each stays where it is,
 * drawn small, and its full marker with its number is set apart around the group, like a
 * legend, with a leader line to the place it stands for.
 */

/**
 * Where to draw each centroid, given their places on the screen (`places`, [[x, y], ...] in
 * CSS pixels) and a centroid marker's radius `r`: for each, {j, x, y, callout}, `callout`
 * being null for a centroid drawn where it is (it overlaps no other centroid, nor a ring of
 * callouts), else the {x, y} of its marker set apart. The callouts stay inside
 * [0, width] x [0, height].
 */
export function layOutCentroids(places, r, width, height) {
  const drawn = places.map(([x, y], j) => ({ j, x, y, callout: null }));
  for (const { members, gx, gy, around } of groupsApart(places, r)) {
    if (members.length < 2) continue;
    // In the order of their directions from the middle (so no two leader lines cross), the
    // first at the top when they all stand in one place; numbers then run clockwise.
    const direction = (j) => {
      const dx = places[j][0] - gx;
      const dy = places[j][1] - gy;
      return Math.hypot(dx, dy) < 0.5 ? 0 : Math.atan2(dx, -dy);
    };
    const order = [...members].sort((a, b) => direction(a) - direction(b) || a - b);
    const first = direction(order[0]);
    order.forEach((j, slot) => {
      const angle = first + (2 * Math.PI * slot) / order.length;
      drawn[j].callout = {
        x: clamp(gx + around * Math.sin(angle), r, width - r),
        y: clamp(gy - around * Math.cos(angle), r, height - r),
      };
    });
  }
  return drawn;
}

/**
 * The centroids in groups that can be drawn apart: those whose markers (radius `r`) overlap
 * go together, and so do groups whose rings of called-out markers would overlap another
 * group or centroid. Each group: its `members`, its middle (gx, gy) and the radius `around`
 * of its ring of callouts (0 for a group of one, drawn where it is).
 */
function groupsApart(places, r) {
  const parent = places.map((_, j) => j);
  const root = (j) => {
    let top = j;
    while (parent[top] !== top) top = parent[top];
    return top;
  };
  const join = (a, b) => {
    parent[root(b)] = root(a);
  };
  for (let a = 0; a < places.length; a++) {
    for (let b = a + 1; b < places.length; b++) {
      const d = Math.hypot(places[a][0] - places[b][0], places[a][1] - places[b][1]);
      if (d < 2 * r) join(a, b);
    }
  }
  for (;;) {
    const groups = new Map();
    places.forEach((_, j) => {
      const key = root(j);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(j);
    });
    const rings = [...groups.values()].map((members) => ring(places, members, r));
    // The room each takes: its ring and the markers on it, or its one marker.
    const reach = (g) => (g.members.length > 1 ? g.around + r : r);
    let merged = false;
    for (let a = 0; a < rings.length && !merged; a++) {
      for (let b = a + 1; b < rings.length && !merged; b++) {
        const d = Math.hypot(rings[a].gx - rings[b].gx, rings[a].gy - rings[b].gy);
        if (d < reach(rings[a]) + reach(rings[b])) {
          join(rings[a].members[0], rings[b].members[0]);
          merged = true;
        }
      }
    }
    if (!merged) return rings;
  }
}

/** A group's middle and the radius of its ring: beyond its reach, with room for each marker. */
function ring(places, members, r) {
  const gx = mean(members.map((j) => places[j][0]));
  const gy = mean(members.map((j) => places[j][1]));
  if (members.length < 2) return { members, gx, gy, around: 0 };
  const reach = Math.max(...members.map((j) => Math.hypot(places[j][0] - gx, places[j][1] - gy)));
  const around = Math.max(reach + 2.4 * r, (members.length * 2.5 * r) / (2 * Math.PI));
  return { members, gx, gy, around };
}

function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function clamp(value, low, high) {
  return Math.min(Math.max(value, low), Math.max(low, high));
}
