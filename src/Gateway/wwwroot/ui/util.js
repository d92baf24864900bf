// Small helpers shared by the page's modules.

const FIXED_COLORS = { A: '#4fa3ff', B: '#3ecf8e', C: '#f5b83d', D: '#c78bff', resnet18: '#ff8a65', mobilenetv2: '#f472b6', echo: '#7dd3fc' };
export const PALETTE = ['#f472b6', '#a3e635', '#fb923c', '#22d3ee', '#e879f9', '#facc15', '#60a5fa', '#34d399', '#f87171', '#818cf8'];

/** A stable colour per model name: fixed for the usual models, hashed into the palette for others. */
export function colorFor(name) {
  if (FIXED_COLORS[name]) return FIXED_COLORS[name];
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A message in the corner: errors stay 8 s, confirmations 2.5 s. */
export function toast(message, ok = false) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.toggle('ok', ok);
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, ok ? 2500 : 8000);
}

export function show(el, message) {
  el.hidden = !message;
  el.textContent = message ?? '';
}
