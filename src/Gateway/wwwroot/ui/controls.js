// The side panels: test traffic, image classification, the scaler and the load predictor.
import { api } from './api.js';
import { esc, show, toast } from './util.js';

export function initControls() {
  initTraffic();
  initClassify();
  initScaler();
  initPredictor();
}

// ---- traffic: POST /api/test-traffic/{pattern} runs until done; aborting the request stops it on the gateway.

let traffic = null;

function initTraffic() {
  const form = document.getElementById('traffic-form');
  const stop = document.getElementById('traffic-stop');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (traffic) return;
    const data = new FormData(form);
    startTraffic(String(data.get('pattern')), Number(data.get('rate')), Number(data.get('duration')));
  });
  stop.addEventListener('click', () => traffic?.controller.abort());
}

async function startTraffic(pattern, rate, duration) {
  const error = document.getElementById('traffic-error');
  const status = document.getElementById('traffic-status');
  const summary = document.getElementById('traffic-summary');
  show(error, null);
  if (!(rate > 0) || !(duration > 0)) {
    show(error, 'Rate and duration must be positive numbers.');
    return;
  }
  const requests = Math.max(1, Math.round(rate * duration));
  const controller = new AbortController();
  traffic = { controller, started: Date.now(), duration, pattern, rate };
  setRunning(true);
  summary.innerHTML = '';
  const tick = setInterval(() => renderProgress(status), 500);
  renderProgress(status);
  try {
    const result = await api('POST', `/api/test-traffic/${encodeURIComponent(pattern)}?requests=${requests}&rate=${rate}`,
      { admin: true, signal: controller.signal });
    status.textContent = `${pattern} finished: ${result.succeeded} ok, ${result.failed} failed in ${(result.elapsedMs / 1000).toFixed(1)} s`;
    summary.innerHTML = trafficSummary(result);
  } catch (e) {
    if (e.name === 'AbortError') {
      status.textContent = `${pattern} stopped after ${((Date.now() - traffic.started) / 1000).toFixed(0)} s`;
    } else {
      status.textContent = 'idle';
      show(error, `Traffic ${pattern}: ${e.message}`);
    }
  } finally {
    clearInterval(tick);
    traffic = null;
    setRunning(false);
  }
}

function setRunning(running) {
  document.getElementById('traffic-start').disabled = running;
  document.getElementById('traffic-stop').disabled = !running;
  document.getElementById('traffic-panel').dataset.running = String(running);
}

function renderProgress(status) {
  if (!traffic) return;
  const elapsed = (Date.now() - traffic.started) / 1000;
  const pct = Math.min(100, (elapsed / traffic.duration) * 100);
  status.innerHTML = `running <b>${esc(traffic.pattern)}</b> at ${traffic.rate}/s — ${elapsed.toFixed(0)} of ${traffic.duration} s` +
    `<div class="progress"><span style="width:${pct}%"></span></div>`;
}

function trafficSummary(r) {
  const rows = Object.entries(r.models ?? {}).map(([m, s]) =>
    `<tr><td>${esc(m)}</td><td class="num">${s.requests}</td><td class="num">${s.succeeded}</td><td class="num">${s.p50Ms}</td><td class="num">${s.p99Ms}</td></tr>`).join('');
  const statuses = Object.entries(r.statuses ?? {}).map(([k, v]) => `${esc(k)}: ${v}`).join(', ');
  return `<div class="summary">achieved ${r.achievedRate}/s of ${r.rate}/s · retries ${r.retries} · max lag ${r.maxLagMs} ms · ${statuses}
    <table class="grid"><thead><tr><th>model</th><th class="num">sent</th><th class="num">ok</th><th class="num">p50 ms</th><th class="num">p99 ms</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

// ---- classify: the image as the request body to /v2/models/{model}/infer (the convenience form)

function initClassify() {
  const drop = document.getElementById('drop');
  const input = document.getElementById('classify-file');
  input.addEventListener('change', () => { if (input.files[0]) classify(input.files[0]); });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = e.dataTransfer.files[0];
    if (file) classify(file);
  });
  loadImageModels();
}

async function loadImageModels() {
  try {
    const list = await api('GET', '/v2/models');
    // Real classifiers first (the first is selected); a seeded model's labels are meaningless, and it says so.
    const images = (list.models ?? []).filter((m) => /image/i.test(m.kind ?? ''))
      .sort((a, b) => (a.weights === 'seeded') - (b.weights === 'seeded'));
    if (images.length) {
      document.getElementById('classify-model').innerHTML = images
        .map((m) => `<option value="${esc(m.name)}">${esc(m.name)}${m.weights === 'seeded' ? ' (seeded weights: meaningless labels)' : ''}</option>`)
        .join('');
    }
  } catch {
    // keep mobilenetv2, the shipped pretrained classifier
  }
}

async function classify(file) {
  const result = document.getElementById('classify-result');
  const error = document.getElementById('classify-error');
  const model = document.getElementById('classify-model').value;
  show(error, null);
  result.innerHTML = `<p class="muted">classifying ${esc(file.name)} with ${esc(model)}…</p>`;
  const started = performance.now();
  try {
    const r = await api('POST', `/v2/models/${encodeURIComponent(model)}/infer?top=5`,
      { body: file, contentType: file.type || 'application/octet-stream' });
    const roundTrip = performance.now() - started;
    const url = URL.createObjectURL(file);
    const bars = r.predictions.map((p) => `<div class="prediction" data-testid="prediction">
        <span>${esc(p.label)}</span><span class="pct">${(p.confidence * 100).toFixed(1)} %</span>
        <div class="bar"><span style="width:${Math.max(0.5, p.confidence * 100)}%"></span></div></div>`).join('');
    const t = r.timings ?? {};
    result.innerHTML = `<div class="classified"><img src="${url}" alt="${esc(file.name)}"><div>${bars}</div>
      <div class="timings">server ${esc(r.server)} · queue ${fmt(t.queueMs)} ms · inference ${fmt(t.inferenceMs)} ms (batch ${t.batchSize ?? '–'})` +
      ` · gateway ${fmt(t.totalMs)} ms · round trip ${fmt(roundTrip)} ms${t.retries ? ` · retries ${t.retries}` : ''}</div></div>`;
  } catch (e) {
    result.innerHTML = '';
    show(error, `Classify ${file.name}: ${e.message}`);
  }
}

const fmt = (v) => (v == null ? '–' : Number(v).toFixed(1));

// ---- scaler (src/Grains/Scaling/ScalerApi.md): GET /api/scaler → {status, history}; POST /api/scaler {policy} or {pin}

const decisions = new Map(); // timestamp → decision
let scalerAvailable = false;

export function scalerMarkers() {
  return [...decisions.values()]
    .filter((d) => direction(d) !== 'none')
    .map((d) => ({ t: Date.parse(d.timestampUtc), color: direction(d) === 'up' ? '#3ecf8e' : '#f5b83d', label: direction(d) }));
}

function direction(d) {
  const v = d.direction;
  if (v === 1 || /^up$/i.test(v)) return 'up';
  if (v === 2 || /^down$/i.test(v)) return 'down';
  return 'none';
}

function initScaler() {
  const form = document.getElementById('scaler-form');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    scalerWrite({ policy: form.elements.policy.value }, `policy ${form.elements.policy.value}`);
  });
  document.getElementById('scaler-pin').addEventListener('click', () => {
    const n = Number(form.elements.pin.value);
    if (!Number.isInteger(n) || form.elements.pin.value === '') {
      show(document.getElementById('scaler-error'), 'Enter a whole number of replicas to pin.');
      return;
    }
    scalerWrite({ pin: n }, `pinned at ${n} replicas`);
  });
  document.getElementById('scaler-unpin').addEventListener('click', () => scalerWrite({ pin: null, unpin: true }, 'unpinned'));
}

let polling = false;

/** Each frame says whether the gateway maps /api/scaler: the page asks it only then (no 404s in the console). */
export function scalerFrame(frame) {
  // window.ops.assumeScalerApi lets a test (or an operator behind a proxy that adds the route) ask anyway.
  const mapped = frame.scalerApi || window.ops?.assumeScalerApi === true;
  if (mapped && !polling) {
    polling = true;
    pollScaler();
  } else if (!mapped && !polling) {
    notAvailable();
  }
}

function notAvailable() {
  document.getElementById('scaler-form').hidden = true;
  document.getElementById('kpi-scaler').textContent = 'n/a';
  document.getElementById('scaler-body').innerHTML =
    'Not available: this gateway has no <code>/api/scaler</code> (the autoscaler is not deployed).';
}

async function pollScaler() {
  try {
    // The scaler's contract: { status: ScalerStatus, history: ScalingDecision[] } (a bare ScalerStatus is read too).
    const body = await api('GET', '/api/scaler');
    const status = body?.status ?? body;
    if (!scalerAvailable) {
      scalerAvailable = true;
      if (!Array.isArray(body?.history)) loadHistory();
    }
    renderScaler(status, body?.history ?? []);
  } catch (e) {
    scalerAvailable = false;
    if (e.status === 404) {
      notAvailable();
    } else {
      document.getElementById('scaler-form').hidden = true;
      document.getElementById('kpi-scaler').textContent = '?';
      document.getElementById('scaler-body').innerHTML = `Scaler unreachable: ${esc(e.message)}`;
    }
  }
  setTimeout(pollScaler, scalerAvailable ? 3000 : 15000);
}

async function loadHistory() {
  try {
    const h = await api('GET', '/api/scaler/history');
    for (const d of Array.isArray(h) ? h : (h?.decisions ?? [])) decisions.set(d.timestampUtc, d);
  } catch {
    // no history endpoint: decisions collect from the status polls
  }
}

function renderScaler(s, history) {
  const form = document.getElementById('scaler-form');
  form.hidden = false;
  if (document.activeElement !== form.elements.policy && s.policy) {
    if (![...form.elements.policy.options].some((o) => o.value === s.policy)) form.elements.policy.add(new Option(s.policy, s.policy));
    form.elements.policy.value = s.policy;
  }
  for (const d of [...history, s.lastDecision].filter(Boolean)) decisions.set(d.timestampUtc, d);
  const pinned = s.pinnedReplicas == null ? 'no' : `${s.pinnedReplicas}`;
  // Off (Scaling:Enabled=false), the scaler sets no target: say so rather than show its unset target as 0.
  const off = s.enabled === false;
  document.getElementById('kpi-scaler').textContent = off ? 'off'
    : `${s.policy ?? '?'}${s.pinnedReplicas != null ? ' · pin ' + s.pinnedReplicas : ''}`;
  const replicas = off
    ? `${s.currentReplicas} now · <span data-testid="scaler-off">autoscaler off</span>: no target (min ${s.minReplicas}, max ${s.maxReplicas} when on)`
    : `${s.currentReplicas} now → ${s.desiredReplicas} target (min ${s.minReplicas}, max ${s.maxReplicas})`;
  document.getElementById('scaler-body').innerHTML = `<dl class="kv">
    <dt>policy</dt><dd>${esc(s.policy)}${off ? ' (autoscaler off: Scaling:Enabled is false)' : ''}</dd>
    <dt>replicas</dt><dd>${replicas}</dd>
    <dt>pinned</dt><dd>${pinned}</dd>
    <dt>launcher</dt><dd>${esc(s.launcher ?? '–')} · cold start ${s.startupSeconds != null ? Number(s.startupSeconds).toFixed(1) + ' s' : '–'}</dd>
    <dt>launched silos</dt><dd>${(s.silos ?? []).map((x) => esc(x.name) + (x.warm ? ' (warm)' : '')).join(', ') || 'none'}</dd></dl>`;
  const list = [...decisions.values()].sort((a, b) => Date.parse(b.timestampUtc) - Date.parse(a.timestampUtc)).slice(0, 12);
  document.getElementById('scaler-decisions').innerHTML = list.map((d) => {
    const g = d.signals ?? {};
    const dir = direction(d);
    return `<li><span class="${dir}">${dir === 'up' ? '▲' : dir === 'down' ? '▼' : '•'} ${new Date(d.timestampUtc).toLocaleTimeString()}</span>
      ${esc(d.policy)}: recommended ${d.recommended}, target ${d.target}
      <div class="muted">${fmt(g.arrivalRate)} req/s · ${fmt(g.serviceMs)} ms each · queue ${fmt(g.queueLength)} · CPU ${fmt(g.cpuPercent)} % ·
      ready ${g.readyReplicas ?? '–'} + starting ${g.startingReplicas ?? '–'}${(d.actions ?? []).length ? ' · ' + d.actions.map(esc).join('; ') : ''}</div></li>`;
  }).join('');
}

async function scalerWrite(body, what) {
  const error = document.getElementById('scaler-error');
  show(error, null);
  try {
    const status = await api('POST', '/api/scaler', { json: body, admin: true });
    toast(`Scaler ${what}`, true);
    if (status?.policy) renderScaler(status, []);
  } catch (e) {
    show(error, e.status === 404 ? 'The scaler API is not available on this gateway.' : `Scaler: ${e.message}`);
  }
}

// ---- load predictor: POST /api/predict-load with a request mix

function initPredictor() {
  const form = document.getElementById('predict-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const problem = document.getElementById('predict-problem');
    const out = document.getElementById('predict-result');
    show(problem, null);
    const modelCounts = {}, tokenCounts = {};
    for (const m of ['A', 'B', 'C', 'D']) {
      const n = Number(form.elements[m].value || 0);
      if (n > 0) {
        modelCounts[m] = n;
        tokenCounts[m] = n * Number(form.elements['t' + m].value || 0);
      }
    }
    try {
      const p = await api('POST', '/api/predict-load', { json: { modelCounts, tokenCounts } });
      out.innerHTML = `<dl class="kv" style="margin-top:8px"><dt>CPU</dt><dd>${p.cpu.toFixed(1)} %</dd>
        <dt>memory</dt><dd>${p.memory.toFixed(1)} %</dd><dt>latency</dt><dd>${p.latencyMs.toFixed(1)} ms</dd></dl>`;
    } catch (err) {
      out.innerHTML = '';
      show(problem, `Prediction: ${err.message}`);
    }
  });
}
