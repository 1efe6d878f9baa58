'use strict';
// The console's words: both catalogues parse as ICU messages the way the pages format them, and
// every key a page names, and no word a page holds itself.
const test = require('node:test');
const assert = require('node:assert/strict');
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('yaml');
const { IntlMessageFormat } = require('intl-messageformat');

const WORDS = join(__dirname, '..', '..', '..', '..', 'district', 'src', 'main', 'resources', 'words');
const SRC = join(__dirname, '..', 'src');
const catalogue = (tag) => parse(readFileSync(join(WORDS, tag + '.yaml'), 'utf8'));
const en = catalogue('en');
const zh = catalogue('zh-CN');
const pages = readdirSync(SRC).filter((f) => f.endsWith('.html'));
const scripts = readdirSync(SRC).filter((f) => f.endsWith('.js'));

test('every message of both catalogues is one the pages can format', () => {
  for (const [tag, words] of [['en', en], ['zh-CN', zh]]) {
    for (const [key, pattern] of Object.entries(words)) {
      assert.doesNotThrow(() => new IntlMessageFormat(pattern, tag, undefined, { ignoreTag: true }), `${tag} ${key}`);
    }
  }
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
});

test('every key a page or script names is in the catalogue', () => {
  const named = new Set();
  for (const file of pages) {
    for (const m of readFileSync(join(SRC, file), 'utf8').matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) named.add(m[1]);
  }
  // Keys as scripts write them: a quoted word under one of the catalogue's page roots, or a prefix
  // the script completes with a wire name ('alert.state.' + state).
  const KEY = /'((?:page|nav|console|map|ledger|tips|campaigns|ratings|alert|case|tip|staff|quantity|complaint|rating)\.[a-z0-9.-]*)'/g;
  for (const file of scripts) {
    for (const m of readFileSync(join(SRC, file), 'utf8').matchAll(KEY)) if (!m[1].endsWith('.html')) named.add(m[1]);
  }
  assert.ok(named.size > 100, `${named.size} keys found`);
  for (const key of named) {
    if (key.endsWith('.')) assert.ok(Object.keys(en).some((k) => k.startsWith(key)), `no key completes ${key}`);
    else assert.ok(Object.hasOwn(en, key), `${key} is not in the catalogue`);
  }
});

test('a page holds no words of its own: its text is a key\'s, or data marked as such', () => {
  for (const file of pages) {
    const html = readFileSync(join(SRC, file), 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
    for (const m of html.matchAll(/<([a-z0-9]+)([^>]*)>([^<]+)</g)) {
      if (!m[3].trim()) continue;
      assert.match(m[2], /class="[^"]*datum/, `${file}: "${m[3].trim()}" in <${m[1]}${m[2]}> is not from the catalogue`);
    }
    for (const m of html.matchAll(/\s(placeholder|aria-label|title)="([^"]*)"/g)) {
      assert.fail(`${file}: ${m[1]}="${m[2]}" is not from the catalogue (use data-i18n-${m[1]})`);
    }
  }
});
