// The right-click menu on a component, a selection, a connection or the empty canvas.
import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef } from "react";
import type { Alignment } from "../actions";
import {
  alignSelection,
  bringSelectionToFront,
  copyImage,
  deleteSelection,
  distributeSelection,
  duplicateSelection,
  groupSelection,
  lockSelection,
  pasteFromClipboard,
} from "../commands";
import type { EditorConfig } from "../config";
import { isLocked } from "../flow";
import { useEditorStore } from "../store";
import type { Catalog } from "../types";
import { fitAll } from "./view";

export type MenuAt = { x: number; y: number; on: "selection" | "edge" | "pane" };

type Item = { label: string; keys?: string; run: () => unknown } | "separator";

const ALIGN: Array<[Alignment, string]> = [
  ["left", "Align left edges"],
  ["center", "Align centres (vertical line)"],
  ["right", "Align right edges"],
  ["top", "Align top edges"],
  ["middle", "Align middles (horizontal line)"],
  ["bottom", "Align bottom edges"],
];

export function ContextMenu({ at, config, catalog, readOnly, onClose }: { at: MenuAt; config: EditorConfig; catalog: Catalog; readOnly: boolean; onClose: () => void }) {
  const flow = useReactFlow();
  const menu = useRef<HTMLDivElement>(null);
  const selection = useEditorStore((s) => s.selection);
  const anyUnlocked = useEditorStore((s) => s.doc.nodes.some((n) => s.selection.nodes.includes(n.id) && !isLocked(n)));
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>("button")?.focus();
    const away = (e: MouseEvent) => !menu.current?.contains(e.target as Node) && onClose();
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [onClose]);

  const items: Item[] = [];
  const edit = !readOnly;
  if (at.on === "selection" && edit) {
    items.push(
      { label: "Duplicate", keys: "Ctrl+D", run: () => duplicateSelection(catalog) },
      { label: "Delete", keys: "Del", run: deleteSelection },
      { label: "Group", keys: "Ctrl+G", run: groupSelection },
      { label: "Bring to front", run: bringSelectionToFront },
      anyUnlocked ? { label: "Lock", run: () => lockSelection(true) } : { label: "Unlock", run: () => lockSelection(false) },
    );
    if (selection.nodes.length >= 2) items.push("separator", ...ALIGN.map(([how, label]): Item => ({ label, run: () => alignSelection(how) })));
    if (selection.nodes.length >= 3)
      items.push({ label: "Distribute horizontally", run: () => distributeSelection("horizontal") }, { label: "Distribute vertically", run: () => distributeSelection("vertical") });
    items.push("separator");
  } else if (at.on === "edge" && edit) {
    items.push({ label: "Delete", keys: "Del", run: deleteSelection }, "separator");
  } else if (at.on === "pane") {
    if (edit) items.push({ label: "Paste", keys: "Ctrl+V", run: () => pasteFromClipboard(catalog) });
    items.push(
      { label: "Select all", keys: "Ctrl+A", run: () => useEditorStore.getState().select(useEditorStore.getState().doc.nodes.map((n) => n.id), []) },
      { label: "Fit view", keys: "Shift+1", run: () => fitAll(flow) },
      "separator",
    );
  }
  items.push({ label: "Copy as PNG", run: () => copyImage(config, "png") }, { label: "Copy as SVG", run: () => copyImage(config, "svg") });

  const left = Math.min(at.x, window.innerWidth - 240);
  const top = Math.min(at.y, window.innerHeight - 32 * items.length - 16);
  return (
    <div
      ref={menu}
      className="context-menu menu-popup"
      role="menu"
      aria-label="Canvas actions"
      style={{ left, top: Math.max(8, top) }}
      onKeyDown={(e) => {
        const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
        const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
        if (e.key === "Escape") onClose();
        else if (e.key === "ArrowDown") buttons[(i + 1) % buttons.length]?.focus();
        else if (e.key === "ArrowUp") buttons[(i - 1 + buttons.length) % buttons.length]?.focus();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
      onContextMenu={(e) => e.preventDefault()}
    >
      {items.map((item, i) =>
        item === "separator" ? (
          <hr key={i} />
        ) : (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            onClick={() => {
              onClose();
              void item.run();
            }}
          >
            {item.label}
            {item.keys ? <kbd>{item.keys}</kbd> : null}
          </button>
        ),
      )}
    </div>
  );
}
