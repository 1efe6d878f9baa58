import { readFileSync } from 'node:fs';
import { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

/**
 * EnvWatch's InfluxDB schema as the district module exports it (district/target/schema, written by
 * the Maven build from the Java types the job and the duty service write and read through). Every
 * board query is checked against it, so a measurement, field or tag renamed in Java fails the
 * boards' build instead of leaving a panel empty.
 */
export interface Schema {
  measurements: Array<{ name: string; tags: Array<{ name: string }>; fields: Array<{ name: string; type: string }> }>;
}

export const EXPORTED_SCHEMA = '../district/target/schema/envwatch-schema.json';

export function loadSchema(path: string = EXPORTED_SCHEMA): Schema {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Schema;
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message} (build the district module first: mvn -pl district install)`);
  }
}

/**
 * What a query names that the schema does not have. Quoted identifiers are read in place: after
 * FROM a measurement, after AS an alias (skipped), after GROUP BY or WITH KEY a tag, anywhere else
 * a tag or field of the query's measurement.
 */
export function unknownNames(query: string, schema: Schema): string[] {
  const problems: string[] = [];
  const from = /\bFROM\s+"([^"]+)"/i.exec(query);
  if (!from) return [`no FROM "measurement" in: ${query}`];
  const measurement = schema.measurements.find((m) => m.name === from[1]);
  if (!measurement) return [`measurement "${from[1]}" is not in the schema`];
  const tags = new Set(measurement.tags.map((t) => t.name));
  const fields = new Set(measurement.fields.map((f) => f.name));
  const groupBy = /\bGROUP\s+BY\b/i.exec(query)?.index ?? Infinity;
  for (const m of query.matchAll(/"([^"]+)"/g)) {
    const before = query.slice(0, m.index);
    if (/\b(AS|FROM)\s*$/i.test(before)) continue;
    const name = m[1];
    if (m.index! > groupBy || /\bWITH\s+KEY\s*=\s*$/i.test(before)) {
      if (!tags.has(name)) problems.push(`"${name}" is grouped on but is not a tag of ${measurement.name}`);
    } else if (!tags.has(name) && !fields.has(name)) {
      problems.push(`"${name}" is neither a tag nor a field of ${measurement.name}`);
    }
  }
  return problems;
}

type Target = { query?: string };
type Panel = { title?: string; type?: string; targets?: Target[]; panels?: Panel[] };

/** Every query of a board (panel targets and variables) with where it is. */
export function queriesOf(board: Dashboard): Array<{ where: string; query: string }> {
  const out: Array<{ where: string; query: string }> = [];
  for (const v of board.templating?.list ?? []) {
    const q = (v as { query?: unknown }).query;
    if (typeof q === 'string' && /\bFROM\b/i.test(q)) out.push({ where: `${board.uid} variable $${v.name}`, query: q });
  }
  const panels = ((board.panels ?? []) as Panel[]).flatMap((p) => (p.type === 'row' ? p.panels ?? [] : [p]));
  for (const p of panels) {
    for (const t of p.targets ?? []) if (t.query) out.push({ where: `${board.uid} / ${p.title}`, query: t.query });
  }
  return out;
}

/** Every problem of every board against the schema, each with where it is. */
export function checkBoards(boards: Dashboard[], schema: Schema): string[] {
  return boards.flatMap((b) => queriesOf(b).flatMap(({ where, query }) => unknownNames(query, schema).map((p) => `${where}: ${p}`)));
}
