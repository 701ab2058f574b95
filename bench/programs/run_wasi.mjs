// Runs a wasm32-wasi command module under Node.js (V8):
//   node --no-warnings bench/programs/run_wasi.mjs MODULE.wasm [args...]
// The benchmark programs print a checksum that native, V8 and wasmaot builds must agree on.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const [path, ...args] = process.argv.slice(2);
if (!path) {
  console.error('usage: node run_wasi.mjs MODULE.wasm [args...]');
  process.exit(2);
}
const wasi = new WASI({ version: 'preview1', args: [path, ...args], env: {} });
const module = await WebAssembly.compile(await readFile(path));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
