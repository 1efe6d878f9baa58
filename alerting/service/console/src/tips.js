// Rewarded tips: the list (no text) for staff, and one tip's text, findings, reward and who did
// what for those allowed to read them; opening a tip is recorded server-side with the reader's
// name. The service decides who may do what; the page offers the buttons that fit the tip's state.
(function () {
  'use strict';
  const Words = window.Words;
  const { api, el, datum, phrase, place, t } = window.StaffPage;
  const $ = (id) => document.getElementById(id);
  let me = null;
  let selected = null;
  const when = (time) => window.StaffPage.when(time, me);

  async function refresh() {
    const tips = await api('/api/v1/tips');
    $('tip-count').textContent = String(tips.length);
    $('tips').replaceChildren(...tips.map((tip) => {
      const li = el('li', null, 'alert' + (tip.tip === selected ? ' selected' : ''));
      li.dataset.tipId = tip.tip;
      li.dataset.state = tip.status;
      const line1 = el('div', null, 'line1');
      line1.append(datum(tip.tip), el('span', Words.term('tip.state.', tip.status), 'state'));
      const line2 = el('div', null, 'line2');
      line2.append(datum(tip.className), el('span', ' · '), datum(place(tip.town)),
        el('span', ' · ' + t('tips.received-at', { time: when(tip.receivedAt) })));
      if (tip.reward) line2.append(el('span', ' · ' + t('tips.reward-of', { yuan: tip.reward })));
      li.append(line1, line2);
      li.addEventListener('click', () => open(tip.tip));
      return li;
    }));
  }

  async function open(id) {
    selected = id;
    try {
      const tip = await api('/api/v1/tips/' + encodeURIComponent(id));
      $('tip-title').replaceChildren(datum(tip.tip), el('span', ' · '), datum(tip.className), el('span', ' · '), datum(place(tip.town)));
      $('tip-title').dataset.state = tip.status;
      const facts = [
        el('li', t('tips.fact.state', { state: Words.term('tip.state.', tip.status) })),
        el('li', t('tips.received-at', { time: when(tip.receivedAt) })),
      ];
      if (tip.reward) facts.push(el('li', t('tips.reward-of', { yuan: tip.reward }), 'reward'));
      if (tip.daysToPayout !== null && tip.daysToPayout !== undefined) facts.push(el('li', t('tips.fact.payout', { days: tip.daysToPayout })));
      $('tip-facts').replaceChildren(...facts);
      $('tip-text').textContent = tip.text;
      $('tip-findings').replaceChildren();
      if (tip.findings) $('tip-findings').append(el('span', t('tips.findings') + ': '), datum(tip.findings));
      // The server says which steps this person may take now; the page offers those and no others.
      $('btn-investigate').disabled = !tip.actions.includes('investigate');
      $('btn-substantiated').disabled = !tip.actions.includes('verify');
      $('btn-not-substantiated').disabled = !tip.actions.includes('verify');
      $('btn-reward').disabled = !tip.actions.includes('reward');
      $('btn-pay').disabled = !tip.actions.includes('pay');
      $('history').replaceChildren(...tip.timeline.map((e) => {
        const li = el('li', t('tips.history', { time: when(e.at), action: Words.term('tip.action.', e.action) }) + ' ');
        li.append(e.by === 'tipster' ? el('span', t('tips.tipster')) : datum(e.by));
        if (e.reward) li.append(el('span', ' · ' + t('tips.reward-of', { yuan: e.reward })));
        return li;
      }));
      $('message').textContent = '';
    } catch (e) {
      $('tip-title').replaceChildren(datum(id), el('span', ': '), datum(e.message));
      $('tip-text').textContent = '';
      $('message').textContent = e.message;
    }
    await refresh();
  }

  async function act(button) {
    const body = {};
    if (button.dataset.verb === 'verify') {
      body.substantiated = button.dataset.substantiated === 'true';
      body.findings = $('tip-findings-input').value.trim();
    }
    try {
      await api('/api/v1/tips/' + encodeURIComponent(selected) + '/' + button.dataset.verb,
          { method: 'POST', body: JSON.stringify(body) });
      $('tip-findings-input').value = '';
      await open(selected);
      $('message').replaceChildren(phrase('span', 'tips.recorded', { step: button.textContent }, { id: selected }));
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  for (const id of ['btn-investigate', 'btn-substantiated', 'btn-not-substantiated', 'btn-reward', 'btn-pay']) {
    $(id).addEventListener('click', () => act($(id)));
  }
  window.StaffPage.start('tips-view', 'tips.title', async (who) => {
    me = who;
    await refresh();
    setInterval(refresh, 15000);
  });
})();
