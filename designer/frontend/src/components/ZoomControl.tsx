// The zoom control (bottom left): zoom out, the zoom level (click: back to 100 %), zoom in.
import { Panel, useReactFlow, useStore } from "@xyflow/react";

export function ZoomControl() {
  const flow = useReactFlow();
  const percent = useStore((s) => Math.round(s.transform[2] * 100));
  return (
    <Panel position="bottom-left" className="zoom-control" aria-label="Zoom">
      <button type="button" onClick={() => void flow.zoomOut({ duration: 150 })} aria-label="Zoom out" title="Zoom out (Ctrl+−)">
        −
      </button>
      <button type="button" className="zoom-level" onClick={() => void flow.zoomTo(1, { duration: 150 })} aria-label={`Zoom ${percent} %, reset to 100 %`} title="Reset to 100 % (Ctrl+0)">
        {percent} %
      </button>
      <button type="button" onClick={() => void flow.zoomIn({ duration: 150 })} aria-label="Zoom in" title="Zoom in (Ctrl+=)">
        +
      </button>
    </Panel>
  );
}
