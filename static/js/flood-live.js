/* 转移实况: refreshes the figures from the same-origin JSON endpoint without reloading the page. */
(function () {
  "use strict";
  var root = document.getElementById("flood-live");
  if (!root) { return; }
  var seconds = Math.max(2, Number(root.dataset.poll) || 15);

  function pick(data, path) {
    return path.split(".").reduce(function (value, key) { return value ? value[key] : undefined; }, data);
  }

  function set(name, value) {
    var element = root.querySelector('[data-live="' + name + '"]');
    if (element) { element.textContent = value === undefined || value === null ? "" : String(value); }
  }

  // Each cell carries its column's header as data-label, for the stacked rows on a phone.
  function headerLabels(body) {
    return Array.prototype.map.call(body.closest("table").querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
  }

  function fillRows(body, rows) {
    var columns = body.dataset.columns.split(" ");
    var labels = headerLabels(body);
    body.textContent = "";
    (rows || []).forEach(function (row) {
      var tr = document.createElement("tr");
      columns.forEach(function (column, index) {
        var td = document.createElement("td");
        if (labels[index]) { td.dataset.label = labels[index]; }
        td.textContent = row[column] === undefined ? "" : String(row[column]);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  // The drill-down chart, redrawn from the same figures (names as text, never markup).
  var SVG = "http://www.w3.org/2000/svg";
  function drawChart(drill) {
    var svg = document.getElementById("live-chart");
    if (!svg || !drill || drill.level !== svg.dataset.level) { return; }
    var next = { township: "township", village: "village" }[drill.level];
    svg.setAttribute("viewBox", "0 0 340 " + Math.max(40, drill.height));
    svg.textContent = "";
    drill.rows.forEach(function (row) {
      var group = document.createElementNS(SVG, "a");
      if (next) { group.setAttribute("href", "?event=" + svg.dataset.event + "&" + next + "=" + row.id + "#live-drill"); }
      var label = document.createElementNS(SVG, "text");
      label.setAttribute("x", "0");
      label.setAttribute("y", String(row.y + 14));
      label.setAttribute("class", "chart-label");
      label.textContent = row.name + " " + row.safe + " / " + row.total + "(" + row.percent + "%)";
      group.appendChild(label);
      [["bar-total", row.bar_total], ["bar-safe", row.bar_safe]].forEach(function (bar) {
        var rect = document.createElementNS(SVG, "rect");
        rect.setAttribute("x", "0");
        rect.setAttribute("y", String(row.y + 20));
        rect.setAttribute("width", String(bar[1]));
        rect.setAttribute("height", "12");
        rect.setAttribute("class", bar[0]);
        group.appendChild(rect);
      });
      svg.appendChild(group);
    });
  }

  function show(data) {
    drawChart(data.drill);
    set("stage", data.event.stage || "—");
    set("total", data.transfers.total);
    set("safe", data.transfers.safe);
    set("percent", data.transfers.percent);
    data.transfers.statuses.forEach(function (row) { set("status-" + row.key, row.count); });
    root.querySelectorAll("[data-live-rows]").forEach(function (body) {
      fillRows(body, pick(data, body.dataset.liveRows));
    });
    set("updated", new Date().toLocaleTimeString("zh-CN", { hour12: false }));
  }

  function refresh() {
    fetch(root.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && data.event) { show(data); } })
      .catch(function () { /* offline: keep the last figures and try again on the next tick */ });
  }

  window.setInterval(refresh, seconds * 1000);
})();
