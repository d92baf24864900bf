// Calls to the gateway's API. Errors come back as ProblemDetails: their `detail` is what the page shows.
// Admin calls carry X-Api-Key from sessionStorage; on 401/403 the page asks for the key once and retries.

const KEY = 'orleansserve.adminKey';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const adminKey = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => (value ? sessionStorage.setItem(KEY, value) : sessionStorage.removeItem(KEY)),
};

/**
 * @param {string} method
 * @param {string} url
 * @param {{json?: any, body?: BodyInit, contentType?: string, admin?: boolean, signal?: AbortSignal}} options
 */
export async function api(method, url, options = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = {};
    let body = options.body;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.contentType) {
      headers['Content-Type'] = options.contentType;
    }
    const key = adminKey.get();
    if (options.admin && key) headers['X-Api-Key'] = key;

    let response;
    try {
      response = await fetch(url, { method, headers, body, signal: options.signal });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, 'The gateway did not answer (is it restarting?).');
    }
    if (response.ok) {
      const text = await response.text();
      return text ? JSON.parse(text) : null;
    }
    const message = await problemText(response);
    if (options.admin && (response.status === 401 || response.status === 403) && attempt === 0) {
      const given = await askForKey(message);
      if (given) continue;
    }
    throw new ApiError(response.status, message);
  }
}

async function problemText(response) {
  const text = await response.text();
  try {
    const problem = JSON.parse(text);
    const detail = problem.detail ?? problem.error ?? problem.title;
    if (detail) return `${detail} (${response.status}${problem.title && problem.detail ? ' ' + problem.title : ''})`;
  } catch {
    // not JSON: fall through to the status line
  }
  return `${response.status} ${response.statusText}${text ? ': ' + text.slice(0, 200) : ''}`;
}

let pendingAsk = null;

/** Shows the admin-key dialog (one at a time); resolves to true when a key was entered. */
export function askForKey(reason) {
  if (pendingAsk) return pendingAsk;
  const dialog = document.getElementById('key-dialog');
  const input = dialog.querySelector('input');
  dialog.querySelector('[data-role=reason]').textContent = reason ?? '';
  input.value = adminKey.get() ?? '';
  pendingAsk = new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      pendingAsk = null;
      if (dialog.returnValue === 'ok' && input.value.trim()) {
        adminKey.set(input.value.trim());
        resolve(true);
      } else {
        resolve(false);
      }
      window.dispatchEvent(new Event('adminkeychange'));
    }, { once: true });
  });
  dialog.showModal();
  input.focus();
  return pendingAsk;
}
