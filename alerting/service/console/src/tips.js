// The tips view: the list (no text) for staff, and one tip's text and findings for those allowed to
// read them; opening a tip is recorded server-side with the reader's name. The service decides who
// may do what; the page offers the buttons that fit the tip's state.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let me = null;
  let selected = null;
  const when = (t) => window.StaffPage.when(t, me);

  const api = window.StaffPage.api;

  async function refresh() {
    const tips = await api('/api/v1/tips');
    $('tip-count').textContent = String(tips.length);
    const list = $('tips');
    list.replaceChildren();
    for (const t of tips) {
      const li = document.createElement('li');
      li.className = 'alert' + (t.tip === selected ? ' selected' : '');
      li.dataset.tipId = t.tip;
      li.dataset.state = t.status;
      li.textContent = t.tip + ' · ' + t.status + ' · ' + t.class + ' · ' + t.town + ' · received ' + when(t.receivedAt);
      li.addEventListener('click', () => open(t.tip));
      list.append(li);
    }
  }

  async function open(id) {
    selected = id;
    try {
      const t = await api('/api/v1/tips/' + encodeURIComponent(id));
      $('tip-title').textContent = t.tip + ' · ' + t.class + ' · ' + t.town;
      $('tip-title').dataset.state = t.status;
      $('tip-text').textContent = t.text;
      $('tip-findings').textContent = t.findings ? 'Findings: ' + t.findings : '';
      // The server says which steps this person may take now; the page offers those and no others.
      $('btn-investigate').disabled = !t.actions.includes('investigate');
      $('btn-substantiated').disabled = !t.actions.includes('verify');
      $('btn-not-substantiated').disabled = !t.actions.includes('verify');
      $('btn-reward').disabled = !t.actions.includes('reward');
      $('btn-pay').disabled = !t.actions.includes('pay');
      const history = $('history');
      history.replaceChildren();
      for (const r of t.readLog) {
        const li = document.createElement('li');
        li.textContent = 'read by ' + r.by + ' at ' + when(r.at);
        history.append(li);
      }
      $('message').textContent = '';
    } catch (e) {
      $('tip-title').textContent = id + ': ' + e.message;
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
      $('message').textContent = 'Tip ' + selected + ': ' + button.dataset.verb + ' recorded';
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  for (const id of ['btn-investigate', 'btn-substantiated', 'btn-not-substantiated', 'btn-reward', 'btn-pay']) {
    $(id).addEventListener('click', () => act($(id)));
  }
  window.StaffPage.start('tips-view', async (who) => {
    me = who;
    await refresh();
    setInterval(refresh, 15000);
  });
})();
