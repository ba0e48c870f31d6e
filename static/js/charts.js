// Draws the dashboard's charts with the locally served ECharts, from data the page embeds as
// JSON (<script type="application/json">), so no inline script is needed under the CSP.
(function () {
  "use strict";

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function chart(id, option) {
    var node = document.getElementById(id);
    if (!node || !window.echarts) { return; }
    var instance = window.echarts.init(node, null, { renderer: "svg" });
    instance.setOption(option);
    window.addEventListener("resize", function () { instance.resize(); });
    node.setAttribute("data-rendered", "true");
  }

  var trend = data("trend-data");
  if (trend && trend.months.length) {
    chart("trend-chart", {
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: "category", data: trend.months },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: trend.series.map(function (s) { return { name: s.name, type: "line", data: s.data, connectNulls: true }; })
    });
  }

  var ranking = data("ranking-data");
  if (ranking && ranking.units.length) {
    chart("ranking-chart", {
      tooltip: { trigger: "axis" },
      grid: { left: 90, right: 20, top: 10, bottom: 20 },
      xAxis: { type: "value", min: 0, max: 100 },
      yAxis: { type: "category", data: ranking.units.slice().reverse() },
      series: [{ type: "bar", data: ranking.scores.slice().reverse(), itemStyle: { color: "#b42318" } }]
    });
  }

  var comparison = data("comparison-data");
  if (comparison && comparison.labels.length) {
    chart("comparison-chart", {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 60 },
      xAxis: { type: "category", data: comparison.labels, axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: "value" },
      series: [
        { name: comparison.own_label, type: "bar", data: comparison.own },
        { name: comparison.average_label, type: "bar", data: comparison.average }
      ]
    });
  }

  var ranks = data("rank-history-data");
  if (ranks && ranks.months.length) {
    chart("rank-history-chart", {
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 20, bottom: 30 },
      xAxis: { type: "category", data: ranks.months },
      yAxis: { type: "value", inverse: true, minInterval: 1, min: 1 },
      series: [{ type: "line", data: ranks.ranks, itemStyle: { color: "#b42318" } }]
    });
  }
})();
