// The bench hook: bench/editor.py installs it in every page it measures (page.add_init_script) before the page's
// own scripts run, so times are read inside the page, on the page's clock (performance.now(), 0 = navigation start),
// never by polling from Python. The editor's code is not changed for it.
//
// afterFrame: requestAnimationFrame, then a message posted from that callback: the message runs right after the
// frame's style, layout and paint, so its time includes the rendering work of that frame.
(() => {
  const afterFrame = (callback) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(null);
    });
  // React Flow writes its viewport as the inline transform of .react-flow__viewport; the Excalidraw page provides its own.
  const viewport = () =>
    window.__benchViewport ? window.__benchViewport() : (document.querySelector(".react-flow__viewport")?.style.transform ?? "");
  // The graph counts as shown once React Flow shows a node and an edge: nodes it has not measured are in the DOM
  // with visibility: hidden, and edges wait for their nodes' handles to be measured (or given as node.handles).
  const shown = () => {
    if (window.__benchShown) return true;
    const node = document.querySelector(".react-flow__node");
    return !!node && node.style.visibility !== "hidden" && !!document.querySelector(".react-flow__edge");
  };

  const bench = (window.__bench = { firstFrame: null, shownAt: null, firstViewport: null, firstNodes: null });
  let waiters = [];
  const observer = new MutationObserver(() => bench.poke());
  /** Re-checks every waiting condition; pages that draw on a canvas call it when they have drawn. */
  bench.poke = () => {
    for (const waiter of [...waiters]) {
      if (waiter.check()) {
        waiters = waiters.filter((w) => w !== waiter);
        waiter.done();
      }
    }
    if (!waiters.length) observer.disconnect();
  };
  /** Calls done() in the first mutation callback (or poke) where check() holds. */
  bench.when = (check, done) => {
    waiters.push({ check, done });
    observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["style", "class"] });
    bench.poke();
  };

  // First painted frame with nodes: the mutation that shows the first node, then the end of that frame.
  bench.when(shown, () => {
    bench.shownAt = performance.now();
    afterFrame((t) => {
      bench.firstFrame = t;
      bench.firstViewport = viewport();
      bench.firstNodes = document.querySelectorAll(".react-flow__node").length;
    });
  });

  // Frame intervals (rAF timestamps) between start and stop.
  let recording = null;
  bench.startFrames = () => {
    const times = [];
    recording = times;
    const tick = (now) => {
      if (recording !== times) return;
      times.push(now);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  bench.stopFrames = () => {
    const times = recording ?? [];
    recording = null;
    return times.slice(1).map((t, i) => t - times[i]);
  };

  /** The next `type` event (capture phase) starts a clock; the end of the frame after check() holds stops it. */
  bench.armInput = (type, checkSource, timeoutMs) => {
    const check = new Function(`return (${checkSource});`);
    const result = (bench.input = { start: null, end: null, ms: null, longestFrame: null, timedOut: false });
    window.addEventListener(
      type,
      (event) => {
        result.start = event.timeStamp;
        const frames = [];
        let last = null;
        const tick = (now) => {
          if (last !== null) frames.push(now - last);
          last = now;
          if (now - result.start < 1000) requestAnimationFrame(tick);
          else result.longestFrame = Math.max(0, ...frames);
        };
        requestAnimationFrame(tick);
        const timer = setTimeout(() => (result.timedOut = true), timeoutMs);
        bench.when(check, () =>
          afterFrame((t) => {
            clearTimeout(timer);
            result.end = t;
            result.ms = t - result.start;
          }),
        );
      },
      { capture: true, once: true },
    );
  };

  /** The next keydown starts a clock; it stops at the end of the last frame that changed the viewport, once the
   *  viewport has not changed for 500 ms (fit view animates). -1 when the viewport did not change within 4 s. */
  bench.armSettle = () => {
    const result = (bench.settle = { ms: null, frames: 0 });
    window.addEventListener(
      "keydown",
      (event) => {
        const start = event.timeStamp;
        let seen = viewport();
        let lastPaint = null;
        let pending = 0;
        const tick = (now) => {
          const current = viewport();
          if (current !== seen) {
            seen = current;
            result.frames += 1;
            pending += 1;
            afterFrame((t) => {
              lastPaint = t;
              pending -= 1;
            });
          }
          if (lastPaint !== null && !pending && performance.now() - lastPaint > 500) result.ms = lastPaint - start;
          else if (lastPaint === null && now - start > 4000) result.ms = -1;
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      },
      { capture: true, once: true },
    );
  };

  /** What a first frame costs in the DOM: element counts per node and per edge, nodes and edges rendered. */
  bench.domCounts = () => {
    const per = (selector) => {
      const items = [...document.querySelectorAll(selector)];
      const inside = items.reduce((sum, el) => sum + el.getElementsByTagName("*").length + 1, 0);
      return { count: items.length, perItem: items.length ? inside / items.length : 0 };
    };
    return { elements: document.getElementsByTagName("*").length, nodes: per(".react-flow__node"), edges: per(".react-flow__edge") };
  };
})();
