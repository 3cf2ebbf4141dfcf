// Draws the scorecard map from the table on the page (#scorecard-table): each row carries the state's
// ISO numeric code and its score band; countries are coloured by band (CSS classes, no inline style).
// The table is the content; without JavaScript the page is complete without the map.
(function () {
    "use strict";
    var holder = document.getElementById("scorecard-map");
    if (!holder || typeof d3 === "undefined" || typeof topojson === "undefined") {
        return;
    }
    var table = document.getElementById(holder.getAttribute("data-table"));
    var scores = {};
    if (table) {
        table.querySelectorAll("tbody tr[data-iso-numeric]").forEach(function (row) {
            var id = row.getAttribute("data-iso-numeric");
            if (id) {
                scores[id] = { band: row.getAttribute("data-band"), score: row.getAttribute("data-score"), name: row.getAttribute("data-name") };
            }
        });
    }
    fetch(holder.getAttribute("data-atlas"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (world) {
            var width = 960, height = 480;
            var countries = topojson.feature(world, world.objects.countries);
            var projection = d3.geoNaturalEarth1().fitSize([width, height], countries);
            var path = d3.geoPath(projection);
            var svg = d3.select(holder).append("svg")
                .attr("viewBox", "0 0 " + width + " " + height)
                .attr("class", "world-map")
                .attr("aria-hidden", "true");
            svg.append("g").selectAll("path").data(countries.features).join("path")
                .attr("d", path)
                .attr("data-id", function (d) { return d.id; })
                .attr("class", function (d) {
                    var s = scores[d.id];
                    return s ? "country signatory band-" + s.band : "country";
                })
                .append("title").text(function (d) {
                    var s = scores[d.id];
                    return s ? s.name + ": " + s.score : (d.properties && d.properties.name) || "";
                });
            holder.setAttribute("data-drawn", Object.keys(scores).length.toString());
        })
        .catch(function () { holder.setAttribute("data-drawn", "failed"); });
}());
