/* 县域一张图: every registered layer's GeoJSON as circle markers (no icon images, no tiles needed),
   a legend to switch each layer on and off, and a refresh of the live layers while a typhoon is open.
   Names come from people's input, so tooltips and popups are built as text nodes, never as HTML. */
(function () {
  "use strict";
  var element = document.getElementById("county-map");
  var config = document.getElementById("county-map-layers");
  if (!element || !config || !window.L) { return; }
  var L = window.L;
  var layers = JSON.parse(config.textContent);
  var map = L.map(element, { attributionControl: false }).setView([27.52, 120.45], 11);
  if (element.dataset.tiles) { L.tileLayer(element.dataset.tiles, { maxZoom: 18 }).addTo(map); }
  var groups = {};
  var openPopup = null; // [layer key, feature id] of the popup open now, kept across a refresh

  function text(tag, value) {
    var node = document.createElement(tag);
    node.textContent = value === undefined || value === null ? "" : String(value);
    return node;
  }

  function popup(layer, properties) {
    var box = document.createElement("div");
    box.className = "map-popup";
    box.appendChild(text("strong", properties.name));
    var list = document.createElement("dl");
    layer.details.forEach(function (detail) {
      list.appendChild(text("dt", detail[1]));
      list.appendChild(text("dd", properties[detail[0]]));
    });
    box.appendChild(list);
    return box;
  }

  function marker(layer, feature) {
    var lngLat = feature.geometry.coordinates;
    var circle = L.circleMarker([lngLat[1], lngLat[0]], {
      radius: 7, color: layer.colour, fillOpacity: 0.7, className: "map-marker-" + layer.key
    });
    circle.bindTooltip(text("span", layer.label + ":" + feature.properties.name));
    circle.bindPopup(popup(layer, feature.properties));
    circle.on("popupopen", function () { openPopup = [layer.key, feature.id]; });
    circle.on("popupclose", function () { openPopup = null; });
    return circle;
  }

  function draw(layer, collection) {
    var reopen = openPopup && openPopup[0] === layer.key ? openPopup[1] : null;
    var group = groups[layer.key];
    group.clearLayers();
    collection.features.forEach(function (feature) {
      var circle = marker(layer, feature).addTo(group);
      if (feature.id === reopen && map.hasLayer(group)) { circle.openPopup(); }
    });
    var count = document.querySelector('[data-layer-count="' + layer.key + '"]');
    if (count) { count.textContent = "(" + collection.features.length + ")"; }
  }

  function load(layer) {
    return fetch(layer.url, { credentials: "same-origin", headers: { "Accept": "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (collection) { if (collection) { draw(layer, collection); } })
      .catch(function () { /* offline: keep what is drawn and try again on the next refresh */ });
  }

  function fitAll() {
    var bounds = L.latLngBounds([]);
    Object.keys(groups).forEach(function (key) {
      if (groups[key].getLayers().length) { bounds.extend(groups[key].getBounds()); }
    });
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 }); }
  }

  layers.forEach(function (layer) { groups[layer.key] = L.featureGroup().addTo(map); });
  document.querySelectorAll(".map-swatch[data-colour]").forEach(function (swatch) {
    swatch.style.backgroundColor = swatch.dataset.colour;
  });
  document.querySelectorAll("input[data-layer]").forEach(function (box) {
    function show() {
      var group = groups[box.dataset.layer];
      if (group) { if (box.checked) { map.addLayer(group); } else { map.removeLayer(group); } }
    }
    box.addEventListener("change", show);
    show(); // the browser may have restored an unchecked box (back button)
  });
  Promise.all(layers.map(load)).then(fitAll);

  var seconds = Number(element.dataset.poll) || 0;
  if (seconds > 0) {
    window.setInterval(function () {
      layers.forEach(function (layer) { if (layer.live) { load(layer); } });
    }, Math.max(2, seconds) * 1000);
  }
})();
