/* Draws the figures embedded in the page as JSON with plotly.js; redraws them at A4 width to print. */
(function () {
  "use strict";
  var PRINT_WIDTH_PX = {{ print_width_px }};
  var CONFIG = {displayModeBar: false, responsive: true, displaylogo: false};
  var charts = [];
  var printing = false;

  function mark(state) { document.body.setAttribute("data-charts", state); }

  function draw() {
    var drawn = [];
    document.querySelectorAll("div.chart[data-figure]").forEach(function (div) {
      var src = document.getElementById(div.getAttribute("data-figure"));
      if (!src) { return; }
      var fig = JSON.parse(src.textContent);
      charts.push(div);
      drawn.push(Plotly.newPlot(div, fig.data, fig.layout, CONFIG));
    });
    return Promise.all(drawn);
  }

  function fit(toPrint) {
    if (toPrint === printing) { return; }
    printing = toPrint;
    mark("busy");
    Promise.all(charts.map(function (gd) {
      return Plotly.relayout(gd, toPrint ? {width: PRINT_WIDTH_PX} : {width: null, autosize: true});
    })).then(function () { mark(toPrint ? "print" : "screen"); });
  }

  var button = document.getElementById("print-button");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
  if (!document.querySelector("div.chart[data-figure]")) { mark("none"); return; }
  if (typeof Plotly === "undefined") { mark("unavailable"); return; }
  var media = window.matchMedia("print");
  draw().then(function () {
    mark("screen");
    media.addEventListener("change", function (e) { fit(e.matches); });
    if (media.matches) { fit(true); }
  });
  window.addEventListener("beforeprint", function () { fit(true); });
  // a print preview closed, unless print media is still on (emulated: the change event restores then)
  window.addEventListener("afterprint", function () { if (!media.matches) { fit(false); } });
})();
