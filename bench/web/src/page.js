// What both reference pages read from their address: the graph size, the canvas box and the first viewport
// (the editor's, measured by bench/editor.py), so every page draws the same graph in the same box.
export function pageParams() {
  const q = new URLSearchParams(location.search);
  const num = (name, fallback) => (q.has(name) ? Number(q.get(name)) : fallback);
  const box = document.getElementById("box");
  Object.assign(box.style, { left: `${num("l", 0)}px`, top: `${num("t", 0)}px`, width: `${num("w", 800)}px`, height: `${num("h", 600)}px` });
  return { n: num("n", 200), box, viewport: { x: num("x", 0), y: num("y", 0), zoom: num("zoom", 1) }, prepare: q.has("prepare"), visible: q.has("visible") };
}

export async function loadGraph(n) {
  const response = await fetch(`/graph/${n}.json`);
  if (!response.ok) throw new Error(`graph ${n}: HTTP ${response.status}`);
  return response.json();
}
