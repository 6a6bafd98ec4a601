/* Filter of the requirement index (eisen.html) by kind and segment. Progressive enhancement: the
   form is hidden until this script shows it; without JavaScript every requirement is listed by kind.
   The choice is kept in the address (?soort=...&segment=...) so a filtered list can be shared. */
(function () {
  "use strict";
  var form = document.getElementById("site-eisen-filter");
  var status = document.getElementById("site-filter-status");
  if (!form || !status) {
    return;
  }
  var kind = form.elements.namedItem("soort");
  var segment = form.elements.namedItem("segment");
  var groups = document.querySelectorAll(".requirement-group");

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
  }

  function apply(announce) {
    var shown = 0;
    groups.forEach(function (group) {
      var inGroup = 0;
      group.querySelectorAll(".requirement").forEach(function (item) {
        var segments = item.getAttribute("data-segments").split(" ").filter(Boolean);
        var match = (!kind.value || item.getAttribute("data-kind") === kind.value) &&
          (!segment || !segment.value || segments.length === 0 || segments.indexOf(segment.value) !== -1);
        item.hidden = !match;
        inGroup += match ? 1 : 0;
      });
      group.hidden = inGroup === 0;
      shown += inGroup;
    });
    if (announce) {
      status.textContent = shown === 1 ? "1 eis getoond." : shown + " eisen getoond.";
    }
    var params = new URLSearchParams();
    if (kind.value) {
      params.set("soort", kind.value);
    }
    if (segment && segment.value) {
      params.set("segment", segment.value);
    }
    var query = params.toString();
    try {
      history.replaceState(null, "", (query ? "?" + query : location.pathname) + location.hash);
    } catch (ignored) { /* some browsers refuse this for file: pages; the filter still works */ }
  }

  var initial = new URLSearchParams(location.search);
  if (hasOption(kind, initial.get("soort") || "")) {
    kind.value = initial.get("soort") || "";
  }
  if (segment && hasOption(segment, initial.get("segment") || "")) {
    segment.value = initial.get("segment") || "";
  }
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.hidden = false;
  if (kind.value || (segment && segment.value)) {
    apply(true);
  }
}());
