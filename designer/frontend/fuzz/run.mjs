// Runs fuzz/convergence.ts under Node through Vite's module runner (the TypeScript the editor ships, unbundled).
// Usage: node fuzz/run.mjs SPEC.json RESULTS.json — tests/realtime/test_fuzz.py writes the spec and reads the results.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runnerImport } from "vite";

const [specPath, resultsPath] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specPath, "utf8"));
const entry = fileURLToPath(new URL("./convergence.ts", import.meta.url));
const { module } = await runnerImport(entry, { configFile: false, logLevel: "error" });
const started = Date.now();
const results = await module.runAll(spec, (r) =>
  process.stderr.write(`seed ${r.seed}: ${r.error ? "FAILED " + r.error : `${r.clients.length} clients at version ${r.clients[0].version}`} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`),
);
writeFileSync(resultsPath, JSON.stringify(results));
process.exit(0);
