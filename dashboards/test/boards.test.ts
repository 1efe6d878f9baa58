import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allBoards, render } from '../src/boards';

const PROVISIONED = join(__dirname, '..', '..', '..', 'infra', 'grafana', 'dashboards');
const MACROS = new Set(['timeFilter', '__interval', '__interval_ms', 'tag_site', 'tag_quantity', 'tag_reason']);

test('the committed JSON under infra/ is exactly what the code generates', () => {
  const generated = new Map(allBoards().map((b) => [`${b.uid}.json`, render(b)]));
  const committed = readdirSync(PROVISIONED).filter((f) => f.endsWith('.json'));
  assert.deepEqual(committed.sort(), [...generated.keys()].sort(), 'run `npm run generate` in dashboards/');
  for (const [file, json] of generated) {
    assert.equal(readFileSync(join(PROVISIONED, file), 'utf8'), json, `${file} is stale: run \`npm run generate\``);
  }
});

for (const board of allBoards()) {
  test(`${board.uid} is a valid dashboard`, () => {
    assert.ok(board.uid && board.title, 'uid and title');
    assert.ok((board.schemaVersion ?? 0) >= 39, `schemaVersion ${board.schemaVersion}`);
    const panels = board.panels ?? [];
    assert.ok(panels.length > 0);
    const ids = panels.map((p) => (p as { id?: number }).id);
    assert.equal(new Set(ids).size, ids.length, `duplicate panel ids ${ids}`);
    assert.ok(ids.every((id) => typeof id === 'number'), 'every panel has an id');
    const defined = new Set((board.templating?.list ?? []).map((v) => v.name));
    for (const panel of panels) {
      const p = panel as { title: string; datasource?: { uid?: string }; targets?: Array<{ query?: string }>; fieldConfig?: { defaults?: { unit?: string } } };
      assert.ok(p.datasource?.uid, `${p.title}: datasource`);
      assert.ok(p.targets && p.targets.length > 0, `${p.title}: queries`);
      assert.ok(p.fieldConfig?.defaults?.unit, `${p.title}: unit`);
      for (const target of p.targets) {
        assert.ok(target.query && target.query.length > 0, `${p.title}: query text`);
        for (const [, name] of target.query.matchAll(/\$(\w+)/g)) {
          assert.ok(defined.has(name) || MACROS.has(name), `${p.title}: $${name} is not a defined variable`);
        }
        assert.doesNotMatch(target.query, /contact|complainant|description|external_ref/i, `${p.title}: no complainant data on boards`);
      }
    }
  });
}
