// Search and sort for the long tables of a report page (tables marked data-interactive).
// It reads cell text with textContent and writes only text and attributes, never markup,
// so article text in a table stays text. The page's Content-Security-Policy allows this
// script by its hash and no other.
(function () {
  "use strict";
  function value(cell) {
    var text = (cell.textContent || "").trim();
    var number = parseFloat(text.replace(/[,%+]/g, "").replace(/^\u2212/, "-"));
    return /^[\u2212+-]?[\d,]*\.?\d+(e[+-]?\d+)?%?$/i.test(text) ? number : text.toLowerCase();
  }
  function setup(table) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    var box = document.createElement("input");
    box.type = "search";
    box.placeholder = "Search " + rows.length + " rows";
    box.className = "analysis-search";
    box.setAttribute("aria-label", "search the table");
    var count = document.createElement("span");
    count.className = "analysis-count";
    box.addEventListener("input", function () {
      var needle = box.value.toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var hit = !needle || (row.textContent || "").toLowerCase().indexOf(needle) >= 0;
        row.style.display = hit ? "" : "none";
        shown += hit ? 1 : 0;
      });
      count.textContent = needle ? shown + " of " + rows.length + " rows" : "";
    });
    table.parentNode.insertBefore(box, table);
    table.parentNode.insertBefore(count, table);
    var headers = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1].cells : [];
    Array.prototype.forEach.call(headers, function (header, column) {
      header.className += " analysis-sortable";
      header.title = "sort by this column";
      header.addEventListener("click", function () {
        var ascending = header.getAttribute("data-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("data-sort"); });
        header.setAttribute("data-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = value(a.cells[column]), y = value(b.cells[column]);
          if (typeof x !== typeof y) { x = String(x); y = String(y); }
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table[data-interactive]"), setup);
})();
