/* Progressive enhancement only: every control also works as a plain link without JavaScript. */
(function () {
  "use strict";
  var root = document.documentElement;
  var classesFor = {
    font: { standard: [], large: ["font-large"], xlarge: ["font-xlarge"] },
    contrast: { standard: [], high: ["contrast-high"] },
  };
  var cookieFor = { font: "fjld_font", contrast: "fjld_contrast" };

  function setCookie(name, value) {
    var path = root.getAttribute("data-cookie-path") || "/";
    document.cookie = name + "=" + value + "; max-age=31536000; path=" + path + "; SameSite=Lax";
  }

  function current(pref) {
    var table = classesFor[pref];
    var found = "standard";
    Object.keys(table).forEach(function (value) {
      if (table[value].length && table[value].every(function (cls) { return root.classList.contains(cls); })) {
        found = value;
      }
    });
    return found;
  }

  // The toolbar shows the choice in force (prefs.js applied it; the HTML is the same for everyone).
  function showChoice(pref, value) {
    if (pref === "font") {
      document.querySelectorAll('a[data-pref="font"]').forEach(function (link) {
        if (link.getAttribute("data-value") === value) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
      return;
    }
    // The contrast control is a toggle: its label and target follow the state.
    document.querySelectorAll('a[data-pref="contrast"]').forEach(function (link) {
      var on = value === "high";
      var next = on ? "standard" : "high";
      link.setAttribute("data-value", next);
      link.textContent = link.getAttribute(on ? "data-label-on" : "data-label-off") || link.textContent;
      if (on) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
      link.href = link.href.replace(/contrast=[a-z]+/, "contrast=" + next);
    });
  }

  function choose(pref, value) {
    var table = classesFor[pref];
    Object.keys(table).forEach(function (key) {
      table[key].forEach(function (cls) { root.classList.remove(cls); });
    });
    table[value].forEach(function (cls) { root.classList.add(cls); });
    setCookie(cookieFor[pref], value);
    showChoice(pref, value);
  }

  showChoice("font", current("font"));
  showChoice("contrast", current("contrast"));

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-pref]");
    if (!link) return;
    var pref = link.getAttribute("data-pref");
    var value = link.getAttribute("data-value");
    if (!classesFor[pref] || !(value in classesFor[pref])) return;
    event.preventDefault();
    choose(pref, value);
  });

  // 菜单 on a phone: without JavaScript a link to #site-menu (shown by :target); with it, a toggle
  // button that says whether the menu is open, closed again by Esc (focus back on the button).
  var toggle = document.querySelector(".menu-toggle");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (toggle && menu) {
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-expanded", "false");
    var setOpen = function (open) {
      menu.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", String(open));
    };
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      setOpen(!menu.classList.contains("is-open"));
    });
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        setOpen(!menu.classList.contains("is-open"));
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }
})();
