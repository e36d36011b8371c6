// Connection state over the whole page: a "Reconnecting…" banner, and a blocking message once the server ends the session.
import { useEffect } from "react";
import { createPortal } from "react-dom";
import { CLOSE } from "../realtime/protocol";
import { useEditorStore } from "../store";

const TITLES: Record<number, string> = {
  [CLOSE.REVOKED]: "This share link was revoked",
  [CLOSE.EXPIRED]: "This share link has expired",
  [CLOSE.NOT_FOUND]: "This design or share link does not exist",
  [CLOSE.NOT_AUTHENTICATED]: "Log in to open this design",
};

export function ConnectionBanner() {
  const status = useEditorStore((s) => s.connection);
  const ended = useEditorStore((s) => s.ended);
  const canEdit = useEditorStore((s) => s.role === "owner" || s.role === "edit");

  // Once the session is over, nothing under the message may change the design: make the editor inert and swallow shortcuts.
  useEffect(() => {
    if (!ended) return;
    const editor = document.querySelector<HTMLElement>(".editor");
    editor?.setAttribute("inert", "");
    (document.activeElement as HTMLElement | null)?.blur?.();
    const swallow = (event: KeyboardEvent) => {
      if (!(event.target as HTMLElement | null)?.closest?.(".collab-ended")) event.stopImmediatePropagation();
    };
    window.addEventListener("keydown", swallow, true);
    return () => {
      editor?.removeAttribute("inert");
      window.removeEventListener("keydown", swallow, true);
    };
  }, [ended]);

  if (ended) {
    const title = TITLES[ended.code] ?? "The live session ended";
    return createPortal(
      <div className="collab-ended-backdrop">
        <div className="collab-ended" role="alertdialog" aria-modal="true" aria-labelledby="collab-ended-title" aria-describedby="collab-ended-body">
          <h2 id="collab-ended-title">{title}</h2>
          <p id="collab-ended-body">
            {ended.code === CLOSE.NOT_AUTHENTICATED
              ? "Your session ended. Log in again to keep working on this design."
              : TITLES[ended.code]
                ? "You can no longer see live changes, comment or edit here. Ask the design's owner for a new link."
                : ended.reason}
          </p>
          {ended.code === CLOSE.NOT_AUTHENTICATED ? (
            <a className="collab-primary" href={`/login/?next=${encodeURIComponent(window.location.pathname)}`}>
              Log in
            </a>
          ) : null}
        </div>
      </div>,
      document.body,
    );
  }
  if (status !== "reconnecting") return null;
  return createPortal(
    <div className="collab-reconnecting" role="status" aria-live="polite">
      <span className="collab-spinner" aria-hidden="true" />
      <span>
        <strong>Reconnecting…</strong> {canEdit ? "Your changes are kept and sent when the connection is back." : "You will catch up on changes when the connection is back."}
      </span>
    </div>,
    document.body,
  );
}
