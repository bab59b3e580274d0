/* Progressive enhancement only: every control also works as a plain link without JavaScript. */
(function () {
  "use strict";
  var root = document.documentElement;
  var classesFor = {
    font: { standard: [], large: ["font-large"], xlarge: ["font-xlarge"] },
    contrast: { standard: [], high: ["contrast-high"] },
  };
  function setCookie(name, value) {
    var path = document.body.getAttribute("data-cookie-path") || "/";
    document.cookie = name + "=" + value + "; max-age=31536000; path=" + path + "; SameSite=Lax";
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-pref]");
    if (!link) return;
    var pref = link.getAttribute("data-pref");
    var value = link.getAttribute("data-value");
    var table = classesFor[pref];
    if (!table || !(value in table)) return;
    event.preventDefault();
    Object.keys(table).forEach(function (key) {
      table[key].forEach(function (cls) { root.classList.remove(cls); });
    });
    table[value].forEach(function (cls) { root.classList.add(cls); });
    setCookie(pref === "font" ? "fjld_font" : "fjld_contrast", value);
    if (pref === "font") {
      document.querySelectorAll('a[data-pref="font"]').forEach(function (other) {
        if (other === link) other.setAttribute("aria-current", "true");
        else other.removeAttribute("aria-current");
      });
    } else {
      // The contrast control is a toggle: swap its label and target value.
      var next = value === "high" ? "standard" : "high";
      link.setAttribute("data-value", next);
      link.textContent = value === "high" ? "关闭高对比度" : "高对比度";
      if (value === "high") link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
      link.href = link.href.replace(/contrast=[a-z]+/, "contrast=" + next);
    }
  });
})();
