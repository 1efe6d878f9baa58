// The console's logic that needs no browser: reading the server-sent event stream, ordering
// alerts, and the countdown to a deadline. Loaded by the page as a plain script and by the
// Node tests as a CommonJS module.
(function (root) {
  'use strict';

  const SEVERITY = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
  const CLOSED = new Set(['resolved', 'auto-resolved']);

  /**
   * Splits a text/event-stream buffer into complete events; returns them and the unfinished rest.
   * Comments (lines starting with ':') and fields other than event and data are skipped.
   */
  function parseSse(buffer) {
    const events = [];
    const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
    const rest = blocks.pop();
    for (const block of blocks) {
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':') || line === '') continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) events.push({ type, data: data.join('\n') });
    }
    return { events, rest };
  }

  function isClosed(alert) {
    return CLOSED.has(alert.state);
  }

  /** Active alerts first, most severe first, then the nearest deadline first. */
  function order(alerts) {
    return [...alerts].sort((a, b) => {
      if (isClosed(a) !== isClosed(b)) return isClosed(a) ? 1 : -1;
      const bySeverity = SEVERITY.indexOf(b.severity) - SEVERITY.indexOf(a.severity);
      if (bySeverity !== 0) return bySeverity;
      return deadlineOf(a) - deadlineOf(b);
    });
  }

  function deadlineOf(alert) {
    return alert.deadline ? Date.parse(alert.deadline.at) : Number.MAX_SAFE_INTEGER;
  }

  /**
   * How long is left to a deadline ("04:59"), or how long it is overdue once it passed; the page
   * says which deadline in its reader's words.
   */
  function countdown(deadline, nowMs) {
    if (!deadline) return null;
    const left = Date.parse(deadline.at) - nowMs;
    const seconds = Math.floor(Math.abs(left) / 1000);
    const mmss = String(Math.floor(seconds / 60)).padStart(2, '0') + ':' + String(seconds % 60).padStart(2, '0');
    return { mmss, name: deadline.name, overdue: left < 0 };
  }

  /** The alert list after one feed event: replaced by id, added when new. */
  function upsert(alerts, alert) {
    const next = alerts.filter((a) => a.id !== alert.id);
    next.push(alert);
    return next;
  }

  /**
   * An instant as the district's local time, "2026-11-28 19:40:05", whatever the browser's own
   * clock zone: day and night, and the duty room's clocks, are the district's.
   */
  function localTime(iso, zone) {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(iso));
    const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
    return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ':' + p.second;
  }

  /**
   * The instant a wall-clock time typed in a form ("2026-12-10T18:00", as datetime-local gives it)
   * names in the district's zone, whatever the browser's own zone: a deadline typed in Dongguan
   * means Dongguan's 18:00 on a laptop set to UTC too.
   */
  function zonedToIso(wallClock, zone) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wallClock);
    if (!m) return '';
    const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
    // The zone's offset at that moment, found by reading the guess back on the zone's clock (twice,
    // for a time next to a change of offset).
    let t = asUtc;
    for (let i = 0; i < 2; i++) t = asUtc - (Date.parse(localTime(new Date(t).toISOString(), zone).replace(' ', 'T') + 'Z') - t);
    return new Date(t).toISOString();
  }

  const api = { parseSse, order, countdown, upsert, isClosed, localTime, zonedToIso, SEVERITY };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.ConsoleCore = api;
})(this);
