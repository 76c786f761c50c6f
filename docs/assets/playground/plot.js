// Canvas drawing for the playground: a plot maps data to pixels and draws in the page's palette
// (Material's --md-* colours for ink, the book's --palette-* for meanings and activations).

// Colours are read once per palette: reading a computed style after the page changed forces
// the browser to recompute its styles. Material's palette toggle calls forgetColours.
const colours = new Map();

export function colour(name) {
  if (!colours.has(name)) colours.set(name, getComputedStyle(document.body).getPropertyValue(name).trim());
  return colours.get(name);
}

export const forgetColours = () => colours.clear();

export const activationColour = (key) => colour(`--palette-act-${key.replaceAll("_", "-")}`);

// Each canvas's size in CSS pixels, read once per layout (by measure, or a ResizeObserver) rather
// than on every draw: reading a size after the page changed forces the browser to lay it out.
const sizes = new WeakMap();

export function measure(...canvases) {
  for (const c of canvases) sizes.set(c, [c.clientWidth, c.clientHeight]);
}

export function knownSize(canvas, width, height) {
  const [w, h] = sizes.get(canvas) || [];
  sizes.set(canvas, [width, height]);
  return w !== width || h !== height;
}

export function widthOf(canvas) {
  if (!sizes.has(canvas)) measure(canvas);
  return sizes.get(canvas)[0];
}

// Size the canvas to its box at the screen's pixel density; return a context in CSS pixels.
function context(canvas) {
  if (!sizes.has(canvas)) measure(canvas);
  const [width, height] = sizes.get(canvas);
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height };
}

const format = (v) => (Math.abs(v) >= 100 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(0) : String(+v.toFixed(2)));

const FONT = "11px sans-serif";

export class Plot {
  constructor(canvas, [x0, x1], [y0, y1], pad = { left: 34, right: 8, top: 8, bottom: 20 }) {
    Object.assign(this, context(canvas), { x0, x1, y0, y1, pad });
    this.ink = colour("--md-default-fg-color");
    this.faint = colour("--md-default-fg-color--lightest");
    this.light = colour("--md-default-fg-color--light");
    // Setting a font makes the browser resolve it against the page's styles: only when it differs.
    if (this.ctx.font !== FONT) this.ctx.font = FONT;
  }

  x(v) {
    const { left, right } = this.pad;
    return left + ((v - this.x0) / (this.x1 - this.x0)) * (this.width - left - right);
  }

  y(v) {
    const { top, bottom } = this.pad;
    return top + ((this.y1 - v) / (this.y1 - this.y0)) * (this.height - top - bottom);
  }

  // Grid lines at the ticks, labels beside them, the axes through 0 a little darker.
  axes(xTicks, yTicks, { labels = true } = {}) {
    const { ctx } = this;
    ctx.lineWidth = 1;
    ctx.strokeStyle = this.faint;
    ctx.fillStyle = this.light;
    for (const t of xTicks) {
      this.segment([t, this.y0], [t, this.y1]);
      if (labels) {
        ctx.textAlign = "center";
        ctx.textBaseline = "top";
        ctx.fillText(format(t), this.x(t), this.height - this.pad.bottom + 4);
      }
    }
    for (const t of yTicks) {
      this.segment([this.x0, t], [this.x1, t]);
      if (labels) {
        ctx.textAlign = "right";
        ctx.textBaseline = "middle";
        ctx.fillText(format(t), this.pad.left - 4, this.y(t));
      }
    }
    ctx.strokeStyle = this.light;
    if (this.y0 < 0 && this.y1 > 0) this.segment([this.x0, 0], [this.x1, 0]);
    if (this.x0 < 0 && this.x1 > 0) this.segment([0, this.y0], [0, this.y1]);
  }

  segment([ax, ay], [bx, by]) {
    const { ctx } = this;
    ctx.beginPath();
    ctx.moveTo(this.x(ax), this.y(ay));
    ctx.lineTo(this.x(bx), this.y(by));
    ctx.stroke();
  }

  // A polyline through [x, y] points, clipped to the plot's box.
  line(points, stroke, width = 2, dash = []) {
    this.lines([points], stroke, width, dash);
  }

  // An activation's curve: a faint rim of ink around it keeps a pale colour (leaky ReLU's yellow)
  // visible on the light palette's white, and a dark one (tanh's blue) on the slate.
  curve(points, stroke, width = 3, dash = []) {
    this.ctx.globalAlpha = 0.35;
    this.lines([points], this.ink, width + 2, dash);
    this.ctx.globalAlpha = 1;
    this.lines([points], stroke, width, dash);
  }

  // Many polylines in one stroke (one clip, one path: a grid costs one draw call).
  lines(polylines, stroke, width = 1, dash = []) {
    const { ctx } = this;
    ctx.save();
    ctx.beginPath();
    ctx.rect(this.pad.left, this.pad.top, this.width - this.pad.left - this.pad.right, this.height - this.pad.top - this.pad.bottom);
    ctx.clip();
    ctx.strokeStyle = stroke;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.lineJoin = "round";
    ctx.beginPath();
    for (const points of polylines) {
      points.forEach(([px, py], i) => (i ? ctx.lineTo(this.x(px), this.y(py)) : ctx.moveTo(this.x(px), this.y(py))));
    }
    ctx.stroke();
    ctx.restore();
  }

  dot([px, py], fill, radius = 3, outline = null) {
    const { ctx } = this;
    ctx.beginPath();
    ctx.arc(this.x(px), this.y(py), radius, 0, 2 * Math.PI);
    ctx.fillStyle = fill;
    ctx.fill();
    if (outline) {
      ctx.strokeStyle = outline;
      ctx.lineWidth = 1;
      ctx.stroke();
    }
  }

  // A label just inside the plot's top left corner at data point [px, py].
  text(label, [px, py], fill) {
    const { ctx } = this;
    ctx.fillStyle = fill;
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillText(label, this.x(px) + 8, this.y(py) + 7);
  }
}

// Round tick positions covering [lo, hi], about `count` of them.
export function ticks(lo, hi, count = 5) {
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) out.push(+t.toFixed(12));
  return out;
}
