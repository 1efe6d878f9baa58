'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const core = require('../src/console-core.js');

test('parseSse keeps the unfinished tail and skips comments', () => {
  const { events, rest } = core.parseSse('retry: 2000\n: connected\n\nevent: alert\ndata: {"a":1}\n\nevent: alert\ndata: {"a"');
  assert.deepEqual(events, [{ type: 'alert', data: '{"a":1}' }]);
  assert.equal(rest, 'event: alert\ndata: {"a"');
  const next = core.parseSse(rest + ':2}\n\n');
  assert.deepEqual(next.events, [{ type: 'alert', data: '{"a":2}' }]);
  assert.equal(next.rest, '');
});

test('order puts active alerts first, most severe and nearest deadline first', () => {
  const at = (m) => ({ name: 'acknowledge', at: new Date(Date.UTC(2026, 10, 21, 15, m)).toISOString() });
  const alerts = [
    { id: 'closed', state: 'resolved', severity: 'CRITICAL' },
    { id: 'high-late', state: 'open', severity: 'HIGH', deadline: at(9) },
    { id: 'high-soon', state: 'open', severity: 'HIGH', deadline: at(4) },
    { id: 'critical', state: 'acknowledged', severity: 'CRITICAL', deadline: at(30) },
    { id: 'low', state: 'open', severity: 'LOW', deadline: at(1) },
  ];
  assert.deepEqual(core.order(alerts).map((a) => a.id), ['critical', 'high-soon', 'high-late', 'low', 'closed']);
});

test('countdown counts down, then says how overdue', () => {
  const deadline = { name: 'acknowledge', at: '2026-11-21T15:05:00Z' };
  assert.deepEqual(core.countdown(deadline, Date.parse('2026-11-21T15:00:01Z')), { mmss: '04:59', name: 'acknowledge', overdue: false });
  assert.deepEqual(core.countdown({ name: 'on-scene', at: '2026-11-21T15:30:00Z' }, Date.parse('2026-11-21T15:31:02Z')),
    { mmss: '01:02', name: 'on-scene', overdue: true });
  assert.equal(core.countdown(undefined, 0), null);
});

test('upsert replaces by id and keeps the others', () => {
  const list = core.upsert([{ id: 'a', state: 'open' }, { id: 'b', state: 'open' }], { id: 'a', state: 'acknowledged' });
  assert.deepEqual(list.map((a) => a.id + ':' + a.state), ['b:open', 'a:acknowledged']);
});

test('localTime shows the district clock whatever the machine zone', () => {
  // 11:40 UTC is 19:40 in Dongguan and 06:40 in New York; the console shows Dongguan's.
  assert.equal(core.localTime('2026-11-28T11:40:05Z', 'Asia/Shanghai'), '2026-11-28 19:40:05');
  assert.equal(core.localTime('2026-11-28T16:00:00.000Z', 'Asia/Shanghai'), '2026-11-29 00:00:00');
  assert.equal(core.localTime('2026-11-28T11:40:05Z', 'America/New_York'), '2026-11-28 06:40:05');
});

test('a typed wall-clock time names the instant on the district clock, not the browser\'s', () => {
  assert.equal(core.zonedToIso('2026-12-10T18:00', 'Asia/Shanghai'), '2026-12-10T10:00:00.000Z');
  assert.equal(core.zonedToIso('2026-12-11T00:30', 'Asia/Shanghai'), '2026-12-10T16:30:00.000Z');
  assert.equal(core.zonedToIso('2026-07-01T09:00', 'America/New_York'), '2026-07-01T13:00:00.000Z');
  assert.equal(core.zonedToIso('', 'Asia/Shanghai'), '');
});
