// What the console's staff pages share (the ledger and the tips pages): the token kept for the
// browser tab only, JSON calls that carry it in a header (never in a URL), and signing in.
window.StaffPage = (function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem('envwatch.token');

  async function api(path, options = {}) {
    const response = await fetch(path, {
      ...options,
      headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json', ...(options.headers || {}) },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw Object.assign(new Error(body.error || 'HTTP ' + response.status), { status: response.status });
    return body;
  }

  /** Signs in with the token, shows the page's main element and hands the person to {@code ready}. */
  async function signIn(candidate, main, ready) {
    token = candidate;
    try {
      const me = await api('/api/v1/whoami');
      sessionStorage.setItem('envwatch.token', token);
      $('who').textContent = me.name + ' (' + me.role + ')';
      $('sign-in').hidden = true;
      $(main).hidden = false;
      await ready(me);
      $('live-status').textContent = 'live';
      $('live-status').className = 'live';
    } catch (e) {
      token = null;
      sessionStorage.removeItem('envwatch.token');
      $('sign-in').hidden = false;
      $('sign-in-error').textContent = e.status === 401 ? 'Unknown token' : 'Cannot reach the duty service: ' + e.message;
    }
  }

  /** Signs in with the tab's token if it has one, else shows the form. */
  function start(main, ready) {
    $('sign-in').addEventListener('submit', (e) => {
      e.preventDefault();
      signIn($('token').value, main, ready);
    });
    if (token) signIn(token, main, ready); else $('sign-in').hidden = false;
  }

  /** A time in the district's local time, whatever the browser's zone, in the console's one format. */
  function when(t, me) {
    return window.ConsoleCore.localTime(new Date(t).toISOString(), (me && me.zone) || 'UTC');
  }

  /** A wall-clock time typed in a form, read on the district's clock. */
  function typed(wallClock, me) {
    return window.ConsoleCore.zonedToIso(wallClock, (me && me.zone) || 'UTC');
  }

  return { api, start, when, typed };
})();
