// Yichuang behaviour that htmx does not cover. Loaded as a file: the CSP forbids inline script.
document.addEventListener("htmx:configRequest", (event) => {
  // Every htmx request carries the CSRF token from the cookie-less form field on the page.
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.value;
  }
});
