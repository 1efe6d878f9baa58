import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allBoards, render } from '../src/boards';
import { riverLayout, SAMPLE_REGISTRY } from '../src/registry';
import { checkBoards, EXPORTED_SCHEMA, loadSchema, queriesOf, unknownNames } from '../src/schema';
import { LANGUAGES, WORDS, uidIn } from '../src/words';
import { SAMPLE_DUTY_SETTINGS } from '../src/duty';

const PROVISIONED = join(__dirname, '..', '..', '..', 'infra', 'grafana', 'dashboards');
const REGISTRY = join(__dirname, '..', '..', SAMPLE_REGISTRY);
/** Grafana's own macros and the InfluxDB datasource's alias patterns. */
const MACROS = new Set(['timeFilter', '__interval', '__interval_ms', '__from', '__to', '__data', '__url_time_range']);
const ALIAS = /^tag_\w+$/;

type Panel = {
  id?: number;
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: Array<{ query?: string; alias?: string; datasource?: { uid?: string } }>;
  fieldConfig?: { defaults?: { unit?: string; thresholds?: { steps?: unknown[] } } };
  panels?: Panel[];
  links?: Array<{ url?: string }>;
};

const variablesIn = (text: string) => [...text.matchAll(/\$\{?(\w+)/g)].map((m) => m[1]);

const CATALOGUES = join(__dirname, '..', '..', WORDS);
const DUTY = join(__dirname, '..', '..', SAMPLE_DUTY_SETTINGS);
const boardsIn = (language: (typeof LANGUAGES)[number]) => allBoards(REGISTRY, DUTY, language, CATALOGUES);

for (const language of LANGUAGES) {
  test(`the committed ${language} JSON under infra/ is exactly what the code generates`, () => {
    const folder = language === 'en' ? PROVISIONED : join(PROVISIONED, language);
    const generated = new Map(boardsIn(language).map((b) => [`${b.uid}.json`, render(b)]));
    const committed = readdirSync(folder).filter((f) => f.endsWith('.json'));
    assert.deepEqual(committed.sort(), [...generated.keys()].sort(), 'run `npm run generate` in dashboards/');
    for (const [file, json] of generated) {
      assert.equal(readFileSync(join(folder, file), 'utf8'), json, `${file} is stale: run \`npm run generate\``);
    }
  });
}

/** Every text of a board a person reads: titles, descriptions, variable labels, links, column names, mapped values. */
function textsOf(board: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown, key?: string) => {
    if (typeof node === 'string') {
      if (key && ['title', 'description', 'label', 'name', 'text'].includes(key)) texts.push(node);
    } else if (Array.isArray(node)) {
      node.forEach((n) => walk(n, key));
    } else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === 'displayName' && typeof o.value === 'string') texts.push(o.value);
      // A variable's name is an identifier ($town), its label the words.
      const skipped = ['datasource', 'targets', 'matcher', 'query', 'uid', 'tags', ...(o.query === undefined ? [] : ['name'])];
      for (const [k, v] of Object.entries(o)) if (!skipped.includes(k)) walk(v, k);
    }
  };
  walk(board);
  return texts;
}

test('the Chinese boards say every title, label, link, column and value in Chinese', () => {
  // The standards' own symbols, the registry's station ids, Grafana's variables and wire names in data.
  const symbols = /EnvWatch|LAeq|dB\(A\)|mg\/m³|mg\/L|GB \d+(-\d+)?|InfluxDB|\$\w+|ST-[A-Z]+|\b(I|II|III|IV|V)\b/g;
  const english = boardsIn('en').map((b) => new Set(textsOf(b)));
  for (const [i, board] of boardsIn('zh-CN').entries()) {
    assert.equal(board.uid, uidIn(allBoards(REGISTRY)[i].uid ?? "", "zh-CN"));
    assert.deepEqual(board.tags, ['envwatch', 'generated', 'zh-CN']);
    const texts = textsOf(board);
    assert.ok(texts.length > 20, `${board.uid}: texts found`);
    for (const text of texts) {
      assert.doesNotMatch(text.replace(symbols, ''), /[A-Za-z]/, `${board.uid}: "${text}" is not Chinese`);
      assert.ok(!english[i].has(text) || !/[A-Za-z]{2}/.test(text), `${board.uid}: "${text}" is the English text`);
    }
  }
});

test('the river layout follows the registry: upstream stations nearest first, travel times added up', () => {
  const river = riverLayout(REGISTRY);
  assert.equal(river.section.station, 'ST-QILING');
  assert.equal(river.section.site, 'W-QILING');
  assert.deepEqual(
    river.upstream.map((u) => [u.station, u.minutesToSection]),
    [['ST-CHANGPING', 120], ['ST-LINCUN', 270], ['ST-TANGXIA', 450], ['ST-FENGGANG', 600], ['ST-QIPING', 720]],
  );
});

const UIDS = new Set(allBoards(REGISTRY).map((b) => b.uid));

for (const board of allBoards(REGISTRY)) {
  test(`${board.uid} links from its panels to boards that exist`, () => {
    const links = ((board.panels ?? []) as Panel[]).flatMap((p) => p.links ?? []);
    const linked = JSON.stringify(board).match(/\/d\/[a-z-]+/g) ?? [];
    assert.ok(links.length > 0 || board.uid === 'envwatch-live-readings', 'at least one panel links to a related board');
    for (const url of linked) assert.ok(UIDS.has(url.slice(3)), `${url} is not one of the boards`);
  });

  test(`${board.uid} is a valid dashboard`, () => {
    assert.ok(board.uid && board.title, 'uid and title');
    assert.ok((board.schemaVersion ?? 0) >= 39, `schemaVersion ${board.schemaVersion}`);
    assert.ok((board.links ?? []).some((l) => l.type === 'dashboards' && l.tags.includes('envwatch')), 'links to the other boards');
    const all = (board.panels ?? []) as Panel[];
    const panels = all.flatMap((p) => (p.type === 'row' ? p.panels ?? [] : [p]));
    assert.ok(panels.length > 0);
    const ids = [...all, ...all.flatMap((p) => p.panels ?? [])].map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate panel ids ${ids}`);
    assert.ok(ids.every((id) => typeof id === 'number'), 'every panel has an id');
    const variables = board.templating?.list ?? [];
    const defined = new Set(variables.map((v) => v.name));
    const used: Array<[string, string]> = [];
    for (const v of variables) {
      for (const name of variablesIn(String((v as { query?: unknown }).query ?? ''))) used.push([`variable ${v.name}`, name]);
    }
    for (const p of panels) {
      assert.ok(p.datasource?.uid, `${p.title}: datasource`);
      assert.ok(p.targets && p.targets.length > 0, `${p.title}: queries`);
      assert.ok(p.fieldConfig?.defaults?.unit, `${p.title}: unit`);
      assert.ok(p.fieldConfig?.defaults?.thresholds?.steps?.length, `${p.title}: thresholds`);
      for (const name of variablesIn(p.title)) used.push([p.title, name]);
      for (const target of p.targets) {
        assert.ok(target.query && target.query.length > 0, `${p.title}: query text`);
        assert.equal(target.datasource?.uid, p.datasource?.uid, `${p.title}: query datasource`);
        for (const name of variablesIn(target.query)) used.push([p.title, name]);
        for (const name of variablesIn(target.alias ?? '')) if (!ALIAS.test(name)) used.push([`${p.title} alias`, name]);
        assert.doesNotMatch(target.query, /contact|complainant|description|external_ref|received_at/i, `${p.title}: no complainant data on boards`);
        assert.doesNotMatch(target.query, /tip_event|text_sealed|findings_sealed|claim_hash/i, `${p.title}: nothing of a tip but counts and rates`);
      }
    }
    for (const [where, name] of used) {
      assert.ok(defined.has(name) || MACROS.has(name), `${where}: $${name} is not a defined variable`);
    }
  });
}

const SCHEMA = join(__dirname, '..', '..', EXPORTED_SCHEMA);

test('every board query names only measurements, tags and fields the exported schema has', () => {
  const boards = allBoards(REGISTRY);
  assert.ok(boards.flatMap(queriesOf).length >= 30, 'queries found');
  assert.deepEqual(checkBoards(boards, loadSchema(SCHEMA)), []);
});

test('the schema check catches a renamed field, an unknown measurement and a grouping on a field', () => {
  const schema = loadSchema(SCHEMA);
  assert.deepEqual(unknownNames('SELECT mean("laeq") AS "laeq" FROM "noise_laeq" WHERE "interval" = \'PT1M\'', schema), []);
  assert.match(unknownNames('SELECT mean("leq") FROM "noise_laeq"', schema).join(), /"leq" is neither a tag nor a field/);
  assert.match(unknownNames('SELECT count("id") FROM "complaints"', schema).join(), /"complaints" is not in the schema/);
  assert.match(unknownNames('SELECT count("id") FROM "complaint" GROUP BY "outcome"', schema).join(), /not a tag of complaint/);
  assert.match(unknownNames('SHOW TAG VALUES FROM "reading" WITH KEY = "value"', schema).join(), /not a tag of reading/);
});

test('the boards state the duty service deadlines they are given, not fixed numbers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duty-'));
  try {
    const settings = join(dir, 'duty.yaml');
    writeFileSync(settings, 'deadlines:\n  acknowledge: PT10M\n  onScene: PT1H15M\n');
    const text = JSON.stringify(allBoards(REGISTRY, settings));
    assert.match(text, /On scene within 75 minutes/);
    assert.match(text, /not acknowledged within 10 minutes, or not on scene within 75 minutes/);
    assert.doesNotMatch(text, /within 30 minutes|within 5 minutes/);
    writeFileSync(settings, 'deadlines:\n  acknowledge: 10 minutes\n  onScene: PT30M\n');
    assert.throws(() => allBoards(REGISTRY, settings), /deadlines.acknowledge: 10 minutes is not a duration/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the boards state the district's zone and complaint rules from its registry, not fixed figures", () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-'));
  try {
    const registry = join(dir, 'registry.yaml');
    const sample = readFileSync(REGISTRY, 'utf8');
    assert.match(sample, /zone: Asia\/Shanghai/);
    const overridden =
      sample.replace('zone: Asia/Shanghai', 'zone: Asia/Urumqi') +
      '\nrules:\n  complaints:\n    radiusMetres: 800\n    repeatCount: 4\n    repeatWithin: P14D\n';
    writeFileSync(registry, overridden);
    const boards = allBoards(registry);
    assert.deepEqual(new Set(boards.map((b) => b.timezone)), new Set(['Asia/Urumqi']));
    const text = JSON.stringify(boards);
    assert.match(text, /sensors of its kind within 800 m confirm it/);
    assert.match(text, /4 complaints of a kind about one building \(the nearest within 100 m, else a cell of about 200 m\) within 14 days/);
    assert.doesNotMatch(text, /within 500 m|within 30 days|Asia\/Shanghai/);
    writeFileSync(registry, overridden.replace('repeatWithin: P14D', 'repeatWithin: P2W'));
    assert.throws(() => allBoards(registry), /rules.complaints.repeatWithin: P2W is not a duration in whole days/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
