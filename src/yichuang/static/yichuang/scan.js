// Check-in page: each tap becomes a scan with its own idempotency key and the time it was made.
// Scans are queued in localStorage first and removed only when the server has answered, so a
// scan made without network is sent later with its original time (the server marks it late),
// and a request retried after a lost answer never creates a second record.
(function () {
  "use strict";
  var root = document.getElementById("scan");
  if (!root) return;
  var KEY = "yichuang-scan-queue";
  var status = document.getElementById("scan-status");
  var queueNote = document.getElementById("scan-queue");
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(KEY, JSON.stringify(queue)); showQueue(queue); }
  function showQueue(queue) {
    queueNote.hidden = queue.length === 0;
    queueNote.textContent = queue.length + " " + root.dataset.pending;
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }

  function send() {
    var queue = load();
    if (sending || queue.length === 0) return;
    sending = true;
    var scan = queue[0];
    fetch(root.dataset.api, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf},
      body: JSON.stringify(scan)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        sending = false;
        if (response.status === 429 || response.status >= 500) {
          status.textContent = root.dataset.queued;
          return;  // keep it; try again later
        }
        save(load().filter(function (s) { return s.key !== scan.key; }));
        if (response.ok) {
          status.textContent = root.dataset.sent;
          window.setTimeout(function () { window.location.reload(); }, 600);
        } else {
          status.textContent = root.dataset.failed + " " + (body.detail || response.status);
        }
        send();
      });
    }).catch(function () {
      sending = false;
      status.textContent = root.dataset.queued;
    });
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-scan]");
    if (!button) return;
    var queue = load();
    queue.push({shift: Number(button.dataset.shift), kind: button.dataset.scan, key: newKey(),
                at: new Date().toISOString()});
    save(queue);
    send();
  });
  window.addEventListener("online", send);
  window.setInterval(send, 15000);
  showQueue(load());
  send();
})();
