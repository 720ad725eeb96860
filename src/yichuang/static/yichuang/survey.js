// Survey pages: a question asked only after a given answer is hidden until that answer is chosen.
// Without this file every question shows, with a note saying when it applies; the server drops
// answers to questions that did not apply either way. Loaded as a file: the CSP forbids inline script.
(function () {
  "use strict";

  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach((fieldset) => {
      const [question, option] = fieldset.dataset.showIf.split(":");
      const source = document.getElementById("q-" + question);
      const chosen = form.querySelector(`input[name="${question}"][value="${option}"]:checked`);
      fieldset.hidden = !chosen || (source && source.hidden);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-survey]").forEach((form) => {
      update(form);
      form.addEventListener("change", () => update(form));
    });
  });
})();
