// Replay page: scrub or play a design's history; every string from the design is set as text, never as markup.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("replay-config").textContent);
  const scrubber = document.getElementById("replay-scrubber");
  const status = document.getElementById("replay-status");
  const playButton = document.getElementById("replay-play");
  const canvas = document.getElementById("replay-canvas");
  const SVG = "http://www.w3.org/2000/svg";
  // Idle gaps longer than this many seconds are shortened, so a pause in the interview does not stall playback.
  const MAX_GAP_S = 3;
  const cache = new Map();
  let history = null;
  let speed = 1;
  let timer = null;
  let shown = 0;

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clock(iso) {
    return new Date(iso).toISOString().slice(11, 16);
  }

  async function getJSON(url) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  function versionAt(version) {
    if (!cache.has(version)) cache.set(version, getJSON(`${config.history}${version}/`));
    return cache.get(version);
  }

  function draw(doc) {
    canvas.replaceChildren();
    const nodes = doc.nodes || [];
    const box = (n) => ({ x: n.x, y: n.y, w: n.width || (n.kind === "group" ? 400 : n.kind === "frame" ? 320 : 180), h: n.height || (n.kind === "frame" ? 200 : 64) });
    if (!nodes.length) {
      canvas.setAttribute("viewBox", "0 0 400 100");
      canvas.appendChild(svgEl("text", { x: 20, y: 50, fill: "#475569" }, "Empty canvas"));
      return;
    }
    const boxes = new Map(nodes.map((n) => [n.id, box(n)]));
    const xs = [...boxes.values()].flatMap((b) => [b.x, b.x + b.w]);
    const ys = [...boxes.values()].flatMap((b) => [b.y, b.y + b.h]);
    const minX = Math.min(...xs) - 20, minY = Math.min(...ys) - 20;
    canvas.setAttribute("viewBox", `${minX} ${minY} ${Math.max(...xs) - minX + 20} ${Math.max(...ys) - minY + 20}`);
    // Groups and frames sit behind what they surround.
    const behind = (n) => (n.kind === "group" || n.kind === "frame" ? 0 : 1);
    const order = [...nodes].sort((a, b) => behind(a) - behind(b));
    for (const n of order) {
      const b = boxes.get(n.id);
      const group = n.kind === "group", note = n.kind === "note", text = n.kind === "text", frame = n.kind === "frame";
      const g = svgEl("g", { "data-node": n.id });
      // Free text has no box; a frame is an outline.
      if (!text) g.appendChild(svgEl("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: 8,
        fill: group ? "#f8fafc" : note ? "#fef9c3" : frame ? "none" : "#ffffff", stroke: group ? "#94a3b8" : "#475569",
        "stroke-dasharray": group ? "6 4" : "none" }));
      const label = note || text ? (n.text || "").slice(0, 60) : (n.label || n.kind);
      const top = group || frame;
      g.appendChild(svgEl("text", { x: b.x + 10, y: b.y + (top ? 22 : b.h / 2 + 5), "font-size": 14,
        "font-weight": top ? 700 : 400, fill: "#0f172a" }, label));
      canvas.appendChild(g);
    }
    for (const e of doc.edges || []) {
      const s = boxes.get(e.source), t = boxes.get(e.target);
      if (!s || !t) continue;
      canvas.appendChild(svgEl("line", { x1: s.x + s.w / 2, y1: s.y + s.h / 2, x2: t.x + t.w / 2, y2: t.y + t.h / 2,
        stroke: { request: "#1d4ed8", data: "#15803d", telemetry: "#b45309", deploy: "#7c3aed" }[e.kind] || "#64748b",
        "stroke-opacity": 0.55, "data-edge": e.id }));
    }
  }

  function renderSide(data) {
    const rubric = data.rubric;
    document.getElementById("replay-rubric-mean").textContent =
      `Mean ${rubric.mean.toFixed(2)}` + (rubric.weakest ? `, weakest: ${rubric.weakest.number}. ${rubric.weakest.title}` : "");
    document.getElementById("replay-rubric").replaceChildren(
      ...rubric.steps.map((s) => el("li", `${s.title}: ${s.score.toFixed(2)}`, { "data-step": s.id })));
    const list = document.getElementById("replay-findings");
    list.replaceChildren(...(data.findings.length
      ? data.findings.map((f) => el("li", `${f.severity} · ${f.rule}: ${f.message}`, { class: `sev-${f.severity}` }))
      : [el("li", "No findings", { class: "empty" })]));
  }

  async function show(version) {
    shown = version;
    scrubber.value = String(version);
    refreshRestore();
    const entry = history.versions.find((v) => v.version === version);
    status.textContent = `Version ${version} of ${history.version}` + (entry ? ` · ${clock(entry.at)} · ${entry.author || "unknown"}` : "");
    const data = await versionAt(version);
    if (shown !== version) return;
    draw(data.document);
    renderSide(data);
  }

  // Restore: the shown version's document becomes a new version; "Undo restore" restores the one before it.
  const restoreButton = document.getElementById("replay-restore");
  const restored = document.getElementById("replay-restored");
  let undoTarget = null;

  function refreshRestore() {
    if (restoreButton) restoreButton.disabled = !history || shown === history.version;
  }

  async function restore(version) {
    const response = await fetch(`${config.history}${version}/restore/`, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": config.csrfToken },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.detail || `HTTP ${response.status}`);
    return body;
  }

  async function runRestore(version, undoing) {
    stop();
    if (restoreButton) restoreButton.disabled = true;
    try {
      const result = await restore(version);
      undoTarget = undoing ? null : result.previous;
      restored.querySelector("span").textContent = undoing
        ? `Restore undone: version ${result.version} is version ${version} again.`
        : `Version ${version} restored as version ${result.version}.`;
      restored.querySelector("button").hidden = undoing;
      restored.hidden = false;
      await load();
    } catch (error) {
      restored.querySelector("span").textContent = `Could not restore version ${version}: ${error.message}`;
      restored.querySelector("button").hidden = true;
      restored.hidden = false;
      refreshRestore();
    }
  }

  if (restoreButton) {
    restoreButton.addEventListener("click", () => runRestore(shown, false));
    document.getElementById("replay-undo-restore").addEventListener("click", () => {
      if (undoTarget !== null) runRestore(undoTarget, true);
    });
  }

  function stop() {
    clearTimeout(timer);
    timer = null;
    playButton.textContent = "Play";
  }

  function step() {
    const versions = history.versions;
    const at = versions.findIndex((v) => v.version === shown);
    if (at < 0 || at + 1 >= versions.length) return stop();
    const gap = (new Date(versions[at + 1].at) - new Date(versions[at].at)) / 1000;
    timer = setTimeout(() => {
      show(versions[at + 1].version).then(() => { if (timer !== null) step(); });
    }, (Math.min(Math.max(gap, 0.25), MAX_GAP_S) / speed) * 1000);
  }

  playButton.addEventListener("click", () => {
    if (timer !== null) return stop();
    if (shown === history.version) show(history.versions[0].version);
    playButton.textContent = "Pause";
    step();
  });
  document.querySelectorAll("button.speed").forEach((button) => {
    button.addEventListener("click", () => {
      speed = Number(button.dataset.speed);
      document.querySelectorAll("button.speed").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
    });
  });
  scrubber.addEventListener("input", () => { stop(); show(Number(scrubber.value)); });

  const load = () => getJSON(config.history).then((data) => {
    history = data;
    scrubber.min = String(data.versions[0].version);
    scrubber.max = String(data.version);
    document.getElementById("replay-markers").replaceChildren(...data.markers.map((m) => {
      const button = el("button", `${m.rule} ${m.change} at ${clock(m.at)} (v${m.version})`, { type: "button", class: m.change });
      button.addEventListener("click", () => { stop(); show(m.version); });
      return el("li").appendChild(button).parentNode;
    }));
    return show(data.version);
  });
  load().catch((error) => { status.textContent = `Could not load the history: ${error.message}`; });
})();
