// The duty console: lists open alerts by severity with their countdowns, draws the district,
// shows the selected alert's facts in words, its evidence and history, and moves alerts on. It
// stays current through the server-sent event feed, read with fetch so the token travels in a
// header, never in a URL; the feed words the alerts in the reader's language.
(function () {
  'use strict';
  const core = window.ConsoleCore;
  const Words = window.Words;
  const { api, setLive, el, datum, phrase, place, named, t } = window.StaffPage;
  const $ = (id) => document.getElementById(id);
  const RESOLUTIONS = ['violation-confirmed', 'no-violation-found', 'sensor-fault', 'duplicate', 'other'];
  let alerts = [];
  let selected = null;
  let map = null;
  let chart = null;
  let feedAbort = null;
  let me = null;
  /** The service's clock less the browser's: deadlines count down in the service's time. */
  let skew = 0;
  const when = (time) => window.StaffPage.when(time, me);

  /** The signed-in person: the map, the alerts and the feed. */
  async function ready(person) {
    me = person;
    skew = Date.parse(person.now) - Date.now();
    $('resolve-code').replaceChildren(...RESOLUTIONS.map((code) => {
      const o = el('option', Words.term('alert.resolution.', code));
      o.value = code;
      return o;
    }));
    map = window.DistrictMap.draw('map', window.StaffPage.district(), { onSite });
    alerts = await api('/api/v1/alerts?state=active&limit=500');
    render();
    follow();
    // A notification's link (#alert=ID) opens its alert.
    const linked = new URLSearchParams(location.hash.slice(1)).get('alert');
    if (linked) await select(linked);
  }

  function onSite(siteId) {
    const alert = core.order(alerts).find((a) => a.site === siteId && !core.isClosed(a));
    if (alert) select(alert.id);
  }

  /** Reads the feed until it ends, then reconnects; each event replaces one alert. */
  async function follow() {
    feedAbort = new AbortController();
    try {
      const response = await window.StaffPage.stream('/api/v1/feed', feedAbort.signal);
      if (!response.ok) throw new Error('HTTP ' + response.status);
      setLive(true);
      // The alert list may have changed while the feed was down.
      alerts = await api('/api/v1/alerts?state=active&limit=500');
      render();
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = core.parseSse(buffer + decoder.decode(value, { stream: true }));
        buffer = parsed.rest;
        for (const event of parsed.events) {
          if (event.type === 'alert') onAlert(JSON.parse(event.data).alert);
        }
      }
    } catch (e) {
      if (e.name === 'AbortError') return;
    }
    setLive(false);
    setTimeout(follow, 2000);
  }

  function onAlert(alert) {
    alerts = core.upsert(alerts, alert);
    render();
    if (selected === alert.id) showDetail(alert.id);
  }

  function render() {
    const active = core.order(alerts).filter((a) => !core.isClosed(a) || a.id === selected);
    $('alert-count').textContent = String(active.filter((a) => !core.isClosed(a)).length);
    $('alerts').replaceChildren(...active.map(item));
    const worst = new Map();
    for (const a of core.order(alerts)) if (!core.isClosed(a) && !worst.has(a.site)) worst.set(a.site, a.severity);
    map.colour(worst);
    tick();
  }

  function item(a) {
    const li = el('li', null, 'alert sev-' + a.severity + (a.id === selected ? ' selected' : ''));
    li.dataset.alertId = a.id;
    li.dataset.state = a.state;
    const line1 = el('div', null, 'line1');
    const what = el('span');
    what.append(datum(named(a.site)), ' · ', a.display.kind);
    line1.append(what, el('span', Words.term('alert.severity.', a.severity), 'severity'));
    const line2 = el('div', null, 'line2');
    const countdown = el('span', '', 'countdown');
    if (a.deadline) countdown.dataset.deadline = JSON.stringify(a.deadline);
    line2.append(datum(place(a.town)), el('span', ' · '), el('span', Words.term('alert.state.', a.state), 'state'), el('span', ' · '), countdown);
    li.append(line1, line2);
    li.addEventListener('click', () => select(a.id));
    return li;
  }

  function tick() {
    for (const e of document.querySelectorAll('.countdown[data-deadline]')) {
      const c = core.countdown(JSON.parse(e.dataset.deadline), Date.now() + skew);
      const deadline = Words.term('alert.deadline.', c.name);
      e.textContent = t(c.overdue ? 'console.overdue' : 'console.left', { mmss: c.mmss, deadline });
      e.classList.toggle('overdue', c.overdue);
    }
  }

  async function select(id) {
    selected = id;
    render();
    await showDetail(id);
  }

  /** The alert's facts in words: what, how bad, since when, which homes, complaints, missed deadlines. */
  function facts(a) {
    const list = [
      el('li', a.display.summary),
      el('li', t('console.fact.severity', { severity: Words.term('alert.severity.', a.severity) })),
      el('li', t('console.fact.since', { time: when(a.incidentStart) })),
    ];
    if (a.buildings.length) {
      const homes = el('li', t('console.fact.homes'));
      a.buildings.forEach((entry, i) => {
        const [id, metres] = entry.split('@');
        if (i > 0) homes.append(t('page.list-separator'));
        homes.append(datum(place(id)), ' ' + t('map.distance', { metres: Number(metres) }));
      });
      list.push(homes);
    }
    if (a.complaints.length) list.push(el('li', t('console.fact.complaints', { count: a.complaints.length })));
    if (a.repeatCase) list.push(phrase('li', 'console.fact.repeat-case', {}, { id: a.repeatCase }));
    if (a.breaches.length) {
      const missed = a.breaches.map((b) => Words.term('alert.deadline.', b)).join(t('page.list-separator'));
      list.push(el('li', t('console.fact.missed', { deadlines: missed }), 'missed'));
    }
    return list;
  }

  async function showDetail(id) {
    const a = await api('/api/v1/alerts/' + encodeURIComponent(id));
    $('detail-title').replaceChildren(datum(named(a.site)), el('span', ' · '), el('span', a.display.kind), el('span', ' · ' + Words.term('alert.state.', a.state)));
    $('detail-title').dataset.state = a.state;
    $('detail-facts').replaceChildren(...facts(a));
    // The server says which steps this person may take now; the page offers those and no others.
    for (const button of document.querySelectorAll('#actions button')) button.disabled = !a.actions.includes(button.dataset.verb);
    $('history').replaceChildren(...a.history.map((h) => {
      const li = el('li', t('console.history', { time: when(h.at), action: Words.term('alert.action.', h.action) }) + ' ');
      li.append(datum(h.actor));
      if (h.code) li.append(el('span', ' · ' + Words.term('alert.resolution.', h.code)));
      if (h.note) li.append(el('span', ': '), datum(h.note));
      return li;
    }));
    map.focus(a);
    drawEvidence(await api('/api/v1/alerts/' + encodeURIComponent(id) + '/evidence'));
  }

  function drawEvidence(series) {
    const times = series.points.map((p) => p[0] / 1000);
    const values = series.points.map((p) => p[1]);
    const limits = series.points.map(() => series.limit);
    const clock = (seconds) => when(seconds * 1000);
    if (chart) chart.destroy();
    chart = new uPlot({
      width: Math.max(300, $('detail').clientWidth - 20), height: 180,
      series: [
        // The legend's time in the console's one format, on the district's clock.
        { label: t('console.chart.time'), value: (u, seconds) => (seconds === null ? '' : clock(seconds)) },
        { label: Words.term('quantity.', series.quantity), stroke: '#4fc3f7' },
        { label: t('console.chart.limit'), stroke: '#ff3b3b', dash: [6, 4] },
      ],
      axes: [
        { stroke: '#9aa4ad', values: (u, splits) => splits.map((s) => clock(s).slice(11, 16)) },
        { stroke: '#9aa4ad' },
      ],
    }, [times, values, limits], $('chart'));
  }

  async function act(verb) {
    if (!selected) return;
    const body = { note: $('note').value || undefined };
    if (verb === 'resolve') body.code = $('resolve-code').value;
    try {
      const alert = await api('/api/v1/alerts/' + encodeURIComponent(selected) + '/' + verb, { method: 'POST', body: JSON.stringify(body) });
      $('message').replaceChildren(phrase('span', 'console.now', { state: Words.term('alert.state.', alert.state) }, { id: alert.id }));
      $('note').value = '';
      onAlert(alert);
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  for (const button of document.querySelectorAll('#actions button')) button.addEventListener('click', () => act(button.dataset.verb));
  setInterval(tick, 1000);
  window.StaffPage.start('console', 'console.title', ready, { reportsLive: true });
})();
