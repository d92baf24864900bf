// The ops page: one EventSource on /ui/events (history first, then a frame a second) drives the headline figures,
// the charts, the models table and the silo view. Controls live in controls.js, the silo view in cluster.js.
import { TimeChart, formatValue } from './charts.js';
import { renderCluster, setCatalog } from './cluster.js';
import { initControls, scalerFrame, scalerMarkers } from './controls.js';
import { api, adminKey, askForKey } from './api.js';
import { PALETTE, colorFor, esc } from './util.js';

const WINDOW_MS = 10 * 60 * 1000;

export const state = { history: [], snapshot: null, lastMessageAt: 0 };
window.ops = state; // for operators poking at the console, and for the browser tests

const charts = {
  rate: new TimeChart(document.getElementById('chart-rate'), { unit: 'req/s' }),
  errors: new TimeChart(document.getElementById('chart-errors'), { unit: 'err/s' }),
  latency: new TimeChart(document.getElementById('chart-latency'), { unit: 'ms', minMax: 10 }),
  queue: new TimeChart(document.getElementById('chart-queue'), { step: true, minMax: 4 }),
  replicas: new TimeChart(document.getElementById('chart-replicas'), { step: true, minMax: 2 }),
  cpu: new TimeChart(document.getElementById('chart-cpu'), { unit: '%', minMax: 100 }),
  memory: new TimeChart(document.getElementById('chart-memory'), { unit: 'MB', minMax: 100 }),
};

// The charts show the last 10 minutes, or zoom to the last 2 (the choice is kept for the tab).
function initWindow() {
  const buttons = [...document.querySelectorAll('#chart-window button')];
  const apply = (ms) => {
    for (const chart of Object.values(charts)) chart.windowMs = ms;
    for (const b of buttons) b.setAttribute('aria-pressed', String(Number(b.dataset.window) === ms));
    sessionStorage.setItem('orleansserve.chartWindow', String(ms));
    redraw();
  };
  for (const b of buttons) b.addEventListener('click', () => apply(Number(b.dataset.window)));
  apply(Number(sessionStorage.getItem('orleansserve.chartWindow')) || WINDOW_MS);
}

function connect() {
  const source = new EventSource('/ui/events');
  setConnection('connecting');
  source.addEventListener('open', () => setConnection('live'));
  source.addEventListener('history', (e) => {
    state.lastMessageAt = Date.now();
    state.history = JSON.parse(e.data);
    redraw();
  });
  source.addEventListener('snapshot', (e) => {
    state.lastMessageAt = Date.now();
    setConnection('live');
    const frame = JSON.parse(e.data);
    state.snapshot = frame;
    state.history.push(frame.point);
    const oldest = frame.time - WINDOW_MS - 5000;
    while (state.history.length && state.history[0].t < oldest) state.history.shift();
    render(frame);
  });
  source.addEventListener('error', () => {
    setConnection('reconnecting');
    // EventSource retries by itself on a dropped connection, but gives up for good when a restarting gateway
    // answers with an error status: then start a new one.
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(connect, 2000);
    }
  });
  state.source = source;
}

// A connection can stay open while nothing arrives (a proxy holding it, a gateway frozen): start over after 6 s.
setInterval(() => {
  if (state.source && state.lastMessageAt && Date.now() - state.lastMessageAt > 6000) {
    state.source.close();
    state.lastMessageAt = 0;
    setConnection('reconnecting');
    connect();
  }
}, 2000);

function setConnection(s) {
  const el = document.getElementById('conn');
  if (el.dataset.state === s) return;
  el.dataset.state = s;
  el.textContent = { live: 'live', connecting: 'connecting…', reconnecting: 'reconnecting…' }[s];
  if (s === 'live') loadCatalog();
}

function render(frame) {
  const models = Object.entries(frame.models);
  const rps = models.reduce((a, [, m]) => a + m.requestsPerSecond, 0);
  const eps = models.reduce((a, [, m]) => a + m.errorsPerSecond, 0);
  const total = models.reduce((a, [, m]) => a + m.totalRequests, 0);
  setText('kpi-rps', formatValue(rps));
  setText('kpi-eps', formatValue(eps)).classList.toggle('bad', eps > 0);
  setText('kpi-total', total.toLocaleString('en-US'));
  setText('kpi-replicas', String(frame.point.replicas));
  setText('kpi-silos', String(frame.point.silos));

  const tbody = document.querySelector('#models-table tbody');
  tbody.innerHTML = models.map(([name, m]) => `
    <tr data-model="${esc(name)}">
      <td><span class="swatch" style="background:${colorFor(name)}"></span>${esc(name)}</td>
      <td class="num">${m.replicas}</td>
      <td class="num" data-field="rps">${formatValue(m.requestsPerSecond)}</td>
      <td class="num">${formatValue(m.errorsPerSecond)}</td>
      <td class="num">${m.p50Ms == null ? '–' : formatValue(m.p50Ms)}</td>
      <td class="num">${m.p99Ms == null ? '–' : formatValue(m.p99Ms)}</td>
      <td class="num" data-field="total">${m.totalRequests.toLocaleString('en-US')}</td>
      <td class="num">${m.totalErrors.toLocaleString('en-US')}</td>
    </tr>`).join('') || '<tr><td colspan="8" class="muted">no models loaded</td></tr>';

  const problems = [frame.registryProblem && `Server registry: ${frame.registryProblem}`].filter(Boolean);
  const box = document.getElementById('problems');
  box.hidden = problems.length === 0;
  box.textContent = problems.join('\n');

  renderCluster(frame);
  renderSlowRequests(frame.slowRequests ?? []);
  renderPredictorError(frame);
  scalerFrame(frame);
  redraw();
}

// The gateway's last requests slower than Gateway:SlowRequestMs, with the stage times of their slowest item.
function renderSlowRequests(list) {
  const ms = (v) => (v == null ? '–' : formatValue(v));
  const html = list.map((r) => `
    <tr data-model="${esc(r.model)}">
      <td>${new Date(r.timeUtc).toLocaleTimeString()}</td>
      <td>${esc(r.model)}${r.items > 1 ? ` ×${r.items}` : ''}${r.error ? ` <span class="bad">${esc(r.error)}</span>` : ''}</td>
      <td class="num" data-field="total">${ms(r.totalMs)}</td>
      <td class="num" data-field="queue">${ms(r.queueMs)}</td>
      <td class="num" data-field="inference">${ms(r.inferenceMs)}</td>
      <td class="num">${r.batchSize ?? '–'}</td>
      <td class="num">${r.retries ?? '–'}</td>
      <td>${esc(r.serverId ?? '–')}</td>
      <td class="mono" title="trace id in your collector">${r.traceId ? esc(r.traceId.slice(0, 12)) + '…' : '–'}</td>
    </tr>`).join('') || '<tr><td colspan="9" class="muted">none yet</td></tr>';
  const tbody = document.querySelector('#slow-table tbody');
  if (tbody.innerHTML !== html) tbody.innerHTML = html;
}

function renderPredictorError(frame) {
  const el = document.getElementById('predictor-error');
  const p = frame.predictor;
  if (!p) {
    el.textContent = frame.predictorProblem ? `error unavailable: ${frame.predictorProblem}` : 'no figures yet';
    return;
  }
  el.classList.remove('muted');
  el.innerHTML = `<dl class="kv">
    <dt>CPU error (MAE)</dt><dd>${p.cpuMae.toFixed(2)} %</dd>
    <dt>memory error (MAE)</dt><dd>${p.memoryMae.toFixed(2)} %</dd>
    <dt>latency error (MAE)</dt><dd>${p.latencyMaeMs.toFixed(1)} ms</dd>
    <dt>trained on</dt><dd>${p.trainingRows} rows (${p.realRows} observed) · ${new Date(p.trainedUtc).toLocaleTimeString()}</dd>
  </dl>`;
}

export function redraw() {
  const h = state.history;
  const now = state.snapshot ? state.snapshot.time : Date.now();
  const modelNames = [...new Set(h.flatMap((p) => Object.keys(p.models)))].sort();
  const serverNames = [...new Set(h.flatMap((p) => Object.keys(p.queues)))].sort();
  const byModel = (field) => modelNames.map((m) => ({
    name: m, color: colorFor(m), points: h.map((p) => [p.t, p.models[m] ? p.models[m][field] : null]),
  }));

  charts.rate.setSeries(byModel('r'));
  charts.errors.setSeries(byModel('e'));
  charts.latency.setSeries([
    ...byModel('p99'),
    ...byModel('p50').map((s) => ({ ...s, name: s.name + ' p50', dash: [4, 3], width: 1.2 })),
  ]);
  charts.queue.setSeries(serverNames.map((s, i) => ({
    name: s, color: PALETTE[i % PALETTE.length], points: h.map((p) => [p.t, p.queues[s] ?? null]),
  })));
  charts.replicas.setSeries([
    { name: 'replicas', color: '#4fa3ff', points: h.map((p) => [p.t, p.replicas]) },
    { name: 'silos', color: '#3ecf8e', points: h.map((p) => [p.t, p.silos]) },
  ]);
  // Per silo, from its servers' reports (a silo without servers, such as a Redis-mode gateway, reports none).
  const siloNames = [...new Set(h.flatMap((p) => Object.keys(p.cpu ?? {})))].sort();
  const bySilo = (field) => siloNames.map((s, i) => ({
    name: s, color: PALETTE[i % PALETTE.length], points: h.map((p) => [p.t, p[field]?.[s] ?? null]),
  }));
  charts.cpu.setSeries(bySilo('cpu'));
  charts.memory.setSeries(bySilo('mem'));
  const markers = scalerMarkers();
  for (const chart of Object.values(charts)) {
    chart.setMarkers(markers);
    chart.draw(now);
  }
  const rate = document.getElementById('chart-rate');
  rate.dataset.last = String(charts.rate.lastTotal());
  rate.dataset.points = String(h.length);

  legend('legend-rate', charts.rate.series);
  legend('legend-errors', charts.errors.series);
  legend('legend-latency', charts.latency.series.filter((s) => !s.dash));
  legend('legend-queue', charts.queue.series);
  legend('legend-replicas', charts.replicas.series);
  legend('legend-cpu', charts.cpu.series);
  legend('legend-memory', charts.memory.series);
  for (const [id, chart] of [['chart-cpu', charts.cpu], ['chart-memory', charts.memory]]) {
    const el = document.getElementById(id);
    el.dataset.last = String(chart.lastTotal());
    el.dataset.series = String(chart.series.length);
    el.dataset.window = String(chart.windowMs);
  }
}

function legend(id, series) {
  const html = series.map((s) => `<span><i style="background:${s.color}"></i>${esc(s.name)}</span>`).join('');
  const el = document.getElementById(id);
  if (el.innerHTML !== html) el.innerHTML = html;
}

async function loadCatalog() {
  try {
    const list = await api('GET', '/v2/models');
    setCatalog(list.models ?? []);
  } catch {
    // the silo view still works with the models servers report; the next reconnect tries again
  }
}

function setText(id, text) {
  const el = document.getElementById(id);
  if (el.textContent !== text) el.textContent = text;
  return el;
}

function initKeyButton() {
  const button = document.getElementById('key-button');
  const show = () => {
    const set = !!adminKey.get();
    button.dataset.set = String(set);
    button.textContent = set ? 'admin key ✓' : 'admin key';
    button.title = set ? 'Click to change or clear the admin key kept in this tab' : 'Set the admin key (X-Api-Key) for admin calls';
  };
  button.addEventListener('click', () => askForKey(''));
  window.addEventListener('adminkeychange', show);
  show();
}

initKeyButton();
initControls();
initWindow();
connect();
