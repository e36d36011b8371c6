// The wire helpers: parsing server frames and building the socket URL from the page's wsUrl.
import { describe, expect, it } from "vitest";
import { absoluteWsUrl, FINAL_CLOSE_CODES, parseServerMessage } from "./protocol";

describe("protocol", () => {
  it("parses known server messages and refuses everything else", () => {
    expect(parseServerMessage('{"type":"session.pong","version":3}')).toEqual({ type: "session.pong", version: 3 });
    expect(parseServerMessage('{"type":"op.nuke"}')).toBeNull();
    expect(parseServerMessage("[1]")).toBeNull();
    expect(parseServerMessage("{oops")).toBeNull();
    expect(parseServerMessage(new ArrayBuffer(2))).toBeNull();
  });

  it("builds ws and wss URLs from the page location", () => {
    expect(absoluteWsUrl("/ws/s/abc/", { protocol: "http:", host: "127.0.0.1:8000" })).toBe("ws://127.0.0.1:8000/ws/s/abc/");
    expect(absoluteWsUrl("/ws/designs/7/", { protocol: "https:", host: "mlsd.example" })).toBe("wss://mlsd.example/ws/designs/7/");
  });

  it("treats a refused origin, revoked, expired, unknown and logged-out as final", () => {
    expect([...FINAL_CLOSE_CODES].sort()).toEqual([4003, 4401, 4403, 4404, 4410]);
  });
});
