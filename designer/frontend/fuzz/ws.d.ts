// The few parts of the `ws` package (a devDependency: Node 20 has no WebSocket) the fuzz uses.
declare module "ws" {
  export default class WebSocket {
    static readonly OPEN: number;
    constructor(url: string, options?: { origin?: string; headers?: Record<string, string> });
    readonly readyState: number;
    onopen: (() => void) | null;
    onerror: (() => void) | null;
    onclose: ((event: { code: number; reason: string }) => void) | null;
    onmessage: ((event: { data: unknown }) => void) | null;
    send(data: string): void;
    close(code?: number, reason?: string): void;
  }
}
