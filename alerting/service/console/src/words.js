// The console's words: the catalogue of the reader's language (words/<tag>.json, the same ICU
// messages the service says its own words with), formatted by intl-messageformat. Pages name keys;
// they hold no words. The language is the person's choice in this browser, else the district's,
// else the browser's own; a key no catalogue has is shown as the key and remembered in
// Words.missing, which the browser tests read.
window.Words = (function () {
  'use strict';
  /** Each language by its own name: a reader who cannot read the page must still find theirs. */
  const LANGUAGES = { 'zh-CN': '中文', en: 'English' };
  const CHOSEN = 'envwatch.language';
  let language = null;
  let catalogue = {};
  const formats = new Map();
  const missing = new Set();
  const ATTRIBUTES = [['placeholder', 'data-i18n-placeholder'], ['aria-label', 'data-i18n-aria-label'], ['title', 'data-i18n-title']];

  /** The browser's first language the console speaks: Simplified Chinese for zh (not zh-TW, zh-HK, zh-Hant). */
  function fromBrowser() {
    for (const tag of navigator.languages || [navigator.language || 'en']) {
      const lower = tag.toLowerCase();
      if (lower === 'zh' || /^zh-(cn|sg|hans)/.test(lower)) return 'zh-CN';
      if (lower.startsWith('en')) return 'en';
    }
    return 'en';
  }

  function chosen() {
    const tag = localStorage.getItem(CHOSEN);
    return Object.hasOwn(LANGUAGES, tag) ? tag : null;
  }

  /** Loads a language's catalogue and words the page's marked elements with it. */
  async function use(tag) {
    const wanted = Object.hasOwn(LANGUAGES, tag) ? tag : 'en';
    if (wanted === language) return;
    const response = await fetch('words/' + wanted + '.json');
    if (!response.ok) throw new Error('words/' + wanted + '.json: HTTP ' + response.status);
    catalogue = await response.json();
    formats.clear();
    language = wanted;
    document.documentElement.lang = wanted;
    apply(document);
  }

  /** The words of a key with its named arguments, in the page's language. */
  function t(key, args) {
    if (!Object.hasOwn(catalogue, key)) {
      missing.add(key);
      return key;
    }
    let format = formats.get(key);
    if (!format) {
      format = new IntlMessageFormat.IntlMessageFormat(catalogue[key], language, undefined, { ignoreTag: true });
      formats.set(key, format);
    }
    return String(format.format(args));
  }

  /** A term's name ("alert.state." + "on-scene"), or the wire name itself for one no catalogue knows. */
  function term(prefix, wireName) {
    if (wireName === null || wireName === undefined) return '';
    return Object.hasOwn(catalogue, prefix + wireName) ? t(prefix + wireName) : String(wireName);
  }

  /**
   * Words every marked element under {@code root}: data-i18n its text, data-i18n-placeholder,
   * data-i18n-aria-label and data-i18n-title those attributes.
   */
  function apply(root) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const [attribute, marker] of ATTRIBUTES) {
      for (const el of root.querySelectorAll('[' + marker + ']')) el.setAttribute(attribute, t(el.getAttribute(marker)));
    }
  }

  /** Fills the header's language picker; a choice is kept in this browser and the page words itself again. */
  function picker(select) {
    select.replaceChildren(...Object.entries(LANGUAGES).map(([tag, name]) => {
      const option = document.createElement('option');
      option.value = tag;
      option.textContent = name;
      option.lang = tag;
      option.className = 'datum';
      return option;
    }));
    select.value = language;
    select.addEventListener('change', () => {
      localStorage.setItem(CHOSEN, select.value);
      location.reload();
    });
  }

  return {
    use, t, term, apply, picker, chosen, fromBrowser, missing,
    language: () => language,
  };
})();
