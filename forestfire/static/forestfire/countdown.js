// 热点核查: ticks each hotspot's countdown and, where the phone shares its position, sends it
// with the taps and offers "nearest first". The page works without this script.
(function () {
  "use strict";
  var page = document.getElementById("hotspot-field");
  if (!page) return;
  var offset = Date.now() / 1000 - Number(page.dataset.now);
  var d = page.dataset;

  function tick() {
    var now = Date.now() / 1000 - offset;
    page.querySelectorAll(".clock[data-due]").forEach(function (clock) {
      var left = Math.round(Number(clock.dataset.due) - now);
      var text = clock.querySelector(".left");
      var card = clock.closest(".hotspot-card");
      if (left < 0) {
        text.textContent = d.msgLate;
        card.classList.add("late");
      } else {
        text.textContent = d.msgLeft + " " + Math.floor(left / 60) + " " + d.msgMinutes + " " +
          String(left % 60).padStart(2, "0") + " " + d.msgSeconds;
      }
    });
  }
  tick();
  setInterval(tick, 1000);

  if (!navigator.geolocation) return;
  var locate = document.getElementById("hotspot-locate");
  navigator.geolocation.getCurrentPosition(function (position) {
    var lat = position.coords.latitude.toFixed(6), lng = position.coords.longitude.toFixed(6);
    page.querySelectorAll(".position-lat").forEach(function (input) { input.value = lat; });
    page.querySelectorAll(".position-lng").forEach(function (input) { input.value = lng; });
    var form = document.getElementById("hotspot-nearby");
    form.querySelector("[name=lat]").value = lat;
    form.querySelector("[name=lng]").value = lng;
    if (locate) locate.hidden = false;
  }, function () {}, { maximumAge: 60000, timeout: 10000 });
})();
