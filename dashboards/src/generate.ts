import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allBoards, render } from './boards';
import { SAMPLE_REGISTRY } from './registry';

const [target, registry = SAMPLE_REGISTRY] = process.argv.slice(2);
if (!target) {
  console.error('usage: node dist/src/generate.js <output folder> [site registry, default the sample district]');
  process.exit(2);
}
mkdirSync(target, { recursive: true });
for (const board of allBoards(registry)) {
  const file = join(target, `${board.uid}.json`);
  writeFileSync(file, render(board));
  console.log(`wrote ${file}`);
}
