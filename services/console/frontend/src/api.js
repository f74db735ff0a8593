// The console server's JSON API (see the contract): same origin, session cookie, CSRF header on POST.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.reason = (body && body.reason) || "";
    this.fieldViolations = (body && body.field_violations) || [];
  }
}

function cookie(name) {
  const found = document.cookie.split("; ").find((c) => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

function query(params = {}) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    for (const v of Array.isArray(value) ? value : [value]) q.append(key, String(v));
  }
  const text = q.toString();
  return text ? `?${text}` : "";
}

async function answer(response) {
  if (response.status === 204) return null;
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function get(path, params) {
  const response = await fetch(`/api/${path}${query(params)}`, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  return answer(response);
}

export async function post(path, body) {
  const response = await fetch(`/api/${path}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": cookie("civicpulse_csrf") },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer(response);
}

// GETs whose answer does not change within a forecast (zones, cell shapes): asked once per sign-in.
const memo = new Map();
export function getOnce(path, params) {
  const key = path + query(params);
  if (!memo.has(key)) memo.set(key, get(path, params).catch((error) => { memo.delete(key); throw error; }));
  return memo.get(key);
}
export function forget() {
  memo.clear();
}
