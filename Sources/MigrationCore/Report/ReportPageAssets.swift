/// The HTML report's inline style sheet and script (the page loads nothing from elsewhere).
/// The script reads the embedded report JSON (`#report-data`); when it has run it sets
/// `data-report-ready="ok"` on `<body>`, and any script error lands in `data-script-error`,
/// which the headless-browser check reads.
enum ReportPageAssets {
    static let style = """
        :root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bar:#1c58d9;--bar-hi:#f0883e;--ok:#1a7f37;--warn:#cf222e;--bg2:#f6f8fa}
        *{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:1100px;padding:16px 24px}
        h1{margin:.2em 0}h2{border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:1.6em}h2 small{color:var(--muted);font-weight:normal;font-size:60%}
        header p{color:var(--muted)}a{color:var(--bar)}
        .cards{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 12px}.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:170px;background:var(--bg2)}
        .card span{display:block;color:var(--muted);font-size:12px}.card b{font-size:22px}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
        table.numbers td[data-value]{font-variant-numeric:tabular-nums}table.numbers td[data-field]{text-align:right}
        thead th{background:var(--bg2);position:sticky;top:0}table.sortable thead th{cursor:pointer;user-select:none}
        table.sortable th[data-dir=asc]::after{content:" ▲"}table.sortable th[data-dir=desc]::after{content:" ▼"}
        tfoot th,tfoot td{font-weight:bold;border-top:2px solid var(--line)}
        .scroll{max-height:480px;overflow:auto;border:1px solid var(--line);border-radius:6px}
        .ok{color:var(--ok)}.warn{color:var(--warn);font-weight:bold}.hint{color:var(--muted)}.output span{white-space:nowrap}
        svg{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
        rect.bar{fill:var(--bar);cursor:pointer}rect.bar:hover,rect.bar.selected{fill:var(--bar-hi)}
        .axis{font-size:11px;fill:var(--muted);stroke:var(--muted)}text.axis{stroke:none}
        details{margin:4px 0;border:1px solid var(--line);border-radius:6px;padding:4px 10px}summary{cursor:pointer}
        div.entry{margin:4px 0;padding:4px 10px;border:1px solid var(--line);border-radius:6px}
        .entry .kind{display:inline-block;background:var(--bg2);border:1px solid var(--line);border-radius:10px;padding:0 8px;font-size:12px;margin-right:4px}
        .entry ul{max-height:320px;overflow:auto;margin:6px 0;font-family:ui-monospace,monospace;font-size:12px}.more{color:var(--muted)}
        #mapping-filter{width:320px;padding:4px 8px}#month-detail table{width:auto;margin-top:8px}
        """

    static let script = """
        (function () {
          "use strict";
          window.addEventListener("error", function (e) { document.body.setAttribute("data-script-error", String(e.message)); });
          var data = JSON.parse(document.getElementById("report-data").textContent);
          var conversations = data.conversations || {};
          function nameOf(id) {
            var t = data.mapping.channels[id];
            if (!t) return id;
            return t.members ? t.members.join(", ") : t.team + "/" + t.name;
          }
          function number(n) { return Number(n).toLocaleString("en-US"); }

          document.querySelectorAll("table.sortable").forEach(function (table) {
            var heads = table.querySelectorAll("thead th");
            heads.forEach(function (th, column) {
              th.addEventListener("click", function () {
                var ascending = th.getAttribute("data-dir") !== "asc";
                var numeric = th.getAttribute("data-sort") === "number";
                heads.forEach(function (h) { h.removeAttribute("data-dir"); });
                th.setAttribute("data-dir", ascending ? "asc" : "desc");
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = a.cells[column].getAttribute("data-value"), y = b.cells[column].getAttribute("data-value");
                  var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
                  return ascending ? order : -order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
          });

          var filter = document.getElementById("mapping-filter");
          var shown = document.getElementById("mapping-shown");
          filter.addEventListener("input", function () {
            var query = filter.value.trim().toLowerCase(), hits = 0, all = 0;
            document.querySelectorAll("#mapping tbody tr").forEach(function (row) {
              all += 1;
              var hit = !query || row.textContent.toLowerCase().indexOf(query) >= 0;
              row.hidden = !hit;
              if (hit) hits += 1;
            });
            if (query) document.querySelectorAll("#mapping details").forEach(function (d) { d.open = true; });
            shown.textContent = query ? hits + " of " + all + " shown" : "";
          });

          var chart = document.getElementById("histogram-chart");
          if (chart) {
            var bars = Array.prototype.slice.call(chart.querySelectorAll("rect.bar"));
            var select = document.getElementById("histogram-conversation");
            var axis = chart.querySelector("line.axis");
            var base = Number(axis.getAttribute("y1")), top = 12, plot = base - top;
            var detail = document.getElementById("month-detail");
            var draw = function () {
              var id = select.value;
              var values = bars.map(function (bar) {
                var month = bar.getAttribute("data-month");
                return id ? ((conversations[id] && conversations[id].posts_per_month[month]) || 0) : Number(bar.getAttribute("data-count"));
              });
              var peak = Math.max(1, values.reduce(function (a, b) { return Math.max(a, b); }, 0));
              bars.forEach(function (bar, i) {
                var h = plot * values[i] / peak;
                bar.setAttribute("y", (base - h).toFixed(1));
                bar.setAttribute("height", h.toFixed(1));
                bar.querySelector("title").textContent = bar.getAttribute("data-month") + ": " + number(values[i]) + " posts" + (id ? " in " + nameOf(id) : "");
              });
              document.getElementById("histogram-peak").textContent = number(peak);
            };
            select.addEventListener("change", draw);
            bars.forEach(function (bar) {
              bar.addEventListener("click", function () {
                bars.forEach(function (b) { b.classList.remove("selected"); });
                bar.classList.add("selected");
                var month = bar.getAttribute("data-month");
                var list = Object.keys(conversations).map(function (id) {
                  return { id: id, count: conversations[id].posts_per_month[month] || 0 };
                }).filter(function (e) { return e.count > 0; }).sort(function (a, b) { return b.count - a.count; });
                detail.textContent = "";
                var heading = document.createElement("b");
                heading.textContent = month + ": " + number(bar.getAttribute("data-count")) + " posts in " + list.length + " conversations";
                detail.appendChild(heading);
                var table = document.createElement("table");
                list.forEach(function (e) {
                  var row = table.insertRow();
                  row.insertCell().textContent = nameOf(e.id);
                  row.insertCell().textContent = number(e.count);
                });
                detail.appendChild(table);
              });
            });
          }
          // `#selftest` (used by the headless-browser test): exercise every control once, so a script
          // error anywhere shows up in data-script-error.
          if (location.hash === "#selftest") {
            document.querySelector("#conversation-table thead th:nth-child(3)").click();
            document.querySelector("#conversation-table thead th:nth-child(1)").click();
            filter.value = "a";
            filter.dispatchEvent(new Event("input"));
            var choice = document.getElementById("histogram-conversation");
            if (choice.options.length > 1) { choice.selectedIndex = 1; choice.dispatchEvent(new Event("change")); }
            choice.selectedIndex = 0;
            choice.dispatchEvent(new Event("change"));
            var busiest = Array.prototype.slice.call(document.querySelectorAll("rect.bar"))
              .sort(function (a, b) { return b.getAttribute("data-count") - a.getAttribute("data-count"); })[0];
            if (busiest) busiest.dispatchEvent(new MouseEvent("click", { bubbles: true }));
            document.body.setAttribute("data-selftest", "ok");
          }
          document.body.setAttribute("data-report-ready", "ok");
        })();
        """
}
