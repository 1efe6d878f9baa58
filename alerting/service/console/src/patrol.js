// The patrol page, for a phone out in the villages: a grid officer's rounds of today with a check-in
// at each point where the phone is (its position and clock are sent, the service decides whether
// they are close enough), and the findings form, which an information officer uses for early
// reports. A photo is scaled down on the phone before it is sent; the service keeps it under its hash.
(function () {
  'use strict';
  const Words = window.Words;
  const { api, el, datum, options, phrase, t, when } = window.StaffPage;
  const $ = (id) => document.getElementById(id);
  /** Enough to read a plate or a pipe; a phone's full-size photo is ten times the bytes. */
  const PHOTO_EDGE = 1600;
  let me = null;

  /** Where the phone is, as precisely as it can tell within 20 s. */
  function position() {
    return new Promise((resolve, reject) => {
      if (!navigator.geolocation) {
        reject(new Error(t('patrol.no-location')));
        return;
      }
      navigator.geolocation.getCurrentPosition(
        (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy }),
        (e) => reject(new Error(t('patrol.location-failed', { reason: e.message || String(e.code) }))),
        { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 });
    });
  }

  function say(text) {
    $('message').textContent = text;
  }

  function roundItem(grid, round) {
    const li = el('li', '', 'round status-' + round.status);
    li.dataset.start = round.start;
    li.dataset.status = round.status;
    li.append(datum(round.start), el('span', ' · ' + Words.term('patrol.status.', round.status)));
    const visited = Object.fromEntries(round.visits.map((v) => [v.point, v]));
    const points = el('ul', '', 'points');
    for (const p of grid.points) {
      const item = el('li', '', 'point');
      item.dataset.point = p.id;
      item.append(datum(p.name));
      const v = visited[p.id];
      if (v) {
        item.classList.add('visited');
        item.append(el('span', ' ✓ '), datum(when(v.at, me)));
      } else if (grid.walks && (round.status === 'under-way' || round.status === 'missed')) {
        const button = el('button', t('patrol.check-in'));
        button.type = 'button';
        button.className = 'check-in';
        button.addEventListener('click', () => checkIn(grid, p, button));
        item.append(button);
      }
      points.append(item);
    }
    li.append(points);
    return li;
  }

  async function checkIn(grid, point, button) {
    button.disabled = true;
    say(t('patrol.locating'));
    try {
      const where = await position();
      const done = await api('/api/v1/patrols/check-ins', {
        method: 'POST',
        body: JSON.stringify({ grid: grid.id, point: point.id, ...where, clientTime: Date.now() }),
      });
      $('message').replaceChildren(phrase('span', 'patrol.checked-in', { distance: done.distance }, { point: point.name }));
      await load();
    } catch (e) {
      say(e.message);
      button.disabled = false;
    }
  }

  async function load() {
    const today = await api('/api/v1/patrols/today');
    $('today').textContent = t('patrol.today', { date: today.date });
    $('grids').replaceChildren(...today.grids.map((g) => {
      const section = el('section', '', 'grid');
      section.dataset.grid = g.id;
      section.append(el('h2', g.name, 'datum'));
      if (g.reports && !g.walks) {
        section.append(el('p', t('patrol.reports-here')));
      } else {
        // The grid officer's own rounds, with a check-in at each point; anyone else's to read.
        const rounds = el('ul', '', 'rounds');
        rounds.append(...g.rounds.map((r) => roundItem(g, r)));
        section.append(rounds);
      }
      return section;
    }));
    const mine = today.grids.filter((g) => g.reports);
    const names = Object.fromEntries(mine.map((g) => [g.id, g.name]));
    const chosen = $('finding-grid').value;
    options($('finding-grid'), 'patrol.pick-grid', mine.map((g) => g.id), (id) => names[id], true);
    if (mine.length === 1) $('finding-grid').value = mine[0].id; else $('finding-grid').value = chosen;
    if (!$('finding-category').options.length) {
      options($('finding-category'), 'patrol.pick-category', today.categories, (c) => Words.term('complaint.category.', c));
    }
    $('file').hidden = mine.length === 0;
  }

  /** The chosen photo as JPEG in base64, its longer edge at most PHOTO_EDGE pixels. */
  async function photo() {
    const file = $('finding-photo').files[0];
    if (!file) return null;
    const image = await createImageBitmap(file);
    const scale = Math.min(1, PHOTO_EDGE / Math.max(image.width, image.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.width * scale);
    canvas.height = Math.round(image.height * scale);
    canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  async function file(e) {
    e.preventDefault();
    $('btn-file').disabled = true;
    say(t('patrol.locating'));
    try {
      const where = await position();
      const body = {
        grid: $('finding-grid').value,
        category: $('finding-category').value,
        text: $('finding-text').value.trim(),
        ...where,
        clientTime: Date.now(),
      };
      const picture = await photo();
      if (picture) body.photo = picture;
      const filed = await api('/api/v1/patrols/findings', { method: 'POST', body: JSON.stringify(body) });
      $('finding-form').reset();
      $('message').replaceChildren(phrase('span', 'patrol.filed.' + filed.kind, {}, { id: filed.id }));
      await load();
    } catch (err) {
      say(err.message);
    } finally {
      $('btn-file').disabled = false;
    }
  }

  window.StaffPage.start('patrol-view', 'patrol.title', async (person) => {
    me = person;
    $('finding-form').addEventListener('submit', file);
    await load();
  });
})();
