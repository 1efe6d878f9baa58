import { DistrictFigures } from './registry';
import { Say, uidIn } from './words';
import {
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  DynamicConfigValue,
  QueryVariableBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { ENVWATCH_INFLUXDB, InfluxQLQueryBuilder } from './influxql';

/** Absolute thresholds from [value, colour] steps; the first value is null (the base). */
export const thresholds = (steps: Array<[number | null, string]>) =>
  new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps.map(([value, color]) => ({ value, color })));

/** Severity ranks as the duty service writes them: 0 none, 1 LOW .. 4 CRITICAL. */
export const SEVERITY_THRESHOLDS: Array<[number | null, string]> = [
  [null, 'green'],
  [1, 'blue'],
  [2, 'yellow'],
  [3, 'orange'],
  [4, 'red'],
];

export const influxql = (query: string, refId = 'A') => new InfluxQLQueryBuilder(query).refId(refId);

/** A town variable: one town (team boards) or several with All (the duty room). */
export function townVariable(say: Say, multi: boolean) {
  const v = new QueryVariableBuilder('town')
    .label(say('board.var.town'))
    .datasource(ENVWATCH_INFLUXDB)
    .query('SHOW TAG VALUES FROM "site_status" WITH KEY = "town"')
    .refresh(VariableRefresh.OnDashboardLoad)
    .sort(VariableSort.AlphabeticalAsc);
  return multi ? v.multi(true).includeAll(true).allValue('.*') : v;
}

/** Links every EnvWatch board carries to the others in its language (they share the tags). */
export const boardLinks = (say: Say) =>
  new DashboardLinkBuilder(say('board.links'))
    .type(DashboardLinkType.Dashboards)
    .tags(['envwatch', say.language])
    .asDropdown(true)
    .includeVars(false)
    .keepTime(true);

/** A field override that shows epoch milliseconds as a time, relative to now ("in 4 minutes"). */
export const asTimeFromNow: DynamicConfigValue[] = [{ id: 'unit', value: 'dateTimeFromNow' }];
export const asDateTime: DynamicConfigValue[] = [{ id: 'unit', value: 'dateTimeAsIso' }];

/** A panel header link to a related board in the same language, keeping the time range and the variables. */
export const linkTo = (say: Say, titleKey: string, uid: string) =>
  new DashboardLinkBuilder(say(titleKey)).url(`/d/${uidIn(uid, say.language)}?\${__url_time_range}&\${__all_variables}`);

/** The enforcement team board for the town in a table row (Grafana data link). */
export const toTeamBoard = (say: Say, field: string) =>
  new DashboardLinkBuilder(say('board.link.team-board'))
    .url(`/d/${uidIn('envwatch-enforcement-team', say.language)}?var-town=\${__data.fields.${field}}&\${__url_time_range}`);

/** A column's catalogue key: its field or alias in lower case, % as "percent", any other sign as "-". */
export const columnKey = (field: string) =>
  'board.column.' + field.toLowerCase().replace(/%/g, 'percent').replace(/[^a-z0-9_]+/g, '-').replace(/^-|-$/g, '');

/** Shows each of a panel's fields or aliases under its name in the board's language, where that differs. */
export function named<T extends { overrideByName(name: string, properties: DynamicConfigValue[]): unknown }>(panel: T, say: Say, fields: string[]): T {
  for (const field of fields) {
    const name = say(columnKey(field));
    if (name !== field) panel.overrideByName(field, [{ id: 'displayName', value: name }]);
  }
  return panel;
}

/** Value mappings that show a column's wire values (states, severities) as the catalogue's terms. */
export function termsOf(say: Say, prefix: string, values: string[]): DynamicConfigValue[] {
  const options = Object.fromEntries(values.map((v, i) => [v, { text: say.term(prefix, v), index: i }]));
  return [{ id: 'mappings', value: [{ type: 'value', options }] }];
}

/**
 * What every EnvWatch board shares: its tags (the other boards' links find it by them), the
 * district's local time (day and night are the district's, never the viewer's), read-only
 * provisioning and the links to the other boards.
 */
export function envwatchBoard(
  say: Say,
  key: string,
  uid: string,
  time: { from: string; to: string },
  district: DistrictFigures,
  refresh?: string,
  args?: Record<string, string | number>,
) {
  const board = new DashboardBuilder(say(`${key}.title`, args))
    .uid(uidIn(uid, say.language))
    .tags(['envwatch', 'generated', say.language])
    .description(say(`${key}.description`, args));
  if (refresh) board.refresh(refresh);
  return board.time(time).timezone(district.zone).readonly().link(boardLinks(say));
}

/**
 * The response-time compliance stat: the share of alerts (opened in the time range, matching
 * {@code where}) whose team was on scene within the duty service's on-scene deadline of acknowledging.
 */
export function onSceneInTime(say: Say, id: number, minutes: number, where: string, gridPos: { x: number; y: number; w: number; h: number }, description: string) {
  return new StatPanel()
    .id(id)
    .title(say('board.on-scene.title', { minutes }))
    .description(description)
    .datasource(ENVWATCH_INFLUXDB)
    .gridPos(gridPos)
    .unit('percent')
    .min(0)
    .max(100)
    .thresholds(thresholds([[null, 'red'], [80, 'orange'], [95, 'green']]))
    .withTarget(influxql(`SELECT mean("on_scene_in_time") * 100 FROM "alert_state" WHERE ${where} AND $timeFilter`));
}
