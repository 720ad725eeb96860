// Dashboard charts: each [data-chart] element is drawn by ECharts from the JSON block it names.
// The JSON holds the same rows as the table under the chart. Loaded as a file: the CSP forbids inline script.
(function () {
  "use strict";

  function option(spec) {
    if (spec.kind === "pie") {
      return {
        tooltip: { trigger: "item", renderMode: "richText" },
        legend: { bottom: 0, type: "scroll" },
        series: [{
          type: "pie", radius: ["35%", "65%"],
          data: spec.categories.map((name, i) => ({ name, value: spec.series[0].data[i] })),
        }],
      };
    }
    return {
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: "category", data: spec.categories, axisLabel: { interval: 0, rotate: spec.categories.length > 5 ? 30 : 0 } },
      yAxis: { type: "value" },
      series: spec.series.map((s) => ({ name: s.name, type: "bar", data: s.data })),
    };
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!window.echarts) {
      return;
    }
    document.querySelectorAll("[data-chart]").forEach((element) => {
      const spec = JSON.parse(document.getElementById(element.dataset.chart).textContent);
      const chart = window.echarts.init(element, null, { renderer: "canvas" });
      chart.setOption(option(spec));
      element.dataset.drawn = "true";
      window.addEventListener("resize", () => chart.resize());
    });
  });
})();
