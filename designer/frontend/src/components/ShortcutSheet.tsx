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
  return open ? <Sheet /> : null;
}

const hide = () => useEditorStore.getState().setShortcutsOpen(false);

/** A native modal (as the Share dialog): the browser moves the focus in and traps it, Esc closes, and the focus goes back to whatever opened it. */
function Sheet() {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!element.open) element.showModal();
    close.current?.focus();
    return () => {
      if (element.open) element.close();
      opener?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className="sheet shortcut-sheet"
      aria-label="Keyboard shortcuts"
      onCancel={(e) => {
        e.preventDefault();
        hide();
      }}
      onClick={(e) => {
        // A click on the backdrop is a click on the <dialog> outside its box.
        const box = e.currentTarget.getBoundingClientRect();
        if (e.target === e.currentTarget && (e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom)) hide();
      }}
    >
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
    </dialog>
  );
}
