/* compactwatch charts: embeds every <div data-vega-spec="ID"> with the Vega-Lite spec in
   <script type="application/json" id="ID"> (Django json_script), adds "Save as PNG / SVG" buttons, and
   turns GET forms marked data-fragment-target into in-place updates (the form still works without JS). */
(function () {
  "use strict";

  function saveButton(view, type, label, name) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "chart-save";
    button.textContent = label;
    button.addEventListener("click", function () {
      view.toImageURL(type, type === "png" ? 2 : 1).then(function (url) {
        var link = document.createElement("a");
        link.href = url;
        link.download = name + "." + type;
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
    });
    return button;
  }

  function embedChart(container) {
    var id = container.getAttribute("data-vega-spec");
    var source = document.getElementById(id);
    if (!source || container.getAttribute("data-embedded") === "1") return Promise.resolve();
    container.setAttribute("data-embedded", "1");
    var spec = JSON.parse(source.textContent);
    var target = document.createElement("div");
    target.className = "chart-canvas";
    container.appendChild(target);
    // ast: expressions run in vega-embed's bundled interpreter, not through eval, so the CSP needs no unsafe-eval.
    return vegaEmbed(target, spec, { renderer: "svg", actions: false, ast: true }).then(function (result) {
      var name = container.getAttribute("data-file-name") || id;
      var tools = document.createElement("div");
      tools.className = "chart-tools";
      tools.appendChild(saveButton(result.view, "png", container.getAttribute("data-label-png") || "Save as PNG", name));
      tools.appendChild(saveButton(result.view, "svg", container.getAttribute("data-label-svg") || "Save as SVG", name));
      // Beside the chart, not inside it: a container may carry role="img", which must hold no control.
      container.insertAdjacentElement("afterend", tools);
      container.setAttribute("data-rendered", "1");
    }).catch(function (error) {
      container.setAttribute("data-error", String(error));
    });
  }

  function embedAll(root) {
    var charts = (root || document).querySelectorAll("[data-vega-spec]");
    return Promise.all(Array.prototype.map.call(charts, embedChart));
  }

  function enhanceForm(form) {
    var target = document.getElementById(form.getAttribute("data-fragment-target"));
    var status = document.getElementById(form.getAttribute("data-status"));
    if (!target) return;
    function update() {
      var params = new URLSearchParams(new FormData(form));
      var pageUrl = form.action.split("?")[0] + "?" + params.toString();
      params.set("fragment", "data");
      target.setAttribute("aria-busy", "true");
      fetch(form.action.split("?")[0] + "?" + params.toString(), { headers: { "Accept": "text/html" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          target.innerHTML = html;
          history.replaceState(null, "", pageUrl);
          return embedAll(target);
        })
        .then(function () {
          target.removeAttribute("aria-busy");
          if (status) status.textContent = form.getAttribute("data-updated-text") || "Updated.";
        })
        .catch(function () { form.submit(); });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("change", update);
  }

  function start() {
    embedAll(document);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-fragment-target]"), enhanceForm);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
