/* 村社转移确认 on a phone in a storm.
   - Every card keeps its buttons in place: a tap marks its button pending (disabled) and the next
     status can be tapped at once; taps are queued in order per person in localStorage (they
     survive reload and close) and the queue goes to the server as one batch
     (POST /api/v1/transfers/confirm/), each item answered on its own and applied once by its
     request id.
   - Every request has a timeout; failures back off exponentially; a banner says so while the
     phone still reports itself online.
   - 撤销 takes back a tap not sent yet, or asks the server to correct the last step.
   - Filters and pages fetch the list alone (?fragment=list); a service worker keeps the page
     and its last list for when the phone is offline.
   Without this script the same buttons post the page's form to the server (and come back). */
(function () {
  "use strict";
  var root = document.getElementById("flood-field");
  if (!root) { return; }
  var KEY = "flood1833.queue";
  var TIMEOUT_MS = 10000;
  var MAX_BACKOFF_S = 60;
  var BATCH = 100;
  var IDLE_MS = 4000;
  // How far along the loop each status is, to enable the buttons before the server answers (the
  // server's rule in flood1833/services/transfers.py decides; a refusal comes back on the card).
  var RANK = { pending: 0, notified: 1, moved: 2, sheltered: 3, with_relatives: 3, returned: 4 };
  var SAFE = { moved: true, sheltered: true, with_relatives: true, returned: true };
  var labels = JSON.parse(document.getElementById("status-labels").textContent);
  var sending = null; // request ids of the batch on the wire
  var failures = 0;
  var nextTry = 0;
  var lastTouch = Date.now();

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) { return meta.content; }
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function newRequestId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") { return window.crypto.randomUUID(); }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }

  function store(queue) {
    window.localStorage.setItem(KEY, JSON.stringify(queue));
    render();
  }

  function card(transferId) {
    return root.querySelector('[data-transfer="' + transferId + '"]');
  }

  function setMessage(transferId, text) {
    var target = card(transferId);
    if (target) { target.querySelector('[data-role="message"]').textContent = text; }
  }

  function allowed(current, target) {
    if (current === target || current === "returned") { return false; }
    if (target === "returned") { return RANK[current] >= RANK.moved; }
    return RANK[target] >= RANK[current];
  }

  // Buttons are enabled, disabled or marked pending; none is ever added, removed or resized.
  function paint(target, queue) {
    var id = target.dataset.transfer;
    var mine = queue.filter(function (item) { return String(item.transfer) === id; });
    var effective = target.dataset.status;
    var unknown = false;
    mine.forEach(function (item) {
      if (item.correction) { unknown = true; } else { effective = item.status; }
    });
    target.querySelectorAll("button.tap[data-status]").forEach(function (button) {
      var status = button.dataset.status;
      var pending = mine.some(function (item) { return !item.correction && item.status === status; });
      button.classList.toggle("pending", pending);
      button.setAttribute("aria-busy", pending ? "true" : "false");
      button.disabled = unknown || pending || !allowed(effective, status);
    });
    var undo = target.querySelector('[data-role="undo"]');
    if (undo) { undo.disabled = !mine.length && effective === "pending"; }
    var status = target.querySelector('[data-role="status"]');
    status.textContent = (unknown ? "…" : (labels[effective] || effective)) +
      (mine.length ? "(" + root.dataset.msgQueued + ")" : "");
    status.className = "status transfer-" + effective;
    target.classList.toggle("queued", mine.length > 0);
    target.classList.toggle("done", !unknown && SAFE[effective] === true);
  }

  function render() {
    var queue = load();
    var box = document.getElementById("field-queue");
    var list = document.getElementById("field-queue-list");
    document.getElementById("field-queue-count").textContent = String(queue.length);
    box.hidden = queue.length === 0;
    list.textContent = "";
    queue.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = item.name + " → " + (item.correction ? root.dataset.msgUndo + item.reason : (labels[item.status] || item.status));
      list.appendChild(li);
    });
    root.querySelectorAll("[data-transfer]").forEach(function (target) { paint(target, queue); });
    document.getElementById("field-offline").hidden = navigator.onLine;
  }

  function showFailing(seconds) {
    var banner = document.getElementById("field-failing");
    banner.hidden = !navigator.onLine || failures === 0;
    document.getElementById("field-retry").textContent = failures ? "(" + seconds + "s)" : "";
  }

  // A request that stalls is cut off: the queue never waits on a dead connection.
  function timedFetch(url, options) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = window.setTimeout(function () { if (controller) { controller.abort(); } }, TIMEOUT_MS);
    if (controller) { options.signal = controller.signal; }
    return fetch(url, options).then(function (response) {
      window.clearTimeout(timer);
      return response;
    }, function (error) {
      window.clearTimeout(timer);
      throw error;
    });
  }

  function payload(item) {
    var body = { transfer: Number(item.transfer), request_id: item.request_id };
    if (item.correction) {
      body.correction = true;
      body.reason = item.reason;
    } else {
      body.status = item.status;
      if (item.shelter) { body.shelter = Number(item.shelter); }
    }
    return body;
  }

  function answered(result) {
    var target = card(result.id);
    if (!target) { return; }
    target.dataset.status = result.status;
    var select = target.querySelector('[data-role="shelter"]');
    if (select && result.shelter) { select.value = String(result.shelter); }
    var filter = root.querySelector(".people").dataset.filterStatus;
    if (filter === "to_move" && SAFE[result.status]) { target.dataset.leaving = "1"; }
  }

  function showProgress(progress) {
    (progress || []).forEach(function (row) {
      if (String(row.event) !== root.dataset.event) { return; }
      document.getElementById("field-safe").textContent = String(row.safe);
      document.getElementById("field-total").textContent = String(row.total);
    });
  }

  function backOff() {
    failures += 1;
    var seconds = Math.min(MAX_BACKOFF_S, Math.pow(2, failures));
    seconds = Math.round(seconds * (0.75 + Math.random() * 0.5));
    nextTry = Date.now() + seconds * 1000;
    showFailing(seconds);
    window.setTimeout(flush, seconds * 1000 + 50);
  }

  function flush() {
    if (sending || !navigator.onLine) { render(); return; }
    if (Date.now() < nextTry) { return; }
    var items = load().slice(0, BATCH);
    if (!items.length) { render(); return; }
    sending = items.map(function (item) { return item.request_id; });
    timedFetch(root.dataset.batchUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ items: items.map(payload) })
    }).then(function (response) {
      if (response.status === 401 || response.status === 403) {
        items.forEach(function (item) { setMessage(item.transfer, root.dataset.msgLogin); });
        throw new Error("login");
      }
      if (!response.ok) { throw new Error("http " + response.status); }
      return response.json();
    }).then(function (data) {
      failures = 0;
      nextTry = 0;
      showFailing(0);
      var settled = {};
      data.items.forEach(function (answer) {
        if (answer.status >= 500) { return; }
        settled[answer.request_id] = true;
        if (answer.ok) {
          answered(answer.result);
          setMessage(answer.result.id, "");
        } else if (answer.transfer !== null) {
          setMessage(answer.transfer, root.dataset.msgRejected + answer.detail);
        }
      });
      sending = null;
      store(load().filter(function (item) { return !settled[item.request_id]; }));
      showProgress(data.progress);
      flush();
    }).catch(function () {
      sending = null;
      render();
      backOff();
    });
  }

  function tap(button) {
    var target = button.closest("[data-transfer]");
    var item = {
      transfer: target.dataset.transfer,
      name: target.dataset.name,
      status: button.dataset.status,
      request_id: newRequestId(),
      at: new Date().toISOString()
    };
    if (item.status === "sheltered") {
      var select = target.querySelector('[data-role="shelter"]');
      if (!select || !select.value) { setMessage(item.transfer, root.dataset.msgShelter); return; }
      item.shelter = select.value;
    }
    setMessage(item.transfer, "");
    var queue = load();
    queue.push(item);
    store(queue);
    flush();
  }

  function undo(button) {
    var target = button.closest("[data-transfer]");
    var id = target.dataset.transfer;
    var queue = load();
    var unsent = queue.filter(function (item) {
      return String(item.transfer) === id && !(sending && sending.indexOf(item.request_id) >= 0);
    });
    if (unsent.length) {
      var last = unsent[unsent.length - 1];
      store(queue.filter(function (item) { return item.request_id !== last.request_id; }));
      setMessage(id, root.dataset.msgUndone);
      return;
    }
    var reason = window.prompt(root.dataset.msgUndo, root.dataset.msgUndoDefault);
    if (!reason || !reason.trim()) { return; }
    queue.push({ transfer: id, name: target.dataset.name, correction: true, reason: reason.trim(), request_id: newRequestId(), at: new Date().toISOString() });
    store(queue);
    flush();
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("button.tap");
    if (!button) { return; }
    event.preventDefault();
    if (button.disabled) { return; }
    if (button.dataset.role === "undo") { undo(button); } else { tap(button); }
  });

  // People who left the list's filter (尚未转移 → 已转移) go once the cadre has stopped touching
  // the screen for a moment, and the page is held where it was: nothing moves under a finger.
  function dropLeavers() {
    if (Date.now() - lastTouch < IDLE_MS) { return; }
    root.querySelectorAll('[data-leaving="1"]').forEach(function (target) {
      if (target.classList.contains("queued")) { return; }
      var above = target.getBoundingClientRect().bottom <= 0;
      var height = target.getBoundingClientRect().height;
      target.remove();
      if (above) { window.scrollBy(0, -height); }
    });
  }
  ["pointerdown", "touchstart", "scroll", "keydown"].forEach(function (name) {
    window.addEventListener(name, function () { lastTouch = Date.now(); }, { passive: true });
  });

  // Filters and pages: the list alone, not the whole page.
  function showList(url) {
    var fetchUrl = url + (url.indexOf("?") >= 0 ? "&" : "?") + "fragment=list";
    return timedFetch(fetchUrl, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("http " + response.status); }
        return response.text();
      }).then(function (html) {
        document.getElementById("field-list").innerHTML = html;
        root.querySelector('#field-form input[name="next"]').value = url.replace(window.location.origin, "");
        window.history.replaceState(null, "", url);
        render();
      });
  }

  var filters = document.getElementById("field-filters");
  filters.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = new URLSearchParams(new FormData(filters)).toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    showList(url).catch(function () { window.location.href = url; });
  });
  root.addEventListener("click", function (event) {
    var link = event.target.closest('a[data-role="page"]');
    if (!link) { return; }
    event.preventDefault();
    showList(link.getAttribute("href")).then(function () { window.scrollTo(0, root.offsetTop); },
      function () { window.location.href = link.href; });
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.swUrl, { scope: root.dataset.swScope }).catch(function () {});
  }

  window.addEventListener("online", function () { nextTry = 0; flush(); });
  window.addEventListener("offline", render);
  window.setInterval(flush, 5000);
  window.setInterval(dropLeavers, 1000);
  render();
  flush();
  root.dataset.ready = "1"; // the first usable tap (bench/bench_field_phone.py waits for it)
})();
