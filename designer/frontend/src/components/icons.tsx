// Inline SVG glyphs for catalog icon names (stroke drawings on a 24×24 grid; no external assets).
import { memo } from "react";

const GLYPHS: Record<string, string[]> = {
  device: ["M7 3h10a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z", "M11 18h2"],
  gateway: ["M3 12h4", "M17 12h4", "M7 7h10v10H7z", "M12 3v4", "M12 17v4"],
  service: ["M4 5h16v5H4z", "M4 14h16v5H4z", "M7 7.5h.01", "M7 16.5h.01"],
  split: ["M12 20v-8", "M12 12 6 5", "M12 12l6-7", "M4 5h4", "M16 5h4"],
  bolt: ["M13 2 4 14h7l-1 8 9-12h-7z"],
  shield: ["M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"],
  sort: ["M4 6h16", "M4 12h10", "M4 18h5"],
  brain: ["M9 4a3 3 0 0 0-3 3 3 3 0 0 0-2 5 3 3 0 0 0 2 5 3 3 0 0 0 6 1V5a3 3 0 0 0-3-1z", "M15 4a3 3 0 0 1 3 3 3 3 0 0 1 2 5 3 3 0 0 1-2 5 3 3 0 0 1-6 1"],
  search: ["M10.5 4a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13z", "M15.5 15.5 21 21"],
  layers: ["M12 3 3 8l9 5 9-5z", "M3 13l9 5 9-5", "M3 17.5l9 5 9-5"],
  database: ["M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z", "M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6", "M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"],
  warehouse: ["M3 10 12 4l9 6v10H3z", "M7 20v-6h10v6", "M7 17h10"],
  archive: ["M3 4h18v4H3z", "M5 8v12h14V8", "M10 12h4"],
  log: ["M6 3h9l4 4v14H6z", "M9 10h7", "M9 14h7", "M9 18h4"],
  stream: ["M3 7c3 0 3 3 6 3s3-3 6-3 3 3 6 3", "M3 14c3 0 3 3 6 3s3-3 6-3 3 3 6 3"],
  gear: ["M12 9a3 3 0 1 1 0 6 3 3 0 0 1 0-6z", "M12 2v3", "M12 19v3", "M2 12h3", "M19 12h3", "M4.9 4.9l2.1 2.1", "M17 17l2.1 2.1", "M4.9 19.1 7 17", "M17 7l2.1-2.1"],
  clock: ["M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18z", "M12 7v5l3 3"],
  check: ["M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18z", "M8 12l3 3 5-6"],
  lock: ["M5 11h14v10H5z", "M8 11V7a4 4 0 0 1 8 0v4"],
  tag: ["M3 12V4h8l10 10-8 8z", "M7.5 8h.01"],
  cog: ["M12 8a4 4 0 1 1 0 8 4 4 0 0 1 0-8z", "M12 2v4", "M12 18v4", "M2 12h4", "M18 12h4"],
  grid: ["M4 4h6v6H4z", "M14 4h6v6h-6z", "M4 14h6v6H4z", "M14 14h6v6h-6z"],
  chart: ["M4 20V4", "M4 20h16", "M8 16v-4", "M12 16V8", "M16 16v-6"],
  box: ["M12 3 3 7.5v9L12 21l9-4.5v-9z", "M3 7.5l9 4.5 9-4.5", "M12 12v9"],
  pulse: ["M3 12h4l2-6 4 12 2-6h6"],
  wave: ["M3 15c2-6 4-6 6 0s4 6 6 0 4-6 6 0"],
  bell: ["M6 16V11a6 6 0 0 1 12 0v5l2 2H4z", "M10 20a2 2 0 0 0 4 0"],
  note: ["M5 4h14v11l-5 5H5z", "M14 20v-5h5"],
  frame: ["M4 4h16v16H4z", "M4 9h16"],
  text: ["M5 5h14", "M12 5v14", "M9 19h6"],
};

/** A catalog icon by name; unknown names fall back to a plain box so a new catalog entry still renders. */
export const Icon = memo(function Icon({ name, size = 18 }: { name: string; size?: number }) {
  const paths = GLYPHS[name] ?? GLYPHS.box;
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
});
