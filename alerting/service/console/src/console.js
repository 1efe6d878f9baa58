// The duty console: signs in with a staff token, lists open alerts by severity with their
// countdowns, draws sites and buildings on a tile-less map, shows the selected alert's evidence
// and history, and moves alerts on. It stays current through the server-sent event feed, read
// with fetch so the token travels in a header, never in a URL.
(function () {
  'use strict';
  const core = window.ConsoleCore;
  const $ = (id) => document.getElementById(id);
  const SEVERITY_COLOURS = { LOW: '#5b8def', MEDIUM: '#e0b400', HIGH: '#ff7a1a', CRITICAL: '#ff3b3b' };
  let alerts = [];
  let selected = null;
  let map = null;
  const siteMarkers = new Map();
  let chart = null;
  let feedAbort = null;
  let zone = 'UTC';

  const { api, setLive } = window.StaffPage;

  /** The signed-in person: the district's zone for every time shown, then the map, the alerts and the feed. */
  async function ready(me) {
    zone = me.zone || 'UTC';
    $('zone').textContent = 'Times are ' + zone + ' local time (UTC' + (me.utcOffset === 'Z' ? '' : me.utcOffset) + ')';
    $('sign-out').hidden = false;
    await start();
  }

  async function start() {
    drawMap(await api('/api/v1/map'));
    alerts = await api('/api/v1/alerts?state=active&limit=500');
    render();
    follow();
    // A notification's link (#alert=ID) opens its alert.
    const linked = new URLSearchParams(location.hash.slice(1)).get('alert');
    if (linked) await select(linked);
  }

  /** Reads the feed until it ends, then reconnects; each event replaces one alert. */
  async function follow() {
    feedAbort = new AbortController();
    try {
      const response = await window.StaffPage.stream('/api/v1/feed', feedAbort.signal);
      if (!response.ok) throw new Error('feed refused: HTTP ' + response.status);
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
    const list = $('alerts');
    list.replaceChildren(...active.map(item));
    colourSites();
    tick();
  }

  function item(a) {
    const li = document.createElement('li');
    li.className = 'alert sev-' + a.severity + (a.id === selected ? ' selected' : '');
    li.dataset.alertId = a.id;
    li.dataset.state = a.state;
    const line1 = document.createElement('div');
    line1.className = 'line1';
    line1.append(text('span', a.site + ' · ' + (a.display ? a.display.kind : a.kind)), text('span', a.severity));
    const line2 = document.createElement('div');
    line2.className = 'line2';
    line2.append(text('span', a.town + ' · '), text('span', a.state, 'state'), text('span', ' · '));
    const countdown = text('span', '', 'countdown');
    if (a.deadline) countdown.dataset.deadline = JSON.stringify(a.deadline);
    line2.append(countdown);
    li.append(line1, line2);
    li.addEventListener('click', () => select(a.id));
    return li;
  }

  function text(tag, content, className) {
    const el = document.createElement(tag);
    el.textContent = content;
    if (className) el.className = className;
    return el;
  }

  function tick() {
    for (const el of document.querySelectorAll('.countdown[data-deadline]')) {
      const c = core.countdown(JSON.parse(el.dataset.deadline), Date.now());
      el.textContent = c.text;
      el.classList.toggle('overdue', c.overdue);
    }
  }

  async function select(id) {
    selected = id;
    render();
    await showDetail(id);
  }

  async function showDetail(id) {
    const a = await api('/api/v1/alerts/' + encodeURIComponent(id));
    $('detail-title').textContent = a.site + ' · ' + a.display.kind + ' · ' + a.state;
    $('detail-facts').textContent = [
      a.display.summary,
      'severity ' + a.severity,
      'since ' + core.localTime(a.incidentStart, zone),
      a.buildings.length ? 'homes nearby: ' + a.buildings.join(', ') : null,
      a.complaints.length ? a.complaints.length + ' complaint(s)' : null,
      a.breaches.length ? 'missed: ' + a.breaches.join(', ') : null,
    ].filter(Boolean).join(' · ');
    // The server says which steps this person may take now; the page offers those and no others.
    for (const button of document.querySelectorAll('#actions button')) button.disabled = !a.actions.includes(button.dataset.verb);
    $('history').replaceChildren(...a.history.map((h) => text('li',
      core.localTime(h.at, zone) + ' ' + h.action + ' by ' + h.actor + (h.note ? ': ' + h.note : '') + (h.code ? ' [' + h.code + ']' : ''))));
    drawEvidence(await api('/api/v1/alerts/' + encodeURIComponent(id) + '/evidence'));
  }

  function drawEvidence(series) {
    const times = series.points.map((p) => p[0] / 1000);
    const values = series.points.map((p) => p[1]);
    const limits = series.points.map(() => series.limit);
    if (chart) chart.destroy();
    chart = new uPlot({
      width: Math.max(300, $('detail').clientWidth - 20), height: 180,
      series: [{}, { label: series.quantity || 'value', stroke: '#4fc3f7' }, { label: 'limit', stroke: '#ff3b3b', dash: [6, 4] }],
      axes: [{ stroke: '#9aa4ad' }, { stroke: '#9aa4ad' }],
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), zone),
    }, [times, values, limits], $('chart'));
  }

  async function act(verb) {
    if (!selected) return;
    const body = { note: $('note').value || undefined };
    if (verb === 'resolve') body.code = $('resolve-code').value;
    try {
      const alert = await api('/api/v1/alerts/' + encodeURIComponent(selected) + '/' + verb, { method: 'POST', body: JSON.stringify(body) });
      $('message').textContent = alert.id + ' is ' + alert.state;
      $('note').value = '';
      onAlert(alert);
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  /**
   * A registry name as a tooltip's text: Leaflet puts a string tooltip in as HTML, and names come
   * from a settings file, not from us.
   */
  function asText(name) {
    const span = document.createElement('span');
    span.textContent = name;
    return span;
  }

  function drawMap(district) {
    if (map) return;
    map = L.map('map', { attributionControl: false, zoomSnap: 0.25 });
    for (const b of district.buildings) {
      const shape = b.footprint ? L.polygon(b.footprint, { color: '#b0bec5', weight: 1, fillOpacity: 0.35, className: 'building' })
        : L.circleMarker([b.lat, b.lon], { radius: 3, color: '#b0bec5', className: 'building' });
      shape.bindTooltip(asText(b.name)).addTo(map);
    }
    for (const s of district.sites) {
      const marker = L.circleMarker([s.lat, s.lon], { radius: 7, weight: 2, color: '#cfd8dc', fillOpacity: 0.9, className: 'site site-' + s.id });
      marker.bindTooltip(asText(s.id + ' ' + s.name));
      marker.on('click', () => {
        const alert = core.order(alerts).find((a) => a.site === s.id && !core.isClosed(a));
        if (alert) select(alert.id);
      });
      marker.addTo(map);
      siteMarkers.set(s.id, marker);
    }
    map.fitBounds(L.latLngBounds(district.sites.map((s) => [s.lat, s.lon])).pad(0.1));
    colourSites();
  }

  function colourSites() {
    const worst = new Map();
    for (const a of core.order(alerts)) if (!core.isClosed(a) && !worst.has(a.site)) worst.set(a.site, a.severity);
    for (const [site, marker] of siteMarkers) {
      const alerting = worst.has(site);
      marker.setStyle({ fillColor: alerting ? SEVERITY_COLOURS[worst.get(site)] : '#2e7d32' });
      marker.setRadius(alerting ? 10 : 7);
      // Sites in alert are drawn over their quiet neighbours.
      if (alerting) marker.bringToFront();
    }
  }

  $('sign-out').addEventListener('click', () => {
    window.StaffPage.signOut();
    if (feedAbort) feedAbort.abort();
    location.reload();
  });
  for (const button of document.querySelectorAll('#actions button')) button.addEventListener('click', () => act(button.dataset.verb));
  setInterval(tick, 1000);
  window.StaffPage.start('console', ready, { reportsLive: true });
})();
