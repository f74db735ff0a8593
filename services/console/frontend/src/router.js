// Hash routes: #/map, #/agenda, #/zone/<zone_id>, #/model, #/register, #/signin.

export function currentRoute() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || "map", args: parts.slice(1) };
}

export function go(name, ...args) {
  const hash = `#/${[name, ...args].map(encodeURIComponent).join("/")}`;
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = hash;
}

export function onRoute(listener) {
  window.addEventListener("hashchange", () => listener(currentRoute()));
}
