/* 村社转移确认: each tap is queued in localStorage with its own request id, then sent.
   Taps made offline stay queued and are sent when the connection returns (the "online" event,
   every page load, and every 20 s); the server applies a retried request id once.
   Without this script the same buttons post the page's form to the server (and come back);
   with it, their clicks are taken over here, so the page works both ways. */
(function () {
  "use strict";
  var root = document.getElementById("flood-field");
  if (!root) { return; }
  var KEY = "flood1833.queue";
  var labels = JSON.parse(document.getElementById("status-labels").textContent);
  var shelterSelect = document.getElementById("field-shelter");
  var flushing = false;

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

  function setMessage(item, text) {
    var target = card(item.transfer);
    if (target) { target.querySelector('[data-role="message"]').textContent = text; }
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
      li.textContent = item.name + " → " + (labels[item.status] || item.status);
      list.appendChild(li);
      var target = card(item.transfer);
      if (target) {
        target.classList.add("queued");
        target.querySelector('[data-role="status"]').textContent =
          (labels[item.status] || item.status) + "(" + root.dataset.msgQueued + ")";
      }
    });
    document.getElementById("field-offline").hidden = navigator.onLine;
  }

  function showTransfer(data) {
    var target = card(data.id);
    if (!target) { return; }
    target.classList.remove("queued");
    var status = target.querySelector('[data-role="status"]');
    status.textContent = data.status_display;
    status.className = "status transfer-" + data.status;
    var taps = target.querySelector('[data-role="taps"]');
    if (!taps) { return; }
    taps.textContent = "";
    var formAction = root.dataset.pageConfirmUrl.replace("/0/", "/" + data.id + "/");
    data.next_statuses.forEach(function (key) {
      var button = document.createElement("button");
      button.type = "submit";
      button.className = "tap";
      button.name = "status";
      button.value = key;
      button.formAction = formAction;
      button.dataset.status = key;
      button.textContent = labels[key] || key;
      taps.appendChild(button);
    });
  }

  // "done": applied (or replayed); "rejected": the server refused it for good; "retry": keep it.
  function send(item) {
    var body = { status: item.status, request_id: item.request_id };
    if (item.shelter) { body.shelter = Number(item.shelter); }
    var url = root.dataset.confirmUrl.replace("/0/", "/" + item.transfer + "/");
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.ok) { showTransfer(data); setMessage(item, ""); return "done"; }
        if (response.status === 401 || response.status === 403) { setMessage(item, root.dataset.msgLogin); return "retry"; }
        if (response.status >= 500 || response.status === 429) { return "retry"; }
        var detail = data.detail || Object.keys(data).map(function (k) { return [].concat(data[k]).join(" "); }).join(" ");
        setMessage(item, root.dataset.msgRejected + detail);
        return "rejected";
      });
    }, function () { return "retry"; });
  }

  function flush() {
    if (flushing || !navigator.onLine) { render(); return; }
    var queue = load();
    if (!queue.length) { render(); return; }
    flushing = true;
    var item = queue[0];
    send(item).then(function (outcome) {
      flushing = false;
      if (outcome === "retry") { render(); return; }
      store(load().filter(function (other) { return other.request_id !== item.request_id; }));
      if (outcome === "rejected") {
        var target = card(item.transfer);
        if (target) { target.classList.remove("queued"); }
      }
      flush();
    });
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("button.tap");
    if (!button) { return; }
    event.preventDefault();
    var target = button.closest("[data-transfer]");
    var item = {
      transfer: target.dataset.transfer,
      name: target.dataset.name,
      status: button.dataset.status,
      request_id: newRequestId(),
      at: new Date().toISOString()
    };
    if (item.status === "sheltered") {
      if (!shelterSelect || !shelterSelect.value) { setMessage(item, root.dataset.msgShelter); return; }
      item.shelter = shelterSelect.value;
    }
    var queue = load();
    queue.push(item);
    store(queue);
    flush();
  });

  window.addEventListener("online", flush);
  window.addEventListener("offline", render);
  window.setInterval(flush, 20000);
  flush();
})();
