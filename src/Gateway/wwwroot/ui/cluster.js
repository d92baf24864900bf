// The silo view: a card per silo (address, status, cores, CPU, memory) with a row per model server (models with
// load/unload, its workers, queue, in-flight, rates, latency, circuit, health). Rows are keyed so an open <select> survives frames.
import { api } from './api.js';
import { formatValue } from './charts.js';
import { colorFor, esc, toast } from './util.js';

let catalog = [];
const pending = new Map(); // `${server}|${model}` → {load: bool, until: ms}

export function setCatalog(models) {
  catalog = models.map((m) => m.name).sort();
}

export function renderCluster(frame) {
  const root = document.getElementById('silos');
  if (!frame.silos.length) {
    root.innerHTML = '<p class="muted">no silos in the membership view yet</p>';
    return;
  }
  root.querySelector(':scope > p')?.remove();
  const seen = new Set();
  for (const silo of frame.silos) {
    seen.add(silo.name);
    let card = [...root.children].find((c) => c.dataset.silo === silo.name);
    if (!card) {
      card = document.createElement('div');
      card.className = 'silo';
      card.dataset.silo = silo.name;
      card.innerHTML = `<div class="silo-head"></div><div class="servers"><table class="grid"><thead><tr>
        <th>server</th><th>models</th><th class="num">workers</th><th class="num">queue</th><th class="num">in-flight</th><th class="num">req/s</th>
        <th class="num">err/s</th><th class="num">p50 / p99 ms</th><th>circuit</th><th>health</th></tr></thead><tbody></tbody></table></div>`;
      root.appendChild(card);
    }
    card.querySelector('.silo-head').innerHTML = siloHead(silo);
    card.querySelector('.servers').hidden = silo.servers.length === 0;
    card.querySelector('.empty')?.remove();
    if (!silo.servers.length) card.insertAdjacentHTML('beforeend', '<div class="empty">no model servers on this silo (gateway or client silo)</div>');
    renderServers(card.querySelector('tbody'), silo.servers);
  }
  for (const card of [...root.children]) if (!seen.has(card.dataset.silo)) card.remove();
  [...root.children].sort((a, b) => a.dataset.silo.localeCompare(b.dataset.silo)).forEach((c) => root.appendChild(c));
}

function siloHead(silo) {
  const status = silo.status === 'Active' ? 'ok' : silo.status === 'Dead' ? 'bad' : 'warn';
  const cpu = silo.cpuPercent == null ? '–' : `${silo.cpuPercent.toFixed(0)} %`;
  const meter = silo.cpuPercent == null ? '' : `<span class="meter"><span style="width:${Math.min(100, silo.cpuPercent)}%"></span></span>`;
  const mem = silo.memoryMb == null ? '–' : silo.memoryMb >= 1024 ? `${(silo.memoryMb / 1024).toFixed(2)} GB` : `${silo.memoryMb.toFixed(0)} MB`;
  return `<span class="name">${esc(silo.name)}</span>
    <span class="addr">${esc(silo.address)}</span>
    <span class="badge ${status}">${esc(silo.status)}</span>
    <span class="stat">cores <b>${silo.cores || '–'}</b></span>
    <span class="stat">CPU <b>${cpu}</b>${meter}</span>
    <span class="stat">memory <b>${mem}</b></span>
    <span class="stat">servers <b>${silo.servers.length}</b></span>`;
}

function renderServers(tbody, servers) {
  const seen = new Set();
  for (const s of servers) {
    seen.add(s.serverId);
    let row = [...tbody.rows].find((r) => r.dataset.server === s.serverId);
    if (!row) {
      row = tbody.insertRow();
      row.dataset.server = s.serverId;
      row.innerHTML = `<td class="sid"></td><td data-testid="server-models"></td><td class="num w" data-testid="server-workers"></td><td class="num q"></td><td class="num f"></td>
        <td class="num r"></td><td class="num e"></td><td class="num l"></td><td class="c"></td><td class="h"></td>`;
    }
    row.querySelector('.sid').textContent = s.serverId;
    renderModels(row.querySelector('[data-testid=server-models]'), s);
    row.querySelector('.w').textContent = String(s.workers || '–');
    row.querySelector('.q').textContent = String(s.queueLength);
    row.querySelector('.f').textContent = String(s.inFlight);
    row.querySelector('.r').textContent = formatValue(s.requestsPerSecond);
    row.querySelector('.e').textContent = formatValue(s.errorsPerSecond);
    row.querySelector('.l').textContent = latency(s);
    row.querySelector('.c').innerHTML = circuit(s.circuit);
    row.querySelector('.h').innerHTML = health(s);
  }
  for (const row of [...tbody.rows]) if (!seen.has(row.dataset.server)) row.remove();
}

function latency(s) {
  const served = Object.values(s.perModel).filter((m) => m.p50Ms != null);
  if (!served.length) return '–';
  const weight = served.reduce((a, m) => a + m.requestsPerSecond, 0) || 1;
  const avg = served.reduce((a, m) => a + m.p50Ms * (m.requestsPerSecond || 0), 0) / weight;
  const p99 = Math.max(...served.map((m) => m.p99Ms ?? 0));
  return `${formatValue(avg)} / ${formatValue(p99)}`;
}

function circuit(state) {
  const cls = state === 'Closed' ? 'ok' : state === 'Open' ? 'bad' : 'warn';
  return `<span class="badge ${cls}" title="circuit breaker in this gateway's router">${esc(state)}</span>`;
}

function health(s) {
  if (s.draining) return '<span class="badge warn">draining</span>';
  const age = s.reportAgeSeconds == null ? 'no report yet' : `report ${s.reportAgeSeconds.toFixed(1)} s ago`;
  if (!s.healthy) return `<span class="badge bad" title="${esc(s.reason ?? '')} · ${age}">unhealthy</span>`;
  return `<span class="badge ok" title="${age}">healthy</span>`;
}

function renderModels(cell, s) {
  const now = Date.now();
  for (const [key, p] of pending) {
    const [server, model] = key.split('|');
    if (server !== s.serverId) continue;
    if (now > p.until || s.models.includes(model) === p.load) pending.delete(key);
  }
  const loadable = catalog.filter((m) => !s.models.includes(m));
  const signature = JSON.stringify([s.models, loadable, [...pending.keys()].filter((k) => k.startsWith(s.serverId + '|'))]);
  const select = cell.querySelector('select');
  if (cell.dataset.signature === signature || (select && document.activeElement === select)) return;
  cell.dataset.signature = signature;
  const chips = s.models.map((m) => {
    const busy = pending.has(`${s.serverId}|${m}`) ? ' pending' : '';
    return `<span class="chip${busy}" data-model="${esc(m)}"><span class="swatch" style="background:${colorFor(m)}"></span>${esc(m)}` +
      `<button type="button" data-action="unload" data-model="${esc(m)}" title="Unload ${esc(m)} from ${esc(s.serverId)}" aria-label="unload ${esc(m)}">×</button></span>`;
  }).join('');
  const load = loadable.length
    ? `<span class="load"><select data-role="load-model" aria-label="model to load">${loadable.map((m) => `<option>${esc(m)}</option>`).join('')}</select>` +
      `<button type="button" data-action="load" title="Load the chosen model on ${esc(s.serverId)}">load</button></span>`
    : '';
  cell.innerHTML = `<div class="models">${chips || '<span class="muted">none</span>'}${load}</div>`;
  cell.dataset.server = s.serverId;
}

/** Admin load/unload: `silo/n` ids go as two path segments, which the gateway maps to the same call. */
function modelUrl(server, model) {
  const m = /^(.+)\/(\d+)$/.exec(server);
  const id = m ? `${encodeURIComponent(m[1])}/${m[2]}` : encodeURIComponent(server);
  return `/api/servers/${id}/models/${encodeURIComponent(model)}`;
}

async function setModel(server, model, load) {
  const key = `${server}|${model}`;
  pending.set(key, { load, until: Date.now() + 15000 });
  try {
    await api(load ? 'POST' : 'DELETE', modelUrl(server, model), { admin: true });
    toast(`${load ? 'Loaded' : 'Unloaded'} ${model} ${load ? 'on' : 'from'} ${server}`, true);
  } catch (e) {
    pending.delete(key);
    toast(`Could not ${load ? 'load' : 'unload'} ${model} ${load ? 'on' : 'from'} ${server}: ${e.message}`);
  }
}

document.getElementById('silos').addEventListener('click', (e) => {
  const button = e.target.closest('button[data-action]');
  if (!button) return;
  const cell = button.closest('[data-testid=server-models]');
  const server = cell.dataset.server;
  if (button.dataset.action === 'unload') {
    button.closest('.chip').classList.add('pending');
    setModel(server, button.dataset.model, false);
  } else {
    const model = cell.querySelector('select').value;
    if (model) setModel(server, model, true);
  }
});
