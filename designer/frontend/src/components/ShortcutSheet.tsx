// The keyboard shortcut sheet, opened with `?`.
import { useEffect, useRef } from "react";
import { useEditorStore } from "../store";

const SHORTCUTS: Array<[string, string]> = [
  ["Ctrl/⌘ + Z", "Undo"],
  ["Ctrl/⌘ + Shift + Z, Ctrl + Y", "Redo"],
  ["Delete, Backspace", "Delete the selection"],
  ["Ctrl/⌘ + C / X / V", "Copy, cut, paste (also into another design)"],
  ["Ctrl/⌘ + D", "Duplicate the selection"],
  ["Ctrl/⌘ + A", "Select everything"],
  ["Ctrl/⌘ + G", "Group the selection"],
  ["Drag on the empty canvas", "Box-select (Shift + drag adds to the selection)"],
  ["Space + drag, middle button, two fingers", "Pan"],
  ["Wheel, pinch", "Zoom"],
  ["Ctrl/⌘ + = / − / 0", "Zoom in, out, back to 100 %"],
  ["Shift + 1, F", "Fit the whole design in view"],
  ["Shift + 2", "Zoom to the selection"],
  ["Arrow keys (Shift: ×10)", "Move the selection by the grid"],
  ["1 – 5", "Kind of the selected connections"],
  ["[ and ]", "Hide or show the components and the details panels"],
  ["Shift + click", "Add to the selection"],
  ["Ctrl/⌘ + Shift + ← → ↑ ↓", "Align the selection's left, right, top or bottom edges"],
  ["Alt + H, Alt + V", "Distribute the selection horizontally, vertically"],
  ["Ctrl/⌘ + Shift + L", "Lock or unlock the selection"],
  ["N", "Add a sticky note"],
  ["T", "Add free text"],
  ["Double-click a connection, or Enter", "Edit its label in place"],
  ["Alt + ↑ / ↓, Delete (Features tab)", "Move the focused feature or signal up, down; delete it"],
  ["Escape", "Clear the selection, close dialogs"],
  ["?", "Show this sheet"],
];

export function ShortcutSheet() {
  const open = useEditorStore((s) => s.shortcutsOpen);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);
  if (!open) return null;
  const hide = () => useEditorStore.getState().setShortcutsOpen(false);
  return (
    <div className="overlay" onClick={hide}>
      <div className="sheet" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === "Escape" && hide()}>
        <header>
          <h2>Keyboard shortcuts</h2>
          <button type="button" ref={close} className="tool" onClick={hide}>
            Close
          </button>
        </header>
        <dl>
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
