import { DistrictFigures } from './registry';
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
export function townVariable(multi: boolean) {
  const v = new QueryVariableBuilder('town')
    .label('Town')
    .datasource(ENVWATCH_INFLUXDB)
    .query('SHOW TAG VALUES FROM "site_status" WITH KEY = "town"')
    .refresh(VariableRefresh.OnDashboardLoad)
    .sort(VariableSort.AlphabeticalAsc);
  return multi ? v.multi(true).includeAll(true).allValue('.*') : v;
}

/** Links every EnvWatch board carries to the others (they share the tag). */
export const boardLinks = () =>
  new DashboardLinkBuilder('EnvWatch boards')
    .type(DashboardLinkType.Dashboards)
    .tags(['envwatch'])
    .asDropdown(true)
    .includeVars(false)
    .keepTime(true);

/** A field override that shows epoch milliseconds as a time, relative to now ("in 4 minutes"). */
export const asTimeFromNow: DynamicConfigValue[] = [{ id: 'unit', value: 'dateTimeFromNow' }];
export const asDateTime: DynamicConfigValue[] = [{ id: 'unit', value: 'dateTimeAsIso' }];

/** A panel header link to a related board, keeping the time range and the variables. */
export const linkTo = (title: string, uid: string) =>
  new DashboardLinkBuilder(title).url(`/d/${uid}?\${__url_time_range}&\${__all_variables}`);

/** The enforcement team board for the town in a table row (Grafana data link). */
export const toTeamBoard = (field: string) =>
  new DashboardLinkBuilder('Open the enforcement team board for this town')
    .url('/d/envwatch-enforcement-team?var-town=${__data.fields.' + field + '}&${__url_time_range}');

/**
 * What every EnvWatch board shares: its tags (the other boards' links find it by them), the
 * district's local time (day and night are the district's, never the viewer's), read-only
 * provisioning and the links to the other boards.
 */
export function envwatchBoard(
  title: string,
  uid: string,
  description: string,
  time: { from: string; to: string },
  district: DistrictFigures,
  refresh?: string,
) {
  const board = new DashboardBuilder(title).uid(uid).tags(['envwatch', 'generated']).description(description);
  if (refresh) board.refresh(refresh);
  return board.time(time).timezone(district.zone).readonly().link(boardLinks());
}

/**
 * The response-time compliance stat: the share of alerts (opened in the time range, matching
 * {@code where}) whose team was on scene within the duty service's on-scene deadline of acknowledging.
 */
export function onSceneInTime(id: number, minutes: number, where: string, gridPos: { x: number; y: number; w: number; h: number }, description: string) {
  return new StatPanel()
    .id(id)
    .title(`On scene within ${minutes} minutes`)
    .description(description)
    .datasource(ENVWATCH_INFLUXDB)
    .gridPos(gridPos)
    .unit('percent')
    .min(0)
    .max(100)
    .thresholds(thresholds([[null, 'red'], [80, 'orange'], [95, 'green']]))
    .withTarget(influxql(`SELECT mean("on_scene_in_time") * 100 FROM "alert_state" WHERE ${where} AND $timeFilter`));
}
