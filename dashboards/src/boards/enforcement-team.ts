import { DistrictFigures } from '../registry';
import { DutyDeadlines } from '../duty';
import { Dashboard, QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import { ENVWATCH_INFLUXDB } from '../influxql';
import { SEVERITY_THRESHOLDS, asDateTime, asTimeFromNow, envwatchBoard, influxql, linkTo, onSceneInTime, thresholds, townVariable } from '../panels';

/**
 * One board for every enforcement team, by town: its open alerts and their history, the evidence
 * series of one of its sites, the repeat-complaint cases in its town and its open ledger cases.
 */
export function enforcementTeam(deadlines: DutyDeadlines, district: DistrictFigures): Dashboard {
  return envwatchBoard('EnvWatch · Enforcement team', 'envwatch-enforcement-team', "A town's open alerts, their history, a site's evidence, the repeat-complaint cases and the open ledger cases.", { from: 'now-24h', to: 'now' }, district, '30s')
    .withVariable(townVariable(false))
    .withVariable(
      new QueryVariableBuilder('site')
        .label('Site')
        .datasource(ENVWATCH_INFLUXDB)
        .query('SHOW TAG VALUES FROM "reading" WITH KEY = "site" WHERE "town" = \'$town\'')
        .refresh(VariableRefresh.OnDashboardLoad)
        .sort(VariableSort.AlphabeticalAsc),
    )
    .withVariable(
      new QueryVariableBuilder('quantity')
        .label('Quantity')
        .datasource(ENVWATCH_INFLUXDB)
        .query('SHOW TAG VALUES FROM "reading" WITH KEY = "quantity" WHERE "site" = \'$site\'')
        .refresh(VariableRefresh.OnDashboardLoad)
        .sort(VariableSort.AlphabeticalAsc),
    )
    .withPanel(
      new TablePanel()
        .id(1)
        .title('Open alerts in $town')
        .links([linkTo('Duty room', 'envwatch-duty-room')])
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 0, w: 16, h: 8 })
        .unit('short')
        .thresholds(thresholds(SEVERITY_THRESHOLDS))
        .sortBy([new TableSortByFieldStateBuilder().displayName('severity_rank').desc(true)])
        .overrideByName('deadline_at', asTimeFromNow)
        .withTarget(
          influxql(
            'SELECT "alert", "site", "kind", "state", "severity", "severity_rank", "deadline", "deadline_at", "acknowledged_by", "peak", "limit", ' +
              '"repeat_case" FROM "alert_state" WHERE "active" = 1 AND "town" = \'$town\'',
          ).table(),
        ),
    )
    .withPanel(
      onSceneInTime(2, deadlines.onSceneMinutes, '"town" = \'$town\'', { x: 16, y: 0, w: 8, h: 8 }, `Share of the alerts opened in the time range whose team reached the scene within ${deadlines.onSceneMinutes} minutes of acknowledging.`)
        .links([linkTo('Monthly review', 'envwatch-monthly-review')]),
    )
    .withPanel(
      new TablePanel()
        .id(3)
        .title('Alert history in $town')
        .description('Every change of every alert, newest first: who did what, when.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 8, w: 24, h: 9 })
        .unit('short')
        .thresholds(thresholds([[null, 'text']]))
        .withTarget(
          influxql(
            'SELECT "alert", "action", "actor", "state", "severity", "code", "note", "breach" FROM "alert_event" ' +
              'WHERE "town" = \'$town\' AND $timeFilter ORDER BY time DESC LIMIT 500',
          ).table(),
        ),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(4)
        .title('Evidence at $site: $quantity')
        .description('The readings as stored, averaged per display interval.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 17, w: 14, h: 9 })
        .unit('short')
        .thresholds(thresholds([[null, 'green']]))
        .withTarget(
          influxql('SELECT mean("value") FROM "reading" WHERE "site" = \'$site\' AND "quantity" = \'$quantity\' AND $timeFilter GROUP BY time($__interval) fill(none)').alias(
            '$site $quantity',
          ),
        ),
    )
    .withPanel(
      new TablePanel()
        .id(5)
        .title('Repeat-complaint cases in $town')
        .description(
          `${district.complaints.repeatCount} complaints of a kind about one building (the nearest within ${district.complaints.repeatBuildingMetres} m, else a cell of about 200 m) within ${district.complaints.repeatWithinDays} days. Complaint ids only, no complainant data.`,
        )
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 14, y: 17, w: 10, h: 9 })
        .unit('short')
        .thresholds(thresholds([[null, 'orange']]))
        .overrideByName('last', asDateTime)
        .withTarget(
          influxql('SELECT "id", "place", "category", "state", "count", "corroborated", "last" FROM "repeat_case" WHERE "town" = \'$town\' AND "state" != \'merged\' AND time > now() - 62d').table(),
        ),
    )
    .withPanel(
      new TablePanel()
        .id(6)
        .title('Ledger cases open in $town')
        .description('Long-running problems on the bureau\'s ledger: the source, the leader who owns each case until it is closed out, the rectification deadline, and whether a quarter ended without its review.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 26, w: 24, h: 8 })
        .unit('short')
        .thresholds(thresholds([[null, 'text']]))
        .overrideByName('deadline', asDateTime)
        .withTarget(
          influxql('SELECT "case", "source", "cause", "state", "owner", "owner_level", "deadline", "review_overdue" FROM "case_state" WHERE "active" = 1 AND "town" = \'$town\'').table(),
        ),
    )
    .build();
}
