// The page's editor config (#editor-config, written by the Django view with json_script) and what it implies.

/** The parsed #editor-config; keys the editor does not know are kept and typed loosely. */
export type EditorConfig = {
  designId: number;
  title: string;
  role: "owner" | "edit" | "view" | "comment" | string;
  user: string;
  csrfToken: string;
  /** The live session's path (/ws/designs/<id>/ or /ws/s/<token>/). */
  wsUrl?: string;
  urls: {
    design: string;
    ops: string;
    findings: string;
    validate: string;
    catalog: string;
    rules: string;
    designs: string;
    [key: string]: string;
  };
  [key: string]: unknown;
};

/** Parse the config the Django template writes with json_script, tolerating extra keys. */
export function readEditorConfig(element: Element | null): EditorConfig {
  if (!element?.textContent) throw new Error("the page has no #editor-config");
  const config = JSON.parse(element.textContent) as EditorConfig;
  return { ...config, urls: { ...config.urls } };
}

/** True when the user may only look (and perhaps comment): no dragging, connecting, deleting or editing. */
export function isReadOnly(config: Pick<EditorConfig, "role">): boolean {
  return config.role === "view" || config.role === "comment";
}
