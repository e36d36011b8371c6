// The owner's Share dialog: create a view/comment/edit link (label, expiry, interviewer), copy it once, list and revoke links.
import { useCallback, useEffect, useRef, useState } from "react";
import type { EditorConfig } from "../config";
import { ModalDialog } from "../components/ModalDialog";
import { requestJson } from "../transport";
import { expiryFrom } from "./state";

type LinkRole = "view" | "comment" | "edit";
type Link = {
  id: number;
  role: LinkRole;
  label: string;
  expires_at: string | null;
  created_at: string;
  revoked_at: string | null;
  status: string;
  interviewer: boolean;
};
type Created = Link & { url: string };

export const ROLE_TEXT: Record<string, string> = { owner: "Owner", edit: "Can edit", comment: "Can comment", view: "Can view" };
const EXPIRY_CHOICES: { label: string; hours: number | null }[] = [
  { label: "Never", hours: null },
  { label: "In 1 hour", hours: 1 },
  { label: "In 1 day", hours: 24 },
  { label: "In 7 days", hours: 24 * 7 },
  { label: "In 30 days", hours: 24 * 30 },
];
const STATUS_TEXT: Record<string, string> = { ok: "Active", revoked: "Revoked", expired: "Expired" };
const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A DRF error body as one readable line ({"detail": ...} or {"field": ["..."]}). */
async function errorText(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body) return `HTTP ${response.status}`;
  if (typeof body.detail === "string") return body.detail;
  return Object.entries(body).map(([field, problems]) => `${field}: ${Array.isArray(problems) ? problems.join(" ") : String(problems)}`).join("; ");
}

export function ShareButton({ config }: { config: EditorConfig }) {
  const [open, setOpen] = useState(false);
  if (config.role !== "owner") return null;
  return (
    <>
      <button type="button" className="tool collab-share-button" onClick={() => setOpen(true)} title="Invite others to view, comment on or edit this design">
        Share
      </button>
      {open ? <ShareDialog config={config} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ShareDialog({ config, onClose }: { config: EditorConfig; onClose: () => void }) {
  const url = config.urls.shareLinks;
  const [links, setLinks] = useState<Link[] | null>(null);
  const [role, setRole] = useState<LinkRole>("comment");
  const [label, setLabel] = useState("");
  const [hours, setHours] = useState<number | null>(null);
  // Only links that can write may lead an interview (notes and scores); the server refuses a view link.
  const [interviewer, setInterviewer] = useState(false);
  const canLead = role !== "view";
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const urlField = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const response = await requestJson(config, url).catch(() => null);
    if (!response?.ok) return setError(response ? await errorText(response) : "The server could not be reached.");
    setLinks((await response.json()) as Link[]);
  }, [config, url]);

  useEffect(() => {
    // load() sets state only once its request has answered, which this rule cannot see through.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await requestJson(config, url, {
        method: "POST",
        body: JSON.stringify({ role, label: label.trim(), expires_at: expiryFrom(new Date(), hours), interviewer: canLead && interviewer }),
      });
      if (!response.ok) return setError(await errorText(response));
      setCreated((await response.json()) as Created);
      setCopied(false);
      setLabel("");
      setInterviewer(false);
      await load();
    } catch {
      setError("The server could not be reached.");
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (link: Link) => {
    setError(null);
    const response = await requestJson(config, `${url}${link.id}/`, { method: "DELETE" }).catch(() => null);
    if (!response || (!response.ok && response.status !== 204)) return setError(response ? await errorText(response) : "The server could not be reached.");
    if (created?.id === link.id) setCreated(null);
    await load();
  };

  // The new link takes the focus (the Create button is disabled while it works, which would drop it).
  useEffect(() => {
    if (created) urlField.current?.focus();
  }, [created]);

  const fullUrl = created ? new URL(created.url, window.location.origin).href : "";
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(fullUrl);
    } catch {
      // No clipboard permission (http, old browser): select the text so Ctrl+C works.
      urlField.current?.select();
      document.execCommand?.("copy");
    }
    setCopied(true);
  };

  return (
    // A native modal (ModalDialog): focus starts on the role choice and returns to the Share button afterwards.
    <ModalDialog className="sheet collab-share modal" label="Share this design" onClose={onClose} initialFocus="select">
        <header>
          <h2>Share this design</h2>
          <button type="button" className="tool" onClick={onClose}>
            Close
          </button>
        </header>
        <p className="hint">Anyone with a link can open the design under the name they choose. Revoke a link to close it for everyone using it.</p>
        <form className="collab-share-form" onSubmit={(e) => void create(e)}>
          <div className="field">
            <label htmlFor="share-role">Access</label>
            <select id="share-role" value={role} onChange={(e) => setRole(e.target.value as LinkRole)}>
              <option value="view">Can view</option>
              <option value="comment">Can comment</option>
              <option value="edit">Can edit</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="share-label">Label (optional)</label>
            <input id="share-label" value={label} maxLength={100} placeholder="e.g. Mock interview with Sam" onChange={(e) => setLabel(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="share-expiry">Expires</label>
            <select id="share-expiry" value={hours ?? ""} onChange={(e) => setHours(e.target.value ? Number(e.target.value) : null)}>
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.label} value={c.hours ?? ""}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          {canLead ? (
            <label className="collab-check" title="Whoever opens this link leads the interviews you start: private notes and scores, shared when they choose">
              <input type="checkbox" checked={interviewer} onChange={(e) => setInterviewer(e.target.checked)} /> Interviewer
            </label>
          ) : null}
          <button type="submit" className="collab-primary" disabled={busy}>
            {busy ? "Creating…" : "Create link"}
          </button>
        </form>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {created ? (
          <div className="collab-created" role="region" aria-label="New link">
            <p>
              <strong>{ROLE_TEXT[created.role]}</strong> {created.interviewer ? "interviewer " : ""}link{created.label ? ` “${created.label}”` : ""} created. Copy it now: it is shown only once.
            </p>
            <div className="collab-copy">
              <input ref={urlField} readOnly value={fullUrl} aria-label="Share link URL" onFocus={(e) => e.target.select()} />
              <button type="button" className="collab-primary" onClick={() => void copy()}>
                {copied ? "Copied" : "Copy"}
              </button>
            </div>
          </div>
        ) : null}
        <h3 className="collab-subhead">Links</h3>
        {links === null ? (
          <p className="panel-empty">Loading links…</p>
        ) : links.length === 0 ? (
          <p className="panel-empty">No links yet.</p>
        ) : (
          <table className="collab-links" aria-label="Share links">
            <thead>
              <tr>
                <th>Label</th>
                <th>Access</th>
                <th>Expires</th>
                <th>Status</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {links.map((link) => (
                <tr key={link.id} className={link.status === "ok" ? "" : "inactive"}>
                  <td>{link.label || <span className="collab-muted">No label</span>}</td>
                  <td>
                    {ROLE_TEXT[link.role] ?? link.role}
                    {link.interviewer ? <span className="collab-muted"> · interviewer</span> : null}
                  </td>
                  <td>{link.expires_at ? when.format(new Date(link.expires_at)) : "Never"}</td>
                  <td>
                    <span className={`collab-status status-${link.status}`}>{STATUS_TEXT[link.status] ?? link.status}</span>
                  </td>
                  <td>
                    {link.status === "ok" ? (
                      <button type="button" className="danger" onClick={() => void revoke(link)} aria-label={`Revoke ${link.label || `${ROLE_TEXT[link.role]} link`}`}>
                        Revoke
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </ModalDialog>
  );
}
