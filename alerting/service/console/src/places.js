// Places: the villages and communities a person covers (属地). The month's ranking by complaints,
// the leaders' reception days of the month (recording one held), the villages under special
// supervision with their reasons and interviews (recording one), and the year's assessment with
// the veto, downloadable as CSV. The service decides who may record what.
(function () {
  'use strict';
  const Words = window.Words;
  const { api, stream, el, datum, phrase, place, options, t } = window.StaffPage;
  const $ = (id) => document.getElementById(id);

  function row(cells) {
    const tr = el('tr');
    tr.append(...cells);
    return tr;
  }

  /** The duty room's response to the village's alerts: the share on scene in time and the mean minutes. */
  function onScene(v) {
    if (v.onSceneInTimePercent === null || v.onSceneInTimePercent === undefined) return datum('-', 'td');
    return phrase('td', 'places.response', {},
      { percent: Math.round(v.onSceneInTimePercent), minutes: v.minutesToScene === null ? '-' : v.minutesToScene });
  }

  async function ranking() {
    const month = $('month').value;
    const villages = await api('/api/v1/villages?month=' + encodeURIComponent(month));
    $('ranking').querySelector('tbody').replaceChildren(...villages.map((v) => {
      const tr = row([datum(String(v.rank), 'td'), datum(v.name, 'td'), datum(String(v.complaints), 'td'),
        datum(String(v.corroborated), 'td'), datum(String(v.escalated), 'td'), datum(String(v.incidents), 'td'),
        datum(v.casesOpened + ' / ' + v.casesClosed, 'td'), onScene(v)]);
      tr.dataset.village = v.village;
      return tr;
    }));
  }

  async function reception() {
    const days = await api('/api/v1/reception?month=' + encodeURIComponent($('month').value));
    $('reception').querySelector('tbody').replaceChildren(...days.map((d) => {
      const tr = row([datum(d.date, 'td'), datum(place(d.town), 'td'), datum(d.leader, 'td'),
        el('td', Words.term('reception.status.', d.status), 'status-' + d.status),
        datum(d.complaints === undefined ? '' : String(d.complaints), 'td')]);
      tr.dataset.status = d.status;
      return tr;
    }));
    const open = days.filter((d) => d.status === 'due' || d.status === 'missed');
    options($('held-day'), 'places.held.pick', open.map((d) => d.town + '/' + d.date),
      (key) => place(key.split('/')[0]) + ' ' + key.split('/')[1], true);
  }

  async function supervision() {
    const villages = await api('/api/v1/supervision');
    const supervised = villages.filter((v) => v.supervised);
    $('supervision').replaceChildren(...supervised.map((v) => {
      const li = el('li', t('places.supervised-since', { since: v.since }) + ' ', 'supervised');
      li.dataset.village = v.village;
      li.prepend(datum(v.name), el('span', ' · '));
      li.append(datum(v.reasons || ''));
      if (v.interviews.length) {
        const list = el('ul');
        list.append(...v.interviews.map((i) => {
          const item = el('li', t('places.interviewed', { nextCheck: i.nextCheck || '-' }) + ' ');
          item.append(datum(i.interviewee + ': ' + i.findings + ' / ' + i.commitments));
          return item;
        }));
        li.append(list);
      }
      return li;
    }));
    const names = Object.fromEntries(supervised.map((v) => [v.village, v.name]));
    options($('interview-village'), 'places.interview.pick', supervised.map((v) => v.village), (id) => names[id], true);
  }

  async function assessment() {
    const rows = await api('/api/v1/villages/assessment?year=' + encodeURIComponent($('year').value));
    $('assessment').querySelector('tbody').replaceChildren(...rows.map((r) => {
      const tr = row([datum(r.name, 'td'), datum(String(r.complaints), 'td'),
        datum(r.escalated + ' / ' + r.escalatedLastYear, 'td'),
        el('td', t(r.underSupervision ? 'places.yes' : 'places.no')), datum(String(r.interviews), 'td'),
        el('td', t(r.veto ? 'places.vetoed' : 'places.passed'), r.veto ? 'veto' : '')]);
      tr.dataset.village = r.village;
      tr.dataset.veto = String(r.veto);
      return tr;
    }));
  }

  async function refresh() {
    try {
      await Promise.all([ranking(), reception(), supervision(), assessment()]);
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  async function submit(form, path, body, done) {
    try {
      await api(path, { method: 'POST', body: JSON.stringify(body) });
      $(form).reset();
      $('message').textContent = t(done);
      await refresh();
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  async function downloadCsv() {
    const year = $('year').value;
    const response = await stream('/api/v1/villages/assessment.csv?year=' + encodeURIComponent(year));
    if (!response.ok) {
      $('message').textContent = t('page.http-error', { status: response.status });
      return;
    }
    const link = el('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = 'village-assessment-' + year + '.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  }

  window.StaffPage.start('places-view', 'places.title', async (me) => {
    // The district's month on the service's clock, not the browser's.
    $('month').value = me.today.slice(0, 7);
    $('year').value = me.today.slice(0, 4);
    $('month').addEventListener('change', refresh);
    $('year').addEventListener('change', refresh);
    $('btn-csv').addEventListener('click', downloadCsv);
    $('held-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const [town, date] = $('held-day').value.split('/');
      const body = { visitors: Number($('held-visitors').value || 0) };
      if ($('held-note').value.trim()) body.note = $('held-note').value.trim();
      submit('held-form', '/api/v1/reception/' + encodeURIComponent(town) + '/' + encodeURIComponent(date) + '/held', body, 'places.held.done');
    });
    $('interview-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const body = {
        interviewee: $('interview-interviewee').value.trim(),
        findings: $('interview-findings').value.trim(),
        commitments: $('interview-commitments').value.trim(),
      };
      if ($('interview-next-check').value) body.nextCheck = $('interview-next-check').value;
      submit('interview-form', '/api/v1/supervision/' + encodeURIComponent($('interview-village').value) + '/interviews', body,
        'places.interview.done');
    });
    await refresh();
  });
})();
