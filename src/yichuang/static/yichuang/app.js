// Yichuang behaviour that htmx does not cover. Loaded as a file: the CSP forbids inline script.
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", (event) => {
    // htmx requests carry the page's CSRF token (in the head, so pages without a form have it too).
    const token = document.querySelector("meta[name=csrf-token]");
    if (token) {
      event.detail.headers["X-CSRFToken"] = token.content;
    }
  });

  // Buttons marked data-once submit their form once: a double click sends one request.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.dataset.submitting === "true") {
      event.preventDefault();
      return;
    }
    const button = event.submitter;
    if (button && button.hasAttribute("data-once")) {
      form.dataset.submitting = "true";
      // Keep the clicked button's name/value in the submission, then disable it.
      if (button.name) {
        const carrier = document.createElement("input");
        carrier.type = "hidden";
        carrier.name = button.name;
        carrier.value = button.value;
        form.appendChild(carrier);
      }
      window.setTimeout(() => { button.disabled = true; }, 0);
    }
  });

  // A page restored from the back-forward cache is live again: its once-only buttons may be used anew.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      document.querySelectorAll("form[data-submitting]").forEach((form) => { delete form.dataset.submitting; });
      document.querySelectorAll("[data-once]").forEach((button) => { button.disabled = false; });
    }
  });

  function readBackup(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      window.localStorage.removeItem(key);
      return null;
    }
  }

  // Drafts: every keystroke is also kept in this browser until the server confirms it saved,
  // so a network error or a closed tab loses nothing. A later visit puts unsaved typing back.
  function formValues(form) {
    const values = {};
    new FormData(form).forEach((value, key) => {
      if (key !== "csrfmiddlewaretoken" && typeof value === "string") {
        values[key] = value;
      }
    });
    return values;
  }

  const DRAFT_PREFIX = "yichuang-draft-";

  // Logging out on a shared computer leaves no copy of anyone's drafts in this browser.
  function clearDrafts() {
    Object.keys(window.localStorage)
      .filter((key) => key.startsWith(DRAFT_PREFIX))
      .forEach((key) => window.localStorage.removeItem(key));
  }

  // The value the page was served with, whatever the browser did to the field since.
  function serverValue(field) {
    if (field instanceof HTMLSelectElement) {
      const chosen = Array.from(field.options).find((option) => option.defaultSelected) || field.options[0];
      return chosen ? chosen.value : "";
    }
    return field.defaultValue;
  }

  function setupBackup(form) {
    const key = DRAFT_PREFIX + form.dataset.backupKey;
    const stored = window.localStorage.getItem(key);
    if (stored) {
      try {
        const backup = JSON.parse(stored);
        let restored = false;
        Object.entries(backup.values || {}).forEach(([name, value]) => {
          const field = form.elements.namedItem(name);
          if (!field || field instanceof RadioNodeList || field.type === "checkbox" || name === "revision") {
            return;
          }
          // Compared with the server's copy, not the field: the browser may already have put
          // the typing back itself (a reload restores form state), and the banner must still say so.
          if (serverValue(field) !== value) {
            field.value = value;
            restored = true;
          }
        });
        if (restored) {
          document.getElementById("restore-banner")?.classList.remove("d-none");
          form.dispatchEvent(new Event("change", { bubbles: true }));
        } else {
          window.localStorage.removeItem(key);
        }
      } catch (error) {
        window.localStorage.removeItem(key);
      }
    }
    form.addEventListener("input", () => {
      window.localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: formValues(form) }));
    });
    // Only typing that was sent with the save that succeeded may be forgotten: keys pressed while
    // the request was in flight stay in the backup until a later save carries them.
    let sentAt = 0;
    document.body.addEventListener("htmx:beforeRequest", (event) => {
      if (event.detail.elt === form || form.contains(event.detail.elt)) {
        sentAt = Date.now();
      }
    });
    document.body.addEventListener("htmx:afterSwap", () => {
      const status = document.getElementById("save-status");
      if (status && status.dataset.saved === "true") {
        const backup = readBackup(key);
        if (!backup || backup.at <= sentAt) {
          window.localStorage.removeItem(key);
        }
      }
    });
    // A save that never arrived is said so, in the page's language, where the saves report.
    const reportUnsent = (event) => {
      const status = document.getElementById("save-status");
      if (status && form.dataset.unsentMessage && (event.detail.elt === form || form.contains(event.detail.elt))) {
        const warning = document.createElement("span");
        warning.className = "text-danger";
        warning.textContent = form.dataset.unsentMessage;
        status.replaceChildren(warning);
        delete status.dataset.saved;
      }
    };
    document.body.addEventListener("htmx:sendError", reportUnsent);
    document.body.addEventListener("htmx:responseError", reportUnsent);
    form.addEventListener("submit", () => {
      // A full save posts everything; the page that comes back is the saved state.
      window.localStorage.removeItem(key);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-backup-key]").forEach(setupBackup);
    document.querySelectorAll("form[data-logout]").forEach((form) => form.addEventListener("submit", clearDrafts));
  });
})();
