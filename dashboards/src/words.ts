import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse } from 'yaml';

/** The word catalogues every person-facing text of EnvWatch comes from (district/…/words/<tag>.yaml). */
export const WORDS = '../district/src/main/resources/words';

/** The languages boards are generated in; English boards keep the plain uids. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A board's words: a key of the catalogue and its named arguments, said in one language. */
export interface Say {
  (key: string, args?: Record<string, string | number>): string;
  language: Language;
  /** A term's name ("quantity." + "h2s"), its wire name where the catalogue has none. */
  term(prefix: string, wireName: string): string;
}

/** The catalogue of {@code language}, formatted as the duty service and the console format it (ICU). */
export function words(language: Language, folder: string = WORDS): Say {
  const catalogue = parse(readFileSync(join(folder, `${language}.yaml`), 'utf8')) as Record<string, string>;
  const say = ((key: string, args?: Record<string, string | number>) => {
    const pattern = catalogue[key];
    if (pattern === undefined) throw new Error(`the ${language} word catalogue has no ${key}`);
    return String(new IntlMessageFormat(pattern, language, undefined, { ignoreTag: true }).format(args));
  }) as Say;
  say.language = language;
  say.term = (prefix, wireName) => (catalogue[prefix + wireName] === undefined ? wireName : say(prefix + wireName));
  return say;
}

/** A board's uid in a language: English keeps the plain one, others carry their tag. */
export function uidIn(uid: string, language: Language): string {
  return language === 'en' ? uid : `${uid}-${language.toLowerCase()}`;
}
