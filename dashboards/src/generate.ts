import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allBoards, render } from './boards';
import { SAMPLE_DUTY_SETTINGS } from './duty';
import { SAMPLE_REGISTRY } from './registry';

const [target, registry = SAMPLE_REGISTRY, dutySettings = SAMPLE_DUTY_SETTINGS] = process.argv.slice(2);
if (!target) {
  console.error('usage: node dist/src/generate.js <output folder> [site registry, default the sample district] [duty settings, default the sample]');
  process.exit(2);
}
mkdirSync(target, { recursive: true });
for (const board of allBoards(registry, dutySettings)) {
  const file = join(target, `${board.uid}.json`);
  writeFileSync(file, render(board));
  console.log(`wrote ${file}`);
}
