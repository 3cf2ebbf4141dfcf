// Type-ahead for every field that refers to a record (input[data-lookup]): suggestions from
// GET /api/v1/lookup fill the field's datalist. Without JavaScript the field is a plain text box whose
// name, alias or slug the server resolves (and asks which one when it is ambiguous).
(function () {
  "use strict";
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        last = q;
        var url = "/api/v1/lookup?limit=8&q=" + encodeURIComponent(q) + "&kind=" + encodeURIComponent(input.dataset.lookup);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (page) {
            var names = {};
            page.items.forEach(function (i) { names[i.name] = (names[i.name] || 0) + 1; });
            list.replaceChildren.apply(list, page.items.map(function (i) {
              var option = document.createElement("option");
              // A name two records share is sent as the slug, so that the choice is not ambiguous.
              option.value = names[i.name] > 1 ? i.slug : i.name;
              option.label = i.name + (i.detail ? " (" + i.detail + ")" : "") + (i.matched ? " · also " + i.matched : "");
              return option;
            }));
          })
          .catch(function () { /* the plain text box still works */ });
      }, 200);
    });
  }
  document.querySelectorAll("input[data-lookup]").forEach(attach);
})();
