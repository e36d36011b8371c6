// The keyboard shortcut sheet, opened with `?`.
import { useEditorStore } from "../store";
import { ModalDialog } from "./ModalDialog";

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
  return open ? <Sheet /> : null;
}

const hide = () => useEditorStore.getState().setShortcutsOpen(false);

/** A native modal (ModalDialog), as the Share dialog; the focus starts on Close. */
function Sheet() {
  return (
    <ModalDialog className="sheet shortcut-sheet" label="Keyboard shortcuts" onClose={hide} initialFocus="header button">
      <header>
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="tool" onClick={hide}>
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
    </ModalDialog>
  );
}
