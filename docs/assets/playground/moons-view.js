// View 3: what the small network does to the plane. Left, the input plane: the grid, the moons
// and the class the network gives each place. Right, the same grid and points after the hidden
// layers, where the output unit splits the plane with one straight line: a bend, or a fold.
import { gridLines, lastHidden, MOONS, probability } from "./moons.js";
import { colour, Plot, ticks } from "./plot.js";

const GRID = gridLines();
const SHADE_CELLS = [48, 32];
const shade = document.createElement("canvas");

// "#rrggbb" (how style.py's palette reaches CSS) as [r, g, b].
const parseColour = (hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

function classColours() {
  return [colour("--palette-class-a"), colour("--palette-class-b")];
}

export function drawInput(canvas, net) {
  const [xmin, xmax, ymin, ymax] = MOONS.box;
  const plot = new Plot(canvas, [xmin, xmax], [ymin, ymax], { left: 26, right: 6, top: 6, bottom: 18 });
  const { ctx } = plot;
  const colours = classColours();
  // The class of each cell of a coarse grid, painted as a tiny image and scaled up smoothly.
  const [nx, ny] = SHADE_CELLS;
  const cells = new ImageData(nx, ny);
  const rgb = colours.map(parseColour);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const point = [xmin + ((i + 0.5) * (xmax - xmin)) / nx, ymax - ((j + 0.5) * (ymax - ymin)) / ny];
      const c = rgb[probability(net, point) > 0.5 ? 1 : 0];
      cells.data.set([c[0], c[1], c[2], 56], 4 * (j * nx + i));
    }
  }
  shade.width = nx;
  shade.height = ny;
  shade.getContext("2d").putImageData(cells, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(shade, plot.x(xmin), plot.y(ymax), plot.x(xmax) - plot.x(xmin), plot.y(ymin) - plot.y(ymax));
  plot.axes(ticks(xmin, xmax, 6), ticks(ymin, ymax, 4));
  plot.lines(GRID, colour("--palette-grid"), 1);
  MOONS.x.forEach((point, i) => plot.dot(point, colours[MOONS.y[i]], 3.5, plot.ink));
  caption(plot, "input plane x");
}

function caption(plot, label) {
  const { ctx } = plot;
  ctx.font = "bold 12px sans-serif";
  const width = ctx.measureText(label).width;
  ctx.fillStyle = colour("--md-default-bg-color");
  ctx.fillRect(plot.pad.left + 4, plot.pad.top + 4, width + 8, 18);
  plot.text(label, [plot.x0, plot.y1], plot.ink);
}

// The hidden plane's window: the moons' image, padded, with the origin in view.
function viewWindow(points) {
  const xs = points.map((p) => p[0]).concat(0);
  const ys = points.map((p) => p[1]).concat(0);
  const pad = (lo, hi) => {
    const margin = Math.max((hi - lo) * 0.15, 0.05);
    return [lo - margin, hi + margin];
  };
  return [pad(Math.min(...xs), Math.max(...xs)), pad(Math.min(...ys), Math.max(...ys))];
}

export function drawHidden(canvas, net) {
  const images = MOONS.x.map((p) => lastHidden(net, p));
  const [xr, yr] = viewWindow(images);
  const plot = new Plot(canvas, xr, yr, { left: 34, right: 6, top: 6, bottom: 18 });
  const { ctx } = plot;
  const colours = classColours();
  // The output unit's line w . h + b = 0 and the half-plane it calls class 1.
  const { W, b } = net.layers.at(-1);
  const [w1, w2] = W[0];
  const side = (h) => w1 * h[0] + w2 * h[1] + b[0];
  const corners = [[xr[0], yr[0]], [xr[1], yr[0]], [xr[1], yr[1]], [xr[0], yr[1]]];
  ctx.globalAlpha = 0.22;
  for (const [cls, sign] of [[0, -1], [1, 1]]) {
    const [inside] = clipHalfPlane(corners, (h) => sign * side(h));
    if (inside.length < 3) continue;
    ctx.fillStyle = colours[cls];
    ctx.beginPath();
    inside.forEach((h, i) => (i ? ctx.lineTo(plot.x(h[0]), plot.y(h[1])) : ctx.moveTo(plot.x(h[0]), plot.y(h[1]))));
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  plot.axes(ticks(...xr, 5), ticks(...yr, 4));
  plot.lines(GRID.map((line) => line.map((p) => lastHidden(net, p))), colour("--palette-grid"), 1);
  images.forEach((h, i) => plot.dot(h, colours[MOONS.y[i]], 3.5, plot.ink));
  const [, edge] = clipHalfPlane(corners, side);
  if (edge.length >= 2) plot.line(edge.slice(0, 2), colour("--palette-boundary"), 2.5);
  caption(plot, `after the hidden layer${net.layers.length > 2 ? "s" : ""}`);
}

// Sutherland-Hodgman: the part of a convex polygon where g(h) >= 0 (g affine), and the points
// where its border crosses g = 0.
function clipHalfPlane(polygon, g) {
  const out = [];
  const crossings = [];
  polygon.forEach((p, i) => {
    const q = polygon[(i + 1) % polygon.length];
    const [gp, gq] = [g(p), g(q)];
    if (gp >= 0) out.push(p);
    if ((gp >= 0) !== (gq >= 0)) {
      const t = gp / (gp - gq);
      const cross = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
      out.push(cross);
      crossings.push(cross);
    }
  });
  return [out, crossings];
}
