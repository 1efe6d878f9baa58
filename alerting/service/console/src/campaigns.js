// Campaigns: the bureau's time-boxed drives with targets (complaints down, escalated complaints
// down, against a baseline period), and each town's progress against each target as of now.
(function () {
  'use strict';
  const Words = window.Words;
  const { api, el, datum, place, t } = window.StaffPage;
  const $ = (id) => document.getElementById(id);
  let selected = null;

  async function refresh() {
    const campaigns = await api('/api/v1/campaigns');
    $('campaign-count').textContent = String(campaigns.length);
    $('campaigns').replaceChildren(...campaigns.map((c) => {
      const li = el('li', null, 'alert' + (c.id === selected ? ' selected' : ''));
      li.dataset.campaignId = c.id;
      const line1 = el('div', null, 'line1');
      line1.append(datum(c.name));
      const line2 = el('div', null, 'line2');
      line2.append(el('span', t('campaigns.period', { from: c.from, until: c.until })));
      li.append(line1, line2);
      li.addEventListener('click', () => show(c.id));
      return li;
    }));
  }

  /** A change in percent ("-30 %", "+5 %") in the reader's language's own way of writing one. */
  function percent(value) {
    if (value === null || value === undefined) return '–';
    return new Intl.NumberFormat(Words.language(), { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 })
      .format(value / 100);
  }

  async function show(id) {
    selected = id;
    try {
      const c = await api('/api/v1/campaigns/' + encodeURIComponent(id));
      $('campaign-title').replaceChildren(datum(c.name));
      const towns = el('li', t('campaigns.towns') + ' ');
      towns.append(datum(c.towns.map(place).join(t('page.list-separator'))));
      const facts = [
        el('li', t('campaigns.period', { from: c.from, until: c.until })),
        el('li', t('campaigns.baseline-period', { from: c.baselineFrom, until: c.baselineUntil })),
        towns,
        el('li', t('campaigns.targets', { complaints: percent(c.targets.complaints), escalated: percent(c.targets.escalated) })),
      ];
      if (c.categories.length) {
        facts.push(el('li', t('campaigns.categories', {
          categories: c.categories.map((x) => Words.term('complaint.category.', x)).join(t('page.list-separator')),
        })));
      }
      if (c.tipMultiplier && c.tipMultiplier !== 1) facts.push(el('li', t('campaigns.multiplier', { times: c.tipMultiplier })));
      const by = el('li', t('campaigns.defined-by') + ' ');
      by.append(datum(c.definedBy));
      facts.push(by);
      $('campaign-facts').replaceChildren(...facts);
      $('progress').hidden = false;
      $('progress').querySelector('tbody').replaceChildren(...c.progress.map((p) => {
        const row = el('tr', null, p.met ? 'met' : 'not-met');
        row.dataset.town = p.town;
        row.dataset.target = p.target;
        const cells = [
          datum(place(p.town), 'td'),
          el('td', t('campaigns.target.' + p.target)),
          datum(String(p.baseline), 'td'),
          datum(String(p.current), 'td'),
          el('td', percent(p.changePercent)),
          el('td', percent(p.goalPercent)),
          el('td', t(p.met ? 'campaigns.yes' : 'campaigns.no')),
        ];
        row.append(...cells);
        return row;
      }));
      $('message').textContent = '';
    } catch (e) {
      $('message').textContent = e.message;
    }
    await refresh();
  }

  window.StaffPage.start('campaigns-view', 'campaigns.title', async () => {
    await refresh();
    setInterval(refresh, 60000);
  });
})();
