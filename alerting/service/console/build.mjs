// Lays the console out for the duty service to serve from its classpath (webroot/console):
// our pages and scripts as written, plus the map and chart libraries from node_modules, so the
// page needs nothing from the internet.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output folder>');
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'vendor'), { recursive: true });
cpSync(join(here, 'src'), out, { recursive: true });
const vendor = [
  ['leaflet/dist/leaflet.js', 'leaflet.js'],
  ['leaflet/dist/leaflet.css', 'leaflet.css'],
  ['uplot/dist/uPlot.iife.min.js', 'uPlot.iife.min.js'],
  ['uplot/dist/uPlot.min.css', 'uPlot.min.css'],
];
for (const [from, to] of vendor) {
  cpSync(join(here, 'node_modules', from), join(out, 'vendor', to));
}
console.log(`duty console laid out in ${out}`);
