// Runs the harnesses in this folder under Node through Vite's module runner (the TypeScript the editor ships, unbundled).
//   node fuzz/run.mjs convergence SPEC.json RESULTS.json   the convergence fuzz (tests/realtime/test_fuzz.py)
//   node fuzz/run.mjs drive                                 clients driven over stdin/stdout (tests/realtime/tsclient.py)
import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { runnerImport } from "vite";

const [mode, ...args] = process.argv.slice(2);
const load = async (name) => (await runnerImport(fileURLToPath(new URL(name, import.meta.url)), { configFile: false, logLevel: "error" })).module;

if (mode === "convergence") {
  const [specPath, resultsPath] = args;
  const spec = JSON.parse(readFileSync(specPath, "utf8"));
  const { runAll } = await load("./convergence.ts");
  const started = Date.now();
  const results = await runAll(spec, (r) =>
    process.stderr.write(`seed ${r.seed}: ${r.error ? "FAILED " + r.error : `${r.clients.length} clients at version ${r.clients[0].version}`} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`),
  );
  writeFileSync(resultsPath, JSON.stringify(results));
} else if (mode === "drive") {
  const { createDriver } = await load("./driver.ts");
  const handle = createDriver();
  process.stdout.write(JSON.stringify({ ready: true }) + "\n");
  for await (const line of createInterface({ input: process.stdin })) {
    process.stdout.write(handle(line) + "\n");
    if (JSON.parse(line).cmd === "quit") break;
  }
} else {
  process.stderr.write("usage: node fuzz/run.mjs convergence SPEC RESULTS | drive\n");
  process.exit(2);
}
process.exit(0);
