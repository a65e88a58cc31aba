/**
 * The k-means explorer, drawn in the browser: the one module the page loads.
 *
 * esbuild bundles this file and the modules it imports into ../explorer.js (`npm run
 * build`), which anywidget loads for the live explorer (its default export, `render`)
 * and the HTML player inlines (`mountPlayer`). Nothing is fetched from the network.
 *
 * The modules, one job each:
 * - run.js          the run as the page holds it (decoded from binary buffers)
 * - canvas.js       drawing helpers: sharp canvases, axes, markers, legends
 * - scatter.js      the scatter panel: points, regions, centroids and their marks
 * - regions.js      each centroid's region, with its true edges at the screen's resolution
 * - callouts.js     centroids that would hide one another, called out with leader lines
 * - trace.js        the inertia trace panel
 * - elbow.js        the elbow curve panel
 * - layout.js       how the panels share the room (a presenter's layout, one screen high)
 * - screen.js       the explorer on its screen: lecture mode's scale, fitting the panels to the
 *                   notebook's visible area or the window, full screen
 * - description.js  the explorer in words: status, counter, names, marks, each cluster's facts
 * - tables.js       the table view: the clusters, the trace and the elbow curve as tables
 * - narration.js    writing the words each frame, and the live region's one sentence per action
 * - controls.js     the controls and keeping them true to the run and step shown
 * - keys.js         what the clicker and the keyboard do
 * - placing.js      starting centroids placed or moved: the keyboard's crosshair, and the
 *                   request that the mouse and the keys share
 * - pointer.js      the mouse on the pictures: placing and dragging centroids, the elbow
 * - explorer.js     one explorer: the run shown, stepping, playing, asking for runs
 * - widget.js       the host in a notebook (anywidget, the kernel answers)
 * - player.js       the host in the self-contained player (every run in the page)
 */

import { render } from "./widget.js";

export { mountPlayer } from "./player.js";
export default { render };
