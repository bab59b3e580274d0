/* 导入数据: follows an import on the task queue and shows its progress; once it has finished the
   page is loaded again, which shows the errors or goes on to the edited release. */
(function () {
  "use strict";
  var box = document.getElementById("dataset-import");
  var url = box && box.getAttribute("data-poll");
  if (!url) return;
  function show(name, value) {
    var node = box.querySelector("[data-import-" + name + "]");
    if (node) node.textContent = value;
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.finished) { window.location.reload(); return; }
        show("label", state.label);
        show("checked", state.checked);
        if (state.total) show("total", state.total);
        var bar = box.querySelector("progress");
        if (bar) { bar.value = state.percent; bar.textContent = state.percent + "%"; }
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
