// Files in and out of the editor: read a dropped or chosen file through the server's import, merge it into the
// design as one undoable change, and fetch exports (whole design or the selection) for download or the clipboard.
import { pasteOps, CLIPBOARD_FORMAT } from "./clipboard";
import type { EditorConfig } from "./config";
import type { SizeOf } from "./flow";
import { requestJson } from "./transport";
import type { DesignDocument, Op } from "./types";

/** The media type the import endpoint reads a file as (it also detects the format from the content). */
export function importMediaType(file: Pick<File, "name" | "type">): string {
  const name = file.name.toLowerCase();
  if (name.endsWith(".json") || file.type === "application/json") return "application/json";
  if (name.endsWith(".svg") || file.type === "image/svg+xml") return "image/svg+xml";
  return "text/plain";
}

/** A refusal explained: the server's detail and the first problems it listed, in one sentence. */
async function reason(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { detail?: string; problems?: Array<{ path: string; message: string }> };
  const problems = (body.problems ?? []).slice(0, 3).map((p) => `${p.path}: ${p.message}`);
  return [body.detail ?? `HTTP ${response.status}`, ...problems].join(" ");
}

/** The design document in `file` (JSON, an SVG exported here, or Mermaid), read by the server; throws with why not. */
export async function readDesignFile(config: EditorConfig, file: File): Promise<DesignDocument> {
  const url = config.urls.import;
  if (!url) throw new Error("this link cannot add files to the design");
  let response: Response;
  try {
    response = await requestJson(config, url, { method: "POST", body: file, headers: { "Content-Type": importMediaType(file) } });
  } catch {
    throw new Error("the server could not be reached");
  }
  if (!response.ok) throw new Error(await reason(response));
  return ((await response.json()) as { document: DesignDocument }).document;
}

/** Ops that add `imported` beside what `doc` already holds (to its right, tops aligned), with new ids. */
export function mergeOps(doc: DesignDocument, imported: DesignDocument, size: SizeOf, knownKinds: Set<string>): { ops: Op[]; nodeIds: string[] } {
  const incoming = (imported.nodes ?? []).filter((n) => knownKinds.has(n.kind));
  if (!incoming.length) return { ops: [], nodeIds: [] };
  const right = (nodes: DesignDocument["nodes"]) => Math.max(...nodes.map((n) => n.x + size(n).width));
  const left = Math.min(...incoming.map((n) => n.x));
  const top = Math.min(...incoming.map((n) => n.y));
  const dx = doc.nodes.length ? Math.round(right(doc.nodes) + 120 - left) : 0;
  const dy = doc.nodes.length ? Math.round(Math.min(...doc.nodes.map((n) => n.y)) - top) : 0;
  const shifted = incoming.map((n) => ({ ...n, x: n.x + dx, y: n.y + dy }));
  const { ops, nodeIds } = pasteOps({ format: CLIPBOARD_FORMAT, nodes: shifted, edges: imported.edges ?? [] }, 0, knownKinds);
  return { ops, nodeIds };
}

export type ExportOptions = { format: string; auto: boolean; findings: boolean; scale: number; nodes: string[] | null; features?: boolean };

/** The export URL of the stored design with these options. */
export function exportUrl(config: EditorConfig, options: ExportOptions): string {
  const query = new URLSearchParams({ format: options.format, layout: options.auto ? "auto" : "drawn", findings: options.findings ? "1" : "0", features: options.features ? "1" : "0" });
  if (options.format === "png" && options.scale !== 1) query.set("scale", String(options.scale));
  if (options.nodes?.length) query.set("nodes", options.nodes.join(","));
  return `${config.urls.export}?${query}`;
}

/** The export as a blob and its file name; throws with the server's reason. */
export async function fetchExport(config: EditorConfig, options: ExportOptions): Promise<{ blob: Blob; name: string }> {
  let response: Response;
  try {
    response = await requestJson(config, exportUrl(config, options), { headers: { Accept: "*/*" } });
  } catch {
    throw new Error("the server could not be reached");
  }
  if (!response.ok) throw new Error(await reason(response));
  const blob = await response.blob();
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `design-${config.designId}.${options.format === "mermaid" ? "mmd" : options.format}`;
  return { blob, name };
}

/** Put a PNG or SVG export on the clipboard (an SVG also as its markup, for tools that paste text). */
export async function copyExport(config: EditorConfig, options: ExportOptions): Promise<void> {
  // The blob is handed over as a promise so the click's user activation still holds when the clipboard is written.
  const exported = fetchExport(config, options).then((e) => e.blob);
  if (options.format === "png") {
    await navigator.clipboard.write([new ClipboardItem({ "image/png": exported.then((b) => new Blob([b], { type: "image/png" })) })]);
    return;
  }
  const text = exported.then(async (b) => new Blob([await b.text()], { type: "text/plain" }));
  const svgOnClipboard = typeof ClipboardItem.supports === "function" && ClipboardItem.supports("image/svg+xml");
  const items: Record<string, Promise<Blob>> = { "text/plain": text };
  if (svgOnClipboard) items["image/svg+xml"] = exported.then((b) => new Blob([b], { type: "image/svg+xml" }));
  await navigator.clipboard.write([new ClipboardItem(items)]);
}
