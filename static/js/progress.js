// Follows a background job (snapshot or workbook): polls its API URL and updates the bar,
// then reloads the page when the job is done so the result shows.
(function () {
  "use strict";
  var bars = document.querySelectorAll("[data-progress-url]");
  bars.forEach(function (bar) {
    var url = bar.getAttribute("data-progress-url");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          var meter = bar.querySelector("progress");
          if (meter) { meter.value = job.percent; }
          var label = bar.querySelector("[data-percent]");
          if (label) { label.textContent = job.percent + "%"; }
          if (job.status === "running") { window.setTimeout(poll, 1500); } else { window.location.reload(); }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
  });
})();
