// Enterprise ratings: a month's class and score of every enterprise with sites in the district,
// the reasons in the reader's words, and one enterprise's history month by month. The duty leader
// may recompute a month.
(function () {
  'use strict';
  const Words = window.Words;
  const { api, el, datum, t } = window.StaffPage;
  const $ = (id) => document.getElementById(id);
  let ratings = [];
  let selected = null;

  function classCell(rating) {
    const cell = el('td', Words.term('rating.class.', rating.class), 'rating rating-' + rating.class);
    return cell;
  }

  async function refresh() {
    const month = $('month').value;
    try {
      const answer = await api('/api/v1/ratings' + (month ? '?month=' + encodeURIComponent(month) : ''));
      $('month').value = answer.month;
      ratings = answer.ratings;
      $('ratings').querySelector('tbody').replaceChildren(...ratings.map((r) => {
        const row = el('tr', null, r.enterprise === selected ? 'selected' : '');
        row.dataset.enterprise = r.enterprise;
        row.append(datum(r.enterprise, 'td'), classCell(r), datum(String(r.score), 'td'));
        row.addEventListener('click', () => show(r.enterprise));
        return row;
      }));
      if (selected) await show(selected);
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  async function show(enterprise) {
    selected = enterprise;
    const rating = ratings.find((r) => r.enterprise === enterprise);
    $('rating-title').replaceChildren(datum(enterprise));
    $('reasons').replaceChildren(...(rating ? rating.reasons : []).map((reason) => el('li', reason)));
    const history = await api('/api/v1/ratings/history?enterprise=' + encodeURIComponent(enterprise));
    $('history').querySelector('tbody').replaceChildren(...history.ratings.map((r) => {
      const row = el('tr');
      row.append(datum(r.month, 'td'), classCell(r), datum(String(r.score), 'td'));
      return row;
    }));
    for (const row of $('ratings').querySelectorAll('tbody tr')) row.classList.toggle('selected', row.dataset.enterprise === enterprise);
  }

  async function compute() {
    try {
      await api('/api/v1/ratings/compute?month=' + encodeURIComponent($('month').value), { method: 'POST' });
      $('message').textContent = t('ratings.computed', { month: $('month').value });
      await refresh();
    } catch (e) {
      $('message').textContent = e.message;
    }
  }

  window.StaffPage.start('ratings-view', 'ratings.title', async (me) => {
    $('btn-compute').hidden = me.role !== 'duty-leader';
    $('btn-compute').addEventListener('click', compute);
    $('month').addEventListener('change', refresh);
    await refresh();
  });
})();
