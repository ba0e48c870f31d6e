// 码上报: offers to send the phone's position with the tip. The form works without this script;
// the position is asked for only when the button is tapped, and is optional.
(function () {
  "use strict";
  var box = document.getElementById("tip-locate");
  if (!box || !navigator.geolocation) return;
  var button = document.getElementById("tip-locate-button");
  var state = document.getElementById("tip-locate-state");
  var form = box.closest("form");
  box.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(6);
      form.querySelector("[name=lng]").value = position.coords.longitude.toFixed(6);
      state.textContent = box.dataset.msgFound;
    }, function () {
      state.textContent = box.dataset.msgFailed;
    }, { maximumAge: 60000, timeout: 10000 });
  });
})();
