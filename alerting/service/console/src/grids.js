// Grids: the duty room's view of the towns' patrols. The day's rounds (a missed one flagged, as the
// duty room was told), the findings and information officers' early reports with their photos, and
// taking a finding into a case, a new one or one already in the ledger (a closed-out case reopens).
(function () {
  'use strict';
  const Words = window.Words;
  const { api, stream, el, datum, named, options, phrase, t, when, district } = window.StaffPage;
  const $ = (id) => document.getElementById(id);
  let me = null;
  let findings = [];
  let cases = [];
  const photoUrls = [];

  async function rounds() {
    const list = await api('/api/v1/patrols/rounds?date=' + encodeURIComponent($('date').value));
    $('rounds').querySelector('tbody').replaceChildren(...list.map((r) => {
      const tr = el('tr');
      tr.dataset.grid = r.grid;
      tr.dataset.start = r.start;
      tr.dataset.status = r.status;
      const status = el('td', Words.term('patrol.status.', r.status), 'status-' + r.status);
      if (r.flagged) status.append(el('span', t('grids.flagged'), 'badge overdue'));
      tr.append(datum(r.gridName + (r.villageName ? ' · ' + r.villageName : ''), 'td'), datum(r.start, 'td'), status,
        datum(r.visits.length + ' / ' + r.points, 'td'));
      return tr;
    }));
  }

  /** A photo is read with the token, never through a URL that carries it. */
  async function photo(hash, into) {
    const response = await stream('/api/v1/patrols/photos/' + encodeURIComponent(hash));
    if (!response.ok) {
      into.append(el('span', t(response.status === 409 ? 'grids.photo-altered' : 'page.http-error', { status: response.status }), 'missed'));
      return;
    }
    const img = el('img');
    img.alt = t('grids.photo');
    img.className = 'finding-photo';
    img.src = URL.createObjectURL(await response.blob());
    photoUrls.push(img.src);
    into.append(img);
  }

  async function listFindings() {
    findings = await api('/api/v1/patrols/findings?date=' + encodeURIComponent($('date').value));
    photoUrls.splice(0).forEach((u) => URL.revokeObjectURL(u));
    $('findings').replaceChildren(...findings.map((f) => {
      const li = el('li', '', 'alert finding kind-' + f.kind);
      li.dataset.finding = f.id;
      li.dataset.kind = f.kind;
      const line1 = el('div', '', 'line1');
      line1.append(datum(f.id), el('span', Words.term('patrol.kind.', f.kind) + ' · ' + Words.term('complaint.category.', f.category)));
      const line2 = el('div', '', 'line2');
      line2.append(datum(when(f.at, me)), el('span', ' · '), datum(f.villageName || f.grid), el('span', ' · '), datum(f.by));
      li.append(line1, line2, datum(f.text, 'p'));
      if (f.photo) photo(f.photo, li);
      return li;
    }));
    options($('take-finding'), 'grids.take.pick', findings.filter((f) => f.kind === 'finding').map((f) => f.id),
      (id) => id + ' ' + findings.find((f) => f.id === id).text.slice(0, 40), true);
  }

  async function casesOfTown() {
    const f = findings.find((x) => x.id === $('take-finding').value);
    if (!f) return;
    cases = cases.length ? cases : await api('/api/v1/cases');
    const ofTown = cases.filter((c) => c.town === f.town);
    options($('take-case'), 'grids.take.new', ofTown.map((c) => c.id), (id) => {
      const c = ofTown.find((x) => x.id === id);
      return id + ' ' + named(c.source) + ' · ' + Words.term('case.state.', c.state);
    }, true);
    const places = [...district().sites, ...district().buildings].filter((p) => p.town === f.town);
    options($('take-source'), 'grids.take.pick-source', places.map((p) => p.id), named, true);
    $('take-cause').value = f.text.slice(0, 200);
  }

  async function take(e) {
    e.preventDefault();
    const f = findings.find((x) => x.id === $('take-finding').value);
    try {
      const c = $('take-case').value
        ? await api('/api/v1/cases/' + encodeURIComponent($('take-case').value) + '/finding', {
          method: 'POST', body: JSON.stringify({ patrolFinding: f.id }),
        })
        : await api('/api/v1/cases', {
          method: 'POST',
          body: JSON.stringify({ town: f.town, source: $('take-source').value, cause: $('take-cause').value.trim(), patrolFinding: f.id }),
        });
      cases = [];
      $('message').replaceChildren(phrase('span', 'grids.take.done', {}, { finding: f.id, id: c.id }));
    } catch (err) {
      $('message').textContent = err.message;
    }
  }

  async function refresh() {
    try {
      await Promise.all([rounds(), listFindings()]);
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  window.StaffPage.start('grids-view', 'grids.title', async (person) => {
    me = person;
    $('date').value = me.today;
    $('date').addEventListener('change', refresh);
    $('take-finding').addEventListener('change', () => casesOfTown().catch((e) => { $('message').textContent = e.message; }));
    $('take-form').addEventListener('submit', take);
    await refresh();
  });
})();
