// Lays the console out for the duty service to serve from its classpath (webroot/console):
// our pages and scripts as written, the word catalogues (the district module's words/*.yaml, as
// JSON), plus the map, chart and message-format libraries from node_modules, so the page needs
// nothing from the internet.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
export const WORDS = join(here, '../../../district/src/main/resources/words');
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output folder>');
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'vendor'), { recursive: true });
mkdirSync(join(out, 'words'), { recursive: true });
cpSync(join(here, 'src'), out, { recursive: true });
for (const file of readdirSync(WORDS).filter((f) => f.endsWith('.yaml'))) {
  const words = parse(readFileSync(join(WORDS, file), 'utf8'));
  writeFileSync(join(out, 'words', file.replace(/\.yaml$/, '.json')), JSON.stringify(words));
}
const vendor = [
  ['leaflet/dist/leaflet.js', 'leaflet.js'],
  ['leaflet/dist/leaflet.css', 'leaflet.css'],
  ['uplot/dist/uPlot.iife.min.js', 'uPlot.iife.min.js'],
  ['uplot/dist/uPlot.min.css', 'uPlot.min.css'],
  ['intl-messageformat/intl-messageformat.iife.js', 'intl-messageformat.iife.js'],
];
for (const [from, to] of vendor) {
  cpSync(join(here, 'node_modules', from), join(out, 'vendor', to));
}
console.log(`duty console laid out in ${out}`);
