// What every console page shares (the duty console, the ledger and the tips pages): the token kept
// for the browser tab only, calls that carry it in a header (never in a URL), signing in and out,
// the live status, and times on the district's clock.
window.StaffPage = (function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem('envwatch.token');

  function authorised(headers = {}) {
    return { Authorization: 'Bearer ' + token, ...headers };
  }

  async function api(path, options = {}) {
    const response = await fetch(path, {
      ...options,
      headers: authorised({ 'Content-Type': 'application/json', ...(options.headers || {}) }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw Object.assign(new Error(body.error || 'HTTP ' + response.status), { status: response.status });
    return body;
  }

  /** A streamed answer (the live feed), with the token in its header. */
  function stream(path, signal) {
    return fetch(path, { headers: authorised(), signal });
  }

  function setLive(live) {
    $('live-status').textContent = live ? 'live' : 'reconnecting';
    $('live-status').className = live ? 'live' : 'offline';
  }

  /**
   * Signs in with the token, shows the page's main element and hands the person to {@code ready}.
   * A page that follows a feed says when it is live itself ({@code reportsLive}).
   */
  async function signIn(candidate, main, ready, reportsLive) {
    token = candidate;
    try {
      const me = await api('/api/v1/whoami');
      sessionStorage.setItem('envwatch.token', token);
      $('who').textContent = me.name + ' (' + me.role + (me.team ? ', ' + me.team : '') + ')';
      $('sign-in').hidden = true;
      $(main).hidden = false;
      await ready(me);
      if (!reportsLive) setLive(true);
    } catch (e) {
      token = null;
      sessionStorage.removeItem('envwatch.token');
      $('sign-in').hidden = false;
      $('sign-in-error').textContent = e.status === 401 ? 'Unknown token' : 'Cannot reach the duty service: ' + e.message;
    }
  }

  /** Signs in with the tab's token if it has one, else shows the form. */
  function start(main, ready, { reportsLive = false } = {}) {
    $('sign-in').addEventListener('submit', (e) => {
      e.preventDefault();
      signIn($('token').value.trim(), main, ready, reportsLive);
    });
    if (token) signIn(token, main, ready, reportsLive); else $('sign-in').hidden = false;
  }

  /** Forgets the tab's token. */
  function signOut() {
    token = null;
    sessionStorage.removeItem('envwatch.token');
  }

  /** A time in the district's local time, whatever the browser's zone, in the console's one format. */
  function when(t, me) {
    return window.ConsoleCore.localTime(new Date(t).toISOString(), (me && me.zone) || 'UTC');
  }

  /** A wall-clock time typed in a form, read on the district's clock. */
  function typed(wallClock, me) {
    return window.ConsoleCore.zonedToIso(wallClock, (me && me.zone) || 'UTC');
  }

  return { api, stream, start, signOut, setLive, when, typed };
})();
