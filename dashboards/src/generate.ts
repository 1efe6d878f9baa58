import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allBoards, render } from './boards';

const target = process.argv[2];
if (!target) {
  console.error('usage: node dist/src/generate.js <output folder>');
  process.exit(2);
}
mkdirSync(target, { recursive: true });
for (const board of allBoards()) {
  const file = join(target, `${board.uid}.json`);
  writeFileSync(file, render(board));
  console.log(`wrote ${file}`);
}
