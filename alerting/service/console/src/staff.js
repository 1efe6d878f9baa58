// What every console page shares (the duty console, the ledger, tips, campaigns and ratings): the
// header and the sign-in form, the token kept for the browser tab only, calls that carry it in a
// header (never in a URL) with the reader's language, the live status, the district's names for
// its towns, teams, sites and homes, and times on the district's clock in one format.
window.StaffPage = (function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const Words = window.Words;
  const t = Words.t;
  const PAGES = [
    ['index.html', 'nav.console'],
    ['cases.html', 'nav.ledger'],
    ['tips.html', 'nav.tips'],
    ['campaigns.html', 'nav.campaigns'],
    ['ratings.html', 'nav.ratings'],
    ['places.html', 'nav.places'],
    ['grids.html', 'nav.grids'],
    ['patrol.html', 'nav.patrol'],
  ];
  /** Grid and information officers reach their patrol page and nothing else. */
  const FIELD_ROLES = ['grid-officer', 'information-officer'];
  let token = sessionStorage.getItem('envwatch.token');
  let district = null;
  /** Marks where a datum goes in a formatted sentence: an invisible separator no catalogue uses. */
  const MARK = '\u2063';

  function authorised(headers = {}) {
    return { Authorization: 'Bearer ' + token, 'Accept-Language': Words.language() || 'en', ...headers };
  }

  async function api(path, options = {}) {
    const response = await fetch(path, {
      ...options,
      headers: authorised({ 'Content-Type': 'application/json', ...(options.headers || {}) }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw Object.assign(new Error(body.error || t('page.http-error', { status: response.status })), { status: response.status });
    }
    return body;
  }

  /** A streamed answer (the live feed), with the token in its header. */
  function stream(path, signal) {
    return fetch(path, { headers: authorised(), signal });
  }

  /** An element with text: a datum (an id, a name from the registry, a figure) is marked as one. */
  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  /** Text that comes from data, not from the catalogue: ids, names, figures, notes people wrote. */
  function datum(text, tag = 'span') {
    return el(tag, text, 'datum');
  }

  /**
   * A sentence of the catalogue with data in it ("Case {id} opened"): the words as text, each of
   * {@code data}'s values (ids, names, what people wrote) as a datum element among them.
   */
  function phrase(tag, key, args = {}, data = {}) {
    const names = Object.keys(data);
    const marks = Object.fromEntries(names.map((name, i) => [name, MARK + i + MARK]));
    const e = el(tag);
    t(key, { ...args, ...marks }).split(MARK).forEach((part, i) => {
      if (i % 2 === 1) e.append(datum(String(data[names[Number(part)]])));
      else if (part) e.append(document.createTextNode(part));
    });
    return e;
  }

  function header(title) {
    const h = $('page-header');
    const nav = el('nav');
    const here = location.pathname.split('/').pop() || 'index.html';
    for (const [href, key] of PAGES) {
      const a = el('a');
      a.href = href;
      a.dataset.i18n = key;
      if (href === here) a.setAttribute('aria-current', 'page');
      nav.append(a);
    }
    const h1 = el('h1');
    h1.dataset.i18n = title;
    const who = el('span', '', 'datum');
    who.id = 'who';
    const zone = el('span');
    zone.id = 'zone';
    const language = el('select');
    language.id = 'language';
    language.dataset.i18nAriaLabel = 'page.language';
    const live = el('span', '', 'offline');
    live.id = 'live-status';
    live.dataset.i18n = 'page.offline';
    const out = el('button');
    out.id = 'sign-out';
    out.hidden = true;
    out.dataset.i18n = 'page.sign-out';
    out.addEventListener('click', () => {
      signOut();
      location.reload();
    });
    h.replaceChildren(h1, nav, who, zone, language, live, out);

    const form = $('sign-in');
    const label = el('label');
    label.htmlFor = 'token';
    label.dataset.i18n = 'page.token';
    const input = el('input');
    Object.assign(input, { id: 'token', type: 'password', autocomplete: 'off', required: true });
    const button = el('button');
    Object.assign(button, { id: 'sign-in-button', type: 'submit' });
    button.dataset.i18n = 'page.sign-in';
    const error = el('p');
    error.id = 'sign-in-error';
    error.setAttribute('role', 'alert');
    form.replaceChildren(label, input, button, error);
  }

  function setLive(live) {
    $('live-status').textContent = t(live ? 'page.live' : 'page.reconnecting');
    $('live-status').className = live ? 'live' : 'offline';
  }

  /**
   * Signs in with the token, words the page in the person's language (their choice in this
   * browser, else the district's), shows the page's main element and hands the person to {@code ready}.
   * A page that follows a feed says when it is live itself ({@code reportsLive}).
   */
  async function signIn(candidate, main, ready, reportsLive) {
    token = candidate;
    try {
      const me = await api('/api/v1/whoami');
      sessionStorage.setItem('envwatch.token', token);
      if (!Words.chosen() && me.language && me.language !== Words.language()) {
        await Words.use(me.language);
        $('language').value = Words.language();
      }
      $('who').textContent = me.name;
      $('who').title = Words.term('staff.role.', me.role) + (me.team ? ' · ' + me.team : '');
      $('zone').textContent = t('page.zone', { zone: zoneName(me.zone), offset: me.utcOffset === 'Z' ? '' : me.utcOffset });
      $('sign-in').hidden = true;
      $('sign-out').hidden = false;
      $(main).hidden = false;
      if (FIELD_ROLES.includes(me.role)) {
        document.querySelector('#page-header nav').hidden = true;
        district = { sites: [], buildings: [], towns: [], teams: [] };
      } else {
        district = await api('/api/v1/map');
      }
      await ready(me);
      if (!reportsLive) setLive(true);
    } catch (e) {
      token = null;
      sessionStorage.removeItem('envwatch.token');
      $('sign-in').hidden = false;
      $('sign-in-error').replaceChildren(e.status === 401 ? el('span', e.message) : phrase('span', 'page.unreachable', {}, { reason: e.message }));
    }
  }

  /** Words the page, then signs in with the tab's token if it has one, else shows the form. */
  async function start(main, title, ready, { reportsLive = false } = {}) {
    header(title);
    await Words.use(Words.chosen() || Words.fromBrowser());
    Words.picker($('language'));
    $('sign-in').addEventListener('submit', (e) => {
      e.preventDefault();
      signIn($('token').value.trim(), main, ready, reportsLive);
    });
    if (token) await signIn(token, main, ready, reportsLive); else $('sign-in').hidden = false;
  }

  /** Forgets the tab's token. */
  function signOut() {
    token = null;
    sessionStorage.removeItem('envwatch.token');
  }

  /** The district's zone as the reader's language names it ("China Standard Time", "中国标准时间"). */
  function zoneName(zone) {
    const parts = new Intl.DateTimeFormat(Words.language(), { timeZone: zone, timeZoneName: 'long' }).formatToParts(new Date());
    const name = parts.find((p) => p.type === 'timeZoneName');
    return name ? name.value : zone;
  }

  /** A time in the district's local time, whatever the browser's zone, in the console's one format. */
  function when(time, me) {
    return window.ConsoleCore.localTime(new Date(time).toISOString(), (me && me.zone) || 'UTC');
  }

  /** A wall-clock time typed in a form, read on the district's clock. */
  function typed(wallClock, me) {
    return window.ConsoleCore.zonedToIso(wallClock, (me && me.zone) || 'UTC');
  }

  /** The district as the registry names it: towns, teams, sites, homes and river stations by id. */
  function place(id) {
    if (!district || id === null || id === undefined) return id;
    for (const list of [district.sites, district.buildings, district.towns, district.teams, (district.river || {}).stations || []]) {
      const found = list.find((x) => x.id === id);
      if (found) return found.name;
    }
    return id;
  }

  /** A site or home by name with its id, "凤岗印染厂东厂界 (FE-N03)": the name people know, the id on the radio. */
  function named(id) {
    const name = place(id);
    return name === id ? id : name + ' (' + id + ')';
  }

  /**
   * A select's options: an empty choice named by {@code anyKey}, then one per value with its label,
   * marked as data when the labels are names from the registry ({@code named}).
   */
  function options(select, anyKey, values, label, named = false) {
    const first = el('option');
    first.value = '';
    first.dataset.i18n = anyKey;
    first.textContent = t(anyKey);
    select.replaceChildren(first, ...values.map((v) => {
      const o = el('option', label(v), named ? 'datum' : undefined);
      o.value = v;
      return o;
    }));
  }

  return {
    api, stream, start, setLive, when, typed, el, datum, phrase, place, named, options, t,
    district: () => district,
  };
})();
