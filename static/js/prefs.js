/* 适老化: the reader's 字号 and 对比度, kept in cookies, put on <html> before the first paint (this
   file is loaded in <head>, before the style sheets). The server sends every reader the same HTML,
   so one cached copy of a page serves them all; see home/preferences.py. */
(function () {
  "use strict";
  var root = document.documentElement;
  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([a-z0-9]+)"));
    return match ? match[1] : "";
  }
  var font = cookie("fjld_font");
  root.classList.remove("font-large", "font-xlarge", "contrast-high");
  if (font === "large" || font === "xlarge") root.classList.add("font-" + font);
  if (cookie("fjld_contrast") === "high") root.classList.add("contrast-high");
  // The choice was made without JavaScript (the server rendered it); from now on this browser
  // applies it, so the reader is given the shared, cached pages again.
  if (cookie("fjld_server_prefs")) {
    document.cookie = "fjld_server_prefs=; max-age=0; path=" + (root.getAttribute("data-cookie-path") || "/");
  }
})();
