{% load static %}/* 村社转移确认's service worker: the field page and its last list when the phone is offline.
   Pages and lists under the field page's path: network first, cut off after a few seconds, the
   last good answer kept; the page's own script and style: from the cache, refreshed behind.
   Confirmations (POST) always go to the network; the page queues them itself. */
"use strict";
var CACHE = "flood1833-field-v1";
var SCOPE = "{% url 'flood1833:field' %}";
var STATIC = "{% get_static_prefix %}";
var SHELL = ["{% static 'css/portal.css' %}", "{% static 'css/flood-field.css' %}", "{% static 'js/flood-field.js' %}"];
var LAST_PAGE = SCOPE + "?offline=page";
var LAST_LIST = SCOPE + "?offline=list";
var TIMEOUT_MS = 6000;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key.indexOf("flood1833-field-") === 0 && key !== CACHE; })
      .map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function withTimeout(promise) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, TIMEOUT_MS);
    promise.then(function (value) { clearTimeout(timer); resolve(value); },
      function (error) { clearTimeout(timer); reject(error); });
  });
}

function keep(request, response, alias) {
  if (!response.ok || response.redirected || response.type !== "basic") { return; }
  var copy = response.clone();
  var aliasCopy = alias ? response.clone() : null;
  caches.open(CACHE).then(function (cache) {
    cache.put(request, copy);
    if (aliasCopy) { cache.put(alias, aliasCopy); }
  });
}

function networkFirst(request, alias) {
  return withTimeout(fetch(request)).then(function (response) {
    keep(request, response, alias);
    return response;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) { return hit || (alias ? cache.match(alias) : undefined); });
    }).then(function (hit) {
      return hit || new Response("", { status: 503, statusText: "offline" });
    });
  });
}

function cacheFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) {
      var fresh = fetch(request).then(function (response) {
        if (response.ok) { cache.put(request, response.clone()); }
        return response;
      });
      return hit || fresh;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf(STATIC) === 0) {
    if (SHELL.indexOf(url.pathname) >= 0) { event.respondWith(cacheFirst(request)); }
    return;
  }
  if (url.pathname !== SCOPE) { return; }
  var alias = url.searchParams.get("fragment") === "list" ? LAST_LIST : (request.mode === "navigate" ? LAST_PAGE : null);
  event.respondWith(networkFirst(request, alias));
});
