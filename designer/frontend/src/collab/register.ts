// Live collaboration UI: share links, people here, cursors and selections, comments and connection state (issue 6).
import "./collab.css";
import { registerCanvasOverlay, registerSidePanel, registerToolbarItem } from "../extensions";
import { subscribeLive } from "../realtime/transport";
import { useEditorStore } from "../store";
import { CanvasLayer } from "./CanvasLayer";
import { CommentModeButton, CommentsPanel } from "./Comments";
import { ConnectionBanner } from "./ConnectionBanner";
import { PeopleHere } from "./People";
import { ShareButton } from "./ShareDialog";
import { collabListener, useCollabStore } from "./store";

// Subscribed at import, before the editor connects, so the welcome is never missed.
subscribeLive({ ...collabListener(useCollabStore), error: (_code, message) => useEditorStore.getState().notify(message, "error") });

registerToolbarItem(PeopleHere);
registerToolbarItem(CommentModeButton);
registerToolbarItem(ShareButton);
registerToolbarItem(ConnectionBanner);
registerCanvasOverlay(CanvasLayer);
registerSidePanel({ id: "comments", title: "Comments", Component: CommentsPanel });
