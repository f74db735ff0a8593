// The console's entry: header (navigation, language, session), then the view the hash names.
import "leaflet/dist/leaflet.css";
import "./style.css";

import { ApiError, forget, get, post } from "./api.js";
import { lang, onLangChange, setLang, setTimeZone, t } from "./i18n.js";
import { currentRoute, go, onRoute } from "./router.js";
import { el, errorMessage, message } from "./ui.js";
import * as agenda from "./views/agenda.js";
import * as map from "./views/map.js";
import * as model from "./views/model.js";
import * as register from "./views/register.js";
import * as signin from "./views/signin.js";
import * as zone from "./views/zone.js";

const VIEWS = { signin, map, agenda, zone, model, register };
const NAV = [
  ["map", "nav_map"],
  ["agenda", "nav_agenda"],
  ["model", "nav_model"],
  ["register", "nav_register"],
];

const state = { session: null, cleanup: null, renderCount: 0 };
const header = el("header", { class: "top" });
const main = el("main", { id: "view" });
document.body.append(header, main);
document.documentElement.lang = lang();

function drawHeader(route) {
  const signedIn = Boolean(state.session);
  header.replaceChildren(
    el("a", { class: "brand", href: "#/map" }, t("app_title")),
    signedIn
      ? el(
          "nav",
          {},
          NAV.map(([name, key]) =>
            el("a", { href: `#/${name}`, class: route.name === name ? "active" : "", dataset: { testid: `nav-${name}` } }, t(key)),
          ),
        )
      : el("span", { class: "spacer" }),
    el(
      "div",
      { class: "who" },
      signedIn ? el("span", { class: "caller", dataset: { testid: "caller" } }, state.session.name || state.session.caller) : null,
      el("button", { type: "button", class: "lang", dataset: { testid: "lang-switch" }, onclick: () => setLang(lang() === "fr" ? "en" : "fr") }, t("lang_switch")),
      signedIn ? el("button", { type: "button", dataset: { testid: "sign-out" }, onclick: signOut }, t("sign_out")) : null,
    ),
  );
}

async function signOut() {
  try {
    await post("signout");
  } finally {
    state.session = null;
    forget();
    go("signin");
  }
}

async function loadSession() {
  try {
    state.session = await get("session");
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    state.session = null;
  }
  if (state.session) loadTimeZone();
}

// Dates are shown in the city's time zone, which the session names, wherever the device is.
function loadTimeZone() {
  setTimeZone(state.session.timezone);
}

async function show(route) {
  if (state.cleanup) {
    state.cleanup();
    state.cleanup = null;
  }
  if (!state.session && route.name !== "signin") {
    go("signin");
    return;
  }
  if (state.session && route.name === "signin") {
    go("map");
    return;
  }
  const view = VIEWS[route.name];
  drawHeader(route);
  const count = ++state.renderCount;
  main.replaceChildren(message("loading", t("loading")));
  main.dataset.view = route.name;
  if (!view) {
    main.replaceChildren(message("not-found", t("not_found")));
    return;
  }
  const root = el("section", { class: `view view-${route.name}`, dataset: { testid: `view-${route.name}` } });
  try {
    const context = {
      session: state.session,
      args: route.args,
      isCurrent: () => count === state.renderCount,
      signedIn: async (session) => {
        state.session = session;
        forget();
        loadTimeZone();
        go("map");
      },
    };
    const cleanup = await view.render(root, context);
    if (count !== state.renderCount) {
      if (typeof cleanup === "function") cleanup();
      return;
    }
    state.cleanup = typeof cleanup === "function" ? cleanup : null;
    main.replaceChildren(root);
  } catch (error) {
    if (count !== state.renderCount) return;
    if (error instanceof ApiError && error.status === 401 && route.name !== "signin") {
      state.session = null;
      forget();
      main.replaceChildren(message("error", t("session_expired")));
      go("signin");
      return;
    }
    main.replaceChildren(errorMessage(error));
  }
}

onRoute(show);
onLangChange(() => show(currentRoute()));

loadSession()
  .catch((error) => main.replaceChildren(errorMessage(error)))
  .then(() => show(currentRoute()));
