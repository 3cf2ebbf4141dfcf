// Draws the authenticator address as a QR code. qrcode-svg computes the modules; the SVG is built with
// DOM calls rather than its markup, which carries style attributes the Content-Security-Policy forbids.
(function () {
  "use strict";
  var holder = document.getElementById("totp-qr");
  if (!holder || typeof QRCode !== "function" || !holder.dataset.uri) {
    return;
  }
  var modules = new QRCode({ content: holder.dataset.uri, ecl: "M", padding: 0 }).qrcode.modules;
  var quiet = 4;
  var size = modules.length + 2 * quiet;
  var ns = "http://www.w3.org/2000/svg";
  var svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 " + size + " " + size);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "QR code for your authenticator app");
  svg.setAttribute("shape-rendering", "crispEdges");
  var background = document.createElementNS(ns, "rect");
  background.setAttribute("width", size);
  background.setAttribute("height", size);
  background.setAttribute("fill", "#fff");
  svg.appendChild(background);
  var d = "";
  for (var row = 0; row < modules.length; row++) {
    for (var col = 0; col < modules[row].length; col++) {
      if (modules[row][col]) {
        d += "M" + (col + quiet) + " " + (row + quiet) + "h1v1h-1z";
      }
    }
  }
  var path = document.createElementNS(ns, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.appendChild(path);
  holder.appendChild(svg);
})();
