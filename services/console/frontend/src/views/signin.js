// Sign in with the bearer token of one's caller entry; the server keeps it, the page never does.
import { post } from "../api.js";
import { t } from "../i18n.js";
import { el, message } from "../ui.js";

export async function render(root, context) {
  const input = el("input", { type: "password", id: "token", name: "token", autocomplete: "current-password", required: true, dataset: { testid: "token" } });
  const status = el("div", { class: "status", "aria-live": "polite" });
  const button = el("button", { type: "submit", class: "primary", dataset: { testid: "signin-submit" } }, t("signin_submit"));
  const form = el(
    "form",
    { class: "card signin", dataset: { testid: "signin-form" } },
    el("h1", {}, t("signin_title")),
    el("p", {}, t("signin_help")),
    el("label", { for: "token" }, t("signin_token")),
    input,
    button,
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      status.replaceChildren(message("error", t("signin_empty"), "signin-error"));
      return;
    }
    button.disabled = true;
    try {
      const session = await post("signin", { token });
      input.value = "";
      await context.signedIn(session);
    } catch (error) {
      status.replaceChildren(message("error", t("signin_failed", { words: error.message }), "signin-error"));
    } finally {
      button.disabled = false;
    }
  });
  root.append(form);
  queueMicrotask(() => input.focus());
}
