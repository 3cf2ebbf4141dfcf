// The network view: draws the neighbourhood served by /api/v1/actors/{slug}/network with Cytoscape.js.
// The page already lists the same edges as a table, so without JavaScript nothing is lost.
(function () {
  "use strict";
  var container = document.getElementById("network");
  if (!container || typeof window.cytoscape !== "function") {
    return;
  }
  var colours = {
    state: "#1f3a5f",
    "public-body": "#4a6fa5",
    company: "#c2410c",
    person: "#6b5b95",
    organisation: "#2f7d5b",
    product: "#9b1c31"
  };
  var slug = container.getAttribute("data-slug");
  var hops = container.getAttribute("data-hops") || "1";
  var centre = container.getAttribute("data-centre");
  fetch("/api/v1/actors/" + encodeURIComponent(slug) + "/network?hops=" + encodeURIComponent(hops), {
    headers: { Accept: "application/json" }
  })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("network request failed: " + response.status);
      }
      return response.json();
    })
    .then(function (data) {
      var elements = [];
      data.nodes.forEach(function (n) {
        elements.push({ group: "nodes", data: { id: n.id, label: n.name, kind: n.kind, colour: colours[n.kind] || "#555" } });
      });
      data.edges.forEach(function (e, i) {
        elements.push({ group: "edges", data: { id: "e" + i, source: e.from, target: e.to, label: e.label } });
      });
      container.classList.add("is-live");
      var cy = window.cytoscape({
        container: container,
        elements: elements,
        style: [
          {
            selector: "node",
            style: {
              "background-color": "data(colour)",
              label: "data(label)",
              color: "#14213d",
              "font-size": 11,
              "font-family": "system-ui, sans-serif",
              "text-valign": "bottom",
              "text-margin-y": 4,
              "text-wrap": "wrap",
              "text-max-width": 140,
              "text-background-color": "#ffffff",
              "text-background-opacity": 0.8,
              "text-background-padding": 2,
              width: 22,
              height: 22
            }
          },
          { selector: "node[kind = 'product']", style: { shape: "round-rectangle" } },
          { selector: "node[kind = 'person']", style: { shape: "ellipse" } },
          { selector: "node[kind = 'state']", style: { shape: "diamond", width: 28, height: 28 } },
          { selector: "node[id = '" + centre + "']", style: { "border-width": 4, "border-color": "#e0a100", width: 32, height: 32 } },
          {
            selector: "edge",
            style: {
              width: 1.5,
              "line-color": "#94a3b8",
              "target-arrow-color": "#94a3b8",
              "target-arrow-shape": "triangle",
              "curve-style": "bezier",
              label: "data(label)",
              "font-size": 9,
              color: "#475569",
              "text-background-color": "#ffffff",
              "text-background-opacity": 0.85,
              "text-background-padding": 2,
              "text-rotation": "autorotate"
            }
          }
        ],
        minZoom: 0.2,
        // A small neighbourhood should not be blown up to fill the canvas.
        maxZoom: 1.6
      });
      // Rings by distance from the actor: direct relationships first, then the second step.
      cy.layout({
        name: "breadthfirst",
        roots: cy.getElementById(centre),
        circle: true,
        spacingFactor: 1.1,
        padding: 40,
        animate: false
      }).run();
      cy.on("tap", "node", function (event) {
        window.location.assign("/" + event.target.id());
      });
      // Exposed for the browser tests and for people poking at the graph from the console.
      window.vigilNetwork = cy;
      container.setAttribute("data-nodes", String(cy.nodes().length));
    })
    .catch(function () {
      container.classList.add("is-failed");
    });
})();
