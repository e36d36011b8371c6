// My designs: a chosen or dropped file (JSON, exported SVG, Mermaid) is posted to designs/import, which opens it as a new design.
(function () {
  "use strict";
  const form = document.getElementById("open-file-form");
  if (!form) return;
  const input = form.querySelector("input[type=file]");
  const zone = document.getElementById("designs-drop");
  input.addEventListener("change", () => {
    if (input.files.length) form.submit();
  });
  const hasFiles = (event) => Array.from(event.dataTransfer ? event.dataTransfer.types : []).includes("Files");
  document.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    zone.classList.add("dropping");
  });
  document.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null) zone.classList.remove("dropping");
  });
  document.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    zone.classList.remove("dropping");
    const file = event.dataTransfer.files[0];
    if (!file) return;
    // The same form a chosen file is sent with: one path to the server, which reports every problem.
    const files = new DataTransfer();
    files.items.add(file);
    input.files = files.files;
    form.submit();
  });
})();
