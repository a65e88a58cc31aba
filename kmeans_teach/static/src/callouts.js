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
 * being null for a centroid that overlaps no other, else the {x, y} of its marker set apart.
 * The callouts stay inside [0, width] x [0, height].
 */
export function layOutCentroids(places, r, width, height) {
  const groups = overlapping(places, 2 * r);
  const drawn = places.map(([x, y], j) => ({ j, x, y, callout: null }));
  for (const group of groups) {
    if (group.length < 2) continue;
    const gx = mean(group.map((j) => places[j][0]));
    const gy = mean(group.map((j) => places[j][1]));
    // Around the group, beyond its reach, with room for every marker on the circle.
    const reach = Math.max(...group.map((j) => Math.hypot(places[j][0] - gx, places[j][1] - gy)));
    const around = Math.max(reach + 2.4 * r, (group.length * 2.5 * r) / (2 * Math.PI));
    // In the order of their directions from the middle (so no two leader lines cross), the
    // first at the top when they all stand in one place; numbers then run clockwise.
    const direction = (j) => {
      const dx = places[j][0] - gx;
      const dy = places[j][1] - gy;
      return Math.hypot(dx, dy) < 0.5 ? 0 : Math.atan2(dx, -dy);
    };
    const order = [...group].sort((a, b) => direction(a) - direction(b) || a - b);
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

/** The groups (lists of indices) of places linked by distances under `reach`. */
function overlapping(places, reach) {
  const group = places.map((_, j) => j);
  const root = (j) => {
    while (group[j] !== j) j = group[j];
    return j;
  };
  for (let a = 0; a < places.length; a++) {
    for (let b = a + 1; b < places.length; b++) {
      const d = Math.hypot(places[a][0] - places[b][0], places[a][1] - places[b][1]);
      if (d < reach) group[root(b)] = root(a);
    }
  }
  const groups = new Map();
  places.forEach((_, j) => {
    const key = root(j);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(j);
  });
  return [...groups.values()];
}

function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function clamp(value, low, high) {
  return Math.min(Math.max(value, low), Math.max(low, high));
}
