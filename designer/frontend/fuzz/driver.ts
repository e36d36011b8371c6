// The shipped sync client driven from a Python test, one JSON command per line on stdin, one JSON answer per
// line on stdout (tests/realtime/tsclient.py speaks it). Commands:
//   {"cmd": "open", "name", "url", "origin", "cookie"}  a client joins the session at url
//   {"cmd": "edit", "name", "ops"}                      the user makes a change (dispatch)
//   {"cmd": "ping", "name"}                             ask the server for its version (the pong goes to the client)
//   {"cmd": "state", "name"}                            connection, version, pong version, unsaved work, documents, notice, acknowledged ids
//   {"cmd": "quit"}
import type { Op } from "../src/types";
import { newRecord, Peer } from "./peer";

type Command = { cmd: string; name?: string; url?: string; origin?: string; cookie?: string; ops?: Op[] };

/** A command handler: one JSON command in, one JSON answer out; "quit" stops every client. */
export function createDriver(): (line: string) => string {
  const peers = new Map<string, { peer: Peer; seen: ReturnType<typeof newRecord> }>();
  const get = (name = "") => {
    const entry = peers.get(name);
    if (!entry) throw new Error(`no client named ${name}`);
    return entry;
  };
  const handle = (command: Command): unknown => {
    switch (command.cmd) {
      case "open": {
        const seen = newRecord();
        peers.set(command.name!, { peer: new Peer(command.name!, command.url!, command.origin!, command.cookie ?? "", Math.random, 0, seen), seen });
        return { ok: true };
      }
      case "edit":
        return { ok: get(command.name).peer.store.getState().dispatch(command.ops!) };
      case "ping":
        get(command.name).peer.ping();
        return { ok: true };
      case "state": {
        const { peer, seen } = get(command.name);
        const s = peer.store.getState();
        return { ...peer.result(), connection: s.connection, pong: peer.pongVersion, idle: peer.idle, notice: s.notice?.text ?? null, committed: [...seen.committed] };
      }
      case "quit":
        for (const { peer } of peers.values()) peer.stop();
        return { ok: true };
      default:
        throw new Error(`unknown command ${command.cmd}`);
    }
  };
  return (line) => {
    try {
      return JSON.stringify(handle(JSON.parse(line) as Command));
    } catch (error) {
      return JSON.stringify({ error: String(error) });
    }
  };
}
