// The ledger view: the cases a person may see (a squad its towns, a leader the cases they own or
// oversee, the duty room all), one case's evidence period, reviews and timeline, and the moves
// the ledger allows. The service decides who may do what; the page only offers the buttons.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let me = null;
  let cases = [];
  let selected = null;
  const when = (t) => window.StaffPage.when(t, me);

  const api = window.StaffPage.api;

  async function refresh() {
    cases = await api('/api/v1/cases');
    renderList();
    if (selected) await show(selected);
  }

  function renderList() {
    const list = $('cases');
    list.replaceChildren();
    $('case-count').textContent = String(cases.length);
    for (const c of cases) {
      const li = document.createElement('li');
      li.className = 'alert case-' + c.state + (c.id === selected ? ' selected' : '');
      li.dataset.caseId = c.id;
      li.dataset.state = c.state;
      const line1 = document.createElement('div');
      line1.className = 'line1';
      line1.textContent = c.id + ' · ' + c.state + (c.reviewOverdue ? ' · review overdue' : '');
      const line2 = document.createElement('div');
      line2.className = 'line2';
      line2.textContent = c.source + ' (' + c.town + ') · ' + (c.cause || '') + ' · owner ' + c.owner
          + (c.deadline ? ' · deadline ' + when(c.deadline) : '');
      li.append(line1, line2);
      li.addEventListener('click', () => show(c.id));
      list.append(li);
    }
  }

  async function show(id) {
    selected = id;
    const c = await api('/api/v1/cases/' + encodeURIComponent(id));
    $('case-title').textContent = c.id + ': ' + c.source + ' (' + c.town + ')';
    $('case-title').dataset.state = c.state;
    $('case-facts').textContent = (c.cause || '') + ' · ' + c.households + ' households · owner ' + c.owner + ' ('
        + c.ownerLevel + ')' + (c.opinion ? ' · plan: ' + c.opinion : '') + (c.escalated ? ' · escalated' : '');
    const ev = c.evidence;
    $('case-evidence').textContent = 'Quiet since ' + when(ev.quietSince) + ' (evidence period '
        + ev.period + '): ' + (ev.met ? 'may be closed out' : 'may be closed out from ' + when(ev.closableFrom));
    $('case-evidence').dataset.met = String(ev.met);
    // The server says which steps this person may take now; the page offers those and no others.
    $('btn-plan').disabled = !c.actions.includes('plan');
    $('btn-verify').disabled = !c.actions.includes('verify');
    $('btn-review').disabled = !c.actions.includes('review');
    $('btn-close-out').disabled = !c.actions.includes('close-out');
    const history = $('history');
    history.replaceChildren();
    for (const e of c.timeline) {
      const li = document.createElement('li');
      li.textContent = when(e.at) + ' ' + e.action + ' by ' + e.by
          + (e.note ? ': ' + e.note : '') + (e.findings ? ': ' + e.findings : '') + (e.escalatedTo ? ' to ' + e.escalatedTo : '');
      history.append(li);
    }
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
    } else if (note) {
      body.note = note;
    }
    try {
      await api('/api/v1/cases/' + encodeURIComponent(selected) + '/' + verb, { method: 'POST', body: JSON.stringify(body) });
      $('message').textContent = 'Case ' + selected + ': ' + verb + ' recorded';
      $('case-note').value = '';
      await refresh();
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  for (const id of ['btn-plan', 'btn-verify', 'btn-review', 'btn-close-out']) {
    $(id).addEventListener('click', () => act($(id).dataset.verb));
  }
  window.StaffPage.start('ledger', async (who) => {
    me = who;
    // A notification's link (#case=ID) opens its case.
    selected = new URLSearchParams(location.hash.slice(1)).get('case') || selected;
    await refresh();
    setInterval(refresh, 15000);
  });
})();
