// A native modal <dialog>: the browser moves the focus in and traps it; Esc or a click on the backdrop closes it; the focus goes back to whatever opened it.
import { useLayoutEffect, useRef, type ReactNode } from "react";

type Props = {
  className: string;
  label: string;
  onClose: () => void;
  /** A selector of the element inside that takes the focus when the dialog opens. */
  initialFocus: string;
  /** Where the focus goes when the dialog closes, when not to whatever had it at opening (an opener disabled while it loaded). */
  returnFocus?: () => HTMLElement | null;
  children: ReactNode;
};

export function ModalDialog({ className, label, onClose, initialFocus, returnFocus, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Opened before the children's effects run, so what they measure (a diagram fitting its box) has its size.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!element.open) element.showModal();
    element.querySelector<HTMLElement>(initialFocus)?.focus();
    return () => {
      if (element.open) element.close();
      (returnFocus?.() ?? opener)?.focus?.();
    };
    // Opened once per mount: the focus target is read when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <dialog
      ref={dialog}
      className={className}
      aria-label={label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop is a click on the <dialog> outside its box.
        const box = e.currentTarget.getBoundingClientRect();
        if (e.target === e.currentTarget && (e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom)) onClose();
      }}
    >
      {children}
    </dialog>
  );
}
