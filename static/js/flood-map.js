/* 指挥要素图: zones, shelters and depots as circle markers (no icon images, no tiles needed). */
(function () {
  "use strict";
  var element = document.getElementById("flood-map");
  if (!element || !window.L) { return; }
  var map = window.L.map(element, { attributionControl: false }).setView([27.52, 120.45], 11);
  if (element.dataset.tiles) { window.L.tileLayer(element.dataset.tiles, { maxZoom: 18 }).addTo(map); }
  var colours = { zone: "#c4320a", shelter: "#1b7f3b", depot: "#175cd3" };
  fetch(element.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var bounds = [];
      ["zones", "shelters", "depots"].forEach(function (group) {
        data[group].forEach(function (point) {
          var marker = window.L.circleMarker([point.lat, point.lng], {
            radius: 7, color: colours[point.kind], fillOpacity: 0.7
          }).addTo(map);
          marker.bindTooltip(element.dataset["label" + point.kind.charAt(0).toUpperCase() + point.kind.slice(1)] + ":" + point.name);
          marker.getElement().setAttribute("data-marker", point.kind);
          bounds.push([point.lat, point.lng]);
        });
      });
      if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 }); }
    });
})();
