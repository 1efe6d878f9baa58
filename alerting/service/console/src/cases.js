// The ledger: the cases a person may see (a squad its towns, a leader the cases they own or
// oversee, the duty room all), filtered by town, state and overdue; opening a case; one case's
// evidence period, reviews and timeline; and the moves the ledger allows. The service decides who
// may do what; the page only offers the buttons.
(function () {
  'use strict';
  const Words = window.Words;
  const { api, el, datum, phrase, place, named, options, t } = window.StaffPage;
  const $ = (id) => document.getElementById(id);
  const STATES = ['open', 'rectifying', 'verifying', 'closed-out'];
  let me = null;
  let cases = [];
  let selected = null;
  const when = (time) => window.StaffPage.when(time, me);

  function query() {
    const q = new URLSearchParams();
    if ($('filter-town').value) q.set('town', $('filter-town').value);
    if ($('filter-state').value) q.set('state', $('filter-state').value);
    if ($('filter-overdue').checked) q.set('overdue', 'true');
    return q.toString() ? '?' + q : '';
  }

  async function refresh() {
    cases = await api('/api/v1/cases' + query());
    renderList();
    if (selected) await show(selected);
  }

  function renderList() {
    $('case-count').textContent = String(cases.length);
    $('cases').replaceChildren(...cases.map((c) => {
      const li = el('li', null, 'alert case-' + c.state + (c.id === selected ? ' selected' : '') + (c.escalated ? ' escalated' : ''));
      li.dataset.caseId = c.id;
      li.dataset.state = c.state;
      const line1 = el('div', null, 'line1');
      line1.append(datum(c.id), el('span', ' · ' + Words.term('case.state.', c.state)));
      if (c.escalated) line1.append(el('span', t('ledger.escalated'), 'badge escalated'));
      if (c.overdue) line1.append(el('span', t('ledger.overdue'), 'badge overdue'));
      const line2 = el('div', null, 'line2');
      line2.append(datum(named(c.source)), el('span', ' · '), datum(place(c.town)), el('span', ' · '), datum(c.cause || ''),
        el('span', ' · ' + t('ledger.owner') + ' '), datum(c.owner));
      if (c.deadline) line2.append(el('span', ' · ' + t('ledger.deadline-at', { time: when(c.deadline) })));
      li.append(line1, line2);
      li.addEventListener('click', () => show(c.id));
      return li;
    }));
  }

  async function show(id) {
    selected = id;
    const c = await api('/api/v1/cases/' + encodeURIComponent(id));
    $('case-title').replaceChildren(datum(c.id), el('span', ': '), datum(named(c.source)), el('span', ' · '), datum(place(c.town)));
    $('case-title').dataset.state = c.state;
    const facts = [
      el('li', t('ledger.fact.state', { state: Words.term('case.state.', c.state) })),
      datum(c.cause || '', 'li'),
      el('li', t('ledger.fact.households', { count: c.households })),
    ];
    const owner = el('li', t('ledger.owner') + ' ');
    owner.append(datum(c.owner), el('span', ' · ' + t('ledger.fact.level', { level: Words.term('case.level.', c.ownerLevel) })));
    facts.push(owner);
    if (c.unit) facts.push(datum(c.unit, 'li'));
    if (c.opinion) {
      const plan = el('li', t('ledger.fact.plan') + ' ');
      plan.append(datum(c.opinion));
      facts.push(plan);
    }
    if (c.deadline) facts.push(el('li', t('ledger.deadline-at', { time: when(c.deadline) })));
    if (c.escalated) facts.push(el('li', t('ledger.escalated'), 'escalated'));
    if (c.peopleInvolved) facts.push(el('li', t('ledger.fact.people', { count: c.peopleInvolved }), 'people-involved'));
    if (c.keyPersons.length) {
      const keys = el('li', t('ledger.fact.key-persons') + ' ', 'key-persons');
      keys.append(datum(c.keyPersons.join(', ')));
      facts.push(keys);
    }
    if (c.forecast) {
      const forecast = el('li', t('ledger.fact.forecast') + ' ', 'forecast');
      forecast.append(datum(c.forecast));
      facts.push(forecast);
    }
    $('case-people').value = String(c.peopleInvolved || 0);
    $('case-key-persons').value = c.keyPersons.join(', ');
    $('case-forecast').value = c.forecast || '';
    $('case-facts').replaceChildren(...facts);
    const ev = c.evidence;
    $('case-evidence').textContent = t(ev.met ? 'ledger.evidence.met' : 'ledger.evidence.not-yet',
      { quietSince: when(ev.quietSince), days: ev.periodDays, from: when(ev.closableFrom) });
    $('case-evidence').dataset.met = String(ev.met);
    // The server says which steps this person may take now; the page offers those and no others.
    for (const button of document.querySelectorAll('#actions button, #people-actions button')) button.disabled = !c.actions.includes(button.dataset.verb);
    $('history').replaceChildren(...c.timeline.map((e) => {
      const li = el('li', t('ledger.history', { time: when(e.at), action: Words.term('case.action.', e.action) }) + ' ');
      li.append(datum(e.by));
      for (const said of [e.note, e.opinion, e.findings, e.forecast]) if (said) li.append(el('span', ': '), datum(said));
      if (e.escalatedTo) li.append(el('span', ' → ' + Words.term('staff.role.', e.escalatedTo)));
      return li;
    }));
    renderList();
  }

  async function act(verb) {
    const note = $('case-note').value.trim();
    const body = {};
    if (verb === 'plan') {
      body.opinion = note;
      body.deadline = window.StaffPage.typed($('case-deadline').value, me);
    } else if (verb === 'review') {
      body.findings = note;
      body.nextSteps = $('case-next').value.trim();
    } else if (verb === 'people') {
      Object.assign(body, people('case-people', 'case-key-persons', 'case-forecast'));
    } else if (note) {
      body.note = note;
    }
    try {
      await api('/api/v1/cases/' + encodeURIComponent(selected) + '/' + verb, { method: 'POST', body: JSON.stringify(body) });
      $('message').replaceChildren(phrase('span', 'ledger.recorded', { step: t('ledger.' + verb) }, { id: selected }));
      $('case-note').value = '';
      await refresh();
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  /** Who a case concerns, from three inputs: a count, key persons' references (comma or space apart), a forecast. */
  function people(count, keys, forecast) {
    const body = {
      peopleInvolved: Number($(count).value || 0),
      keyPersons: $(keys).value.split(/[\s,，]+/).filter((k) => k),
    };
    if ($(forecast).value.trim()) body.forecast = $(forecast).value.trim();
    return body;
  }

  /** The sources a case may be about in a town: its sites and its homes, by name. */
  function sources() {
    const district = window.StaffPage.district();
    const town = $('open-town').value;
    const here = [...district.sites, ...district.buildings].filter((p) => p.town === town).map((p) => p.id);
    options($('open-source'), 'ledger.open.pick-source', here, named, true);
  }

  async function open(e) {
    e.preventDefault();
    const body = {
      town: $('open-town').value,
      source: $('open-source').value,
      cause: $('open-cause').value.trim(),
      households: Number($('open-households').value || 0),
    };
    if ($('open-unit').value.trim()) body.unit = $('open-unit').value.trim();
    if ($('open-note').value.trim()) body.note = $('open-note').value.trim();
    Object.assign(body, people('open-people', 'open-key-persons', 'open-forecast'));
    try {
      const c = await api('/api/v1/cases', { method: 'POST', body: JSON.stringify(body) });
      $('message').replaceChildren(phrase('span', 'ledger.opened', {}, { id: c.id }));
      $('open-form').reset();
      selected = c.id;
      await refresh();
    } catch (error) {
      $('message').textContent = error.message;
    }
  }

  for (const id of ['btn-plan', 'btn-verify', 'btn-review', 'btn-close-out', 'btn-people']) {
    $(id).addEventListener('click', () => act($(id).dataset.verb));
  }
  window.StaffPage.start('ledger', 'ledger.title', async (who) => {
    me = who;
    const towns = window.StaffPage.district().towns.map((town) => town.id);
    options($('filter-town'), 'ledger.filter.all-towns', towns, place, true);
    options($('filter-state'), 'ledger.filter.all-states', STATES, (s) => Words.term('case.state.', s));
    options($('open-town'), 'ledger.open.pick-town', towns, place, true);
    for (const id of ['filter-town', 'filter-state', 'filter-overdue']) $(id).addEventListener('change', refresh);
    $('open-town').addEventListener('change', sources);
    sources();
    $('open-form').addEventListener('submit', open);
    // A notification's link (#case=ID) opens its case.
    selected = new URLSearchParams(location.hash.slice(1)).get('case') || selected;
    await refresh();
    setInterval(refresh, 15000);
  });
})();
