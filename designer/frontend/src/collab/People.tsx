// The toolbar's "People here": a coloured avatar per participant, with names and roles in a popover.
import { useEffect, useRef, useState } from "react";
import { ROLE_TEXT } from "./ShareDialog";
import { useEditorStore } from "../store";
import { initials, orderedPeers } from "./state";

const SHOWN = 4;

export function PeopleHere() {
  const peers = useEditorStore((s) => s.peers);
  const youId = useEditorStore((s) => s.youId);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);
  const list = orderedPeers(peers, youId);
  if (!list.length) return null;
  const label = (p: (typeof list)[number]) => `${p.name}${p.id === youId ? " (you)" : ""}, ${ROLE_TEXT[p.role] ?? p.role}`;
  return (
    <div className="menu collab-people" ref={box}>
      <button type="button" className="collab-avatars" aria-haspopup="true" aria-expanded={open} aria-label={`People here: ${list.length}`} onClick={() => setOpen(!open)}>
        {list.slice(0, SHOWN).map((p) => (
          <span key={p.id} className="collab-avatar" style={{ "--peer": p.colour } as React.CSSProperties} title={label(p)} aria-hidden="true">
            {initials(p.name)}
          </span>
        ))}
        {list.length > SHOWN ? <span className="collab-avatar more" aria-hidden="true">+{list.length - SHOWN}</span> : null}
      </button>
      {open ? (
        <div className="menu-popup collab-people-popup">
          <ul aria-label="People here">
            {list.map((p) => (
              <li key={p.id} aria-label={label(p)}>
                <span className="collab-dot" style={{ background: p.colour }} aria-hidden="true" />
                <span className="collab-person">{p.name}{p.id === youId ? <small> (you)</small> : null}</span>
                <span className="collab-role">{ROLE_TEXT[p.role] ?? p.role}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
