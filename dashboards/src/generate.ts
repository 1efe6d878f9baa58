import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allBoards, render } from './boards';
import { SAMPLE_DUTY_SETTINGS } from './duty';
import { SAMPLE_REGISTRY } from './registry';
import { LANGUAGES } from './words';

const [target, registry = SAMPLE_REGISTRY, dutySettings = SAMPLE_DUTY_SETTINGS] = process.argv.slice(2);
if (!target) {
  console.error('usage: node dist/src/generate.js <output folder> [site registry, default the sample district] [duty settings, default the sample]');
  process.exit(2);
}
// English boards in the folder itself, every other language in a folder of its tag.
for (const language of LANGUAGES) {
  const folder = language === 'en' ? target : join(target, language);
  mkdirSync(folder, { recursive: true });
  for (const board of allBoards(registry, dutySettings, language)) {
    const file = join(folder, `${board.uid}.json`);
    writeFileSync(file, render(board));
    console.log(`wrote ${file}`);
  }
}
