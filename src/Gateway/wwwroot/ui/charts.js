// A small time-series chart on <canvas>, written for this page: several lines over a fixed time window,
// a nice y scale, minute ticks, event markers on the time axis and a hover read-out. No dependencies.

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

export class TimeChart {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{windowMs?: number, unit?: string, step?: boolean, minMax?: number}} options
   */
  constructor(canvas, options = {}) {
    this.canvas = canvas;
    this.windowMs = options.windowMs ?? 10 * 60 * 1000;
    this.unit = options.unit ?? '';
    this.step = options.step ?? false;
    this.minMax = options.minMax ?? 1;
    this.series = [];
    this.markers = [];
    this.now = Date.now();
    this.hoverX = null;
    new ResizeObserver(() => this.draw()).observe(canvas);
    canvas.addEventListener('mousemove', (e) => { this.hoverX = e.offsetX; this.draw(); });
    canvas.addEventListener('mouseleave', () => { this.hoverX = null; this.draw(); });
  }

  /** @param {{name: string, color: string, dash?: number[], points: [number, number|null][]}[]} series */
  setSeries(series) { this.series = series; }

  /** @param {{t: number, color: string, label: string}[]} markers */
  setMarkers(markers) { this.markers = markers; }

  /** The latest value of every series summed: what the tests and the headline tiles read. */
  lastTotal() {
    return this.series.reduce((sum, s) => {
      const last = s.points.length ? s.points[s.points.length - 1][1] : 0;
      return sum + (last ?? 0);
    }, 0);
  }

  draw(now = this.now) {
    this.now = now;
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth, h = c.clientHeight;
    if (w === 0 || h === 0) return;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
    }
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    g.font = '11px system-ui, sans-serif';

    const pad = { left: 44, right: 10, top: 8, bottom: 20 };
    const pw = w - pad.left - pad.right, ph = h - pad.top - pad.bottom;
    const t0 = now - this.windowMs;
    const x = (t) => pad.left + ((t - t0) / this.windowMs) * pw;

    let max = this.minMax;
    for (const s of this.series) for (const [t, v] of s.points) if (t >= t0 && v != null && v > max) max = v;
    const { top, tick } = niceScale(max);
    const y = (v) => pad.top + ph - (v / top) * ph;

    // grid and y labels
    g.strokeStyle = css('--grid');
    g.fillStyle = css('--muted');
    g.lineWidth = 1;
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (let v = 0; v <= top + tick / 2; v += tick) {
      const yy = Math.round(y(v)) + 0.5;
      g.beginPath(); g.moveTo(pad.left, yy); g.lineTo(w - pad.right, yy); g.stroke();
      g.fillText(formatValue(v), pad.left - 6, yy);
    }
    // x ticks at round times ago (30 s, 1, 2 or 5 minutes apart), at most six
    g.textAlign = 'center';
    g.textBaseline = 'top';
    const step = [15000, 30000, 60000, 120000, 300000].find((ms) => this.windowMs / ms <= 6) ?? this.windowMs / 5;
    for (let ago = this.windowMs; ago >= 0; ago -= step) {
      const xx = Math.round(x(now - ago)) + 0.5;
      g.beginPath(); g.moveTo(xx, pad.top + ph); g.lineTo(xx, pad.top + ph + 4); g.stroke();
      g.fillText(ago === 0 ? 'now' : '-' + formatAgo(ago), Math.min(Math.max(xx, pad.left + 10), w - pad.right - 12), pad.top + ph + 6);
    }

    // scaler decisions: a dashed vertical line and a small flag at the top
    for (const mk of this.markers) {
      if (mk.t < t0) continue;
      const xx = Math.round(x(mk.t)) + 0.5;
      g.strokeStyle = mk.color;
      g.setLineDash([3, 3]);
      g.beginPath(); g.moveTo(xx, pad.top); g.lineTo(xx, pad.top + ph); g.stroke();
      g.setLineDash([]);
      g.fillStyle = mk.color;
      g.beginPath(); g.moveTo(xx, pad.top); g.lineTo(xx + 7, pad.top + 4); g.lineTo(xx, pad.top + 8); g.fill();
    }

    // lines
    g.save();
    g.beginPath(); g.rect(pad.left, pad.top - 1, pw, ph + 2); g.clip();
    for (const s of this.series) {
      g.strokeStyle = s.color;
      g.lineWidth = s.width ?? 1.6;
      g.setLineDash(s.dash ?? []);
      g.beginPath();
      let pen = false, lastY = 0;
      for (const [t, v] of s.points) {
        if (t < t0 - 2000) continue;
        if (v == null) { pen = false; continue; }
        const xx = x(t), yy = y(v);
        if (!pen) { g.moveTo(xx, yy); pen = true; }
        else if (this.step) { g.lineTo(xx, lastY); g.lineTo(xx, yy); }
        else g.lineTo(xx, yy);
        lastY = yy;
      }
      g.stroke();
    }
    g.restore();
    g.setLineDash([]);

    if (this.hoverX != null && this.hoverX >= pad.left && this.hoverX <= w - pad.right) this.drawHover(g, x, pad, ph, t0);
  }

  drawHover(g, x, pad, ph, t0) {
    const t = t0 + ((this.hoverX - pad.left) / (this.canvas.clientWidth - pad.left - pad.right)) * this.windowMs;
    g.strokeStyle = css('--muted');
    g.beginPath(); g.moveTo(this.hoverX + 0.5, pad.top); g.lineTo(this.hoverX + 0.5, pad.top + ph); g.stroke();
    const rows = [];
    for (const s of this.series) {
      const p = nearest(s.points, t);
      if (p && p[1] != null) rows.push([s.name, s.color, formatValue(p[1]) + (this.unit ? ' ' + this.unit : '')]);
    }
    const ago = Math.max(0, Math.round((this.now - t) / 1000));
    const head = ago === 0 ? 'now' : `${ago} s ago`;
    const lines = rows.slice(0, 10);
    const bw = 150, bh = 16 + lines.length * 14;
    let bx = this.hoverX + 10;
    if (bx + bw > this.canvas.clientWidth - 4) bx = this.hoverX - bw - 10;
    g.fillStyle = css('--tooltip');
    g.fillRect(bx, pad.top + 4, bw, bh);
    g.textAlign = 'left';
    g.textBaseline = 'top';
    g.fillStyle = css('--muted');
    g.fillText(head, bx + 6, pad.top + 7);
    lines.forEach(([name, color, value], i) => {
      const yy = pad.top + 21 + i * 14;
      g.fillStyle = color; g.fillRect(bx + 6, yy + 3, 8, 3);
      g.fillStyle = css('--text'); g.fillText(name, bx + 18, yy);
      g.textAlign = 'right'; g.fillText(value, bx + bw - 6, yy); g.textAlign = 'left';
    });
  }
}

function nearest(points, t) {
  let best = null, bestD = Infinity;
  for (const p of points) {
    const d = Math.abs(p[0] - t);
    if (d < bestD) { best = p; bestD = d; }
  }
  return bestD <= 3000 ? best : null;
}

/** A top of the y axis and a tick step from 1, 2 or 5 × 10^k, with four to five ticks. */
export function niceScale(max) {
  const raw = max / 4;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  return { top: Math.ceil(max / step) * step, tick: step };
}

function formatAgo(ms) {
  const seconds = Math.round(ms / 1000);
  return seconds % 60 === 0 ? `${seconds / 60}m` : seconds > 60 ? `${(seconds / 60).toFixed(1)}m` : `${seconds}s`;
}

export function formatValue(v) {
  if (v >= 10000) return (v / 1000).toFixed(0) + 'k';
  if (v >= 1000) return (v / 1000).toFixed(1) + 'k';
  if (v >= 100 || Number.isInteger(v)) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2).replace(/0$/, '');
}
