import { DistrictFigures } from '../registry';
import { DutyDeadlines } from '../duty';
import { Dashboard, QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import { ENVWATCH_INFLUXDB } from '../influxql';
import { SEVERITY_THRESHOLDS, asDateTime, asTimeFromNow, envwatchBoard, influxql, linkTo, named, onSceneInTime, termsOf, thresholds, townVariable } from '../panels';
import { Say } from '../words';

const ALERT_STATES = ['open', 'reopened', 'acknowledged', 'dispatched', 'on-scene', 'resolved', 'auto-resolved'];
const ALERT_ACTIONS = ['opened', 'updated', 'acknowledged', 'dispatched', 'on-scene', 'resolved', 'auto-resolved', 'incident-cleared', 'reopened', 'handed-over', 'escalated'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/**
 * One board for every enforcement team, by town: its open alerts and their history, the evidence
 * series of one of its sites, the repeat-complaint cases in its town and its open ledger cases.
 */
export function enforcementTeam(say: Say, deadlines: DutyDeadlines, district: DistrictFigures): Dashboard {
  return envwatchBoard(say, 'board.team', 'envwatch-enforcement-team', { from: 'now-24h', to: 'now' }, district, '30s')
    .withVariable(townVariable(say, false))
    .withVariable(
      new QueryVariableBuilder('site')
        .label(say('board.var.site'))
        .datasource(ENVWATCH_INFLUXDB)
        .query('SHOW TAG VALUES FROM "reading" WITH KEY = "site" WHERE "town" = \'$town\'')
        .refresh(VariableRefresh.OnDashboardLoad)
        .sort(VariableSort.AlphabeticalAsc),
    )
    .withVariable(
      new QueryVariableBuilder('quantity')
        .label(say('board.var.quantity'))
        .datasource(ENVWATCH_INFLUXDB)
        .query('SHOW TAG VALUES FROM "reading" WITH KEY = "quantity" WHERE "site" = \'$site\'')
        .refresh(VariableRefresh.OnDashboardLoad)
        .sort(VariableSort.AlphabeticalAsc),
    )
    .withPanel(
      named(new TablePanel(), say, ['alert', 'site', 'kind', 'state', 'severity', 'severity_rank', 'deadline', 'deadline_at', 'acknowledged_by', 'peak', 'limit', 'repeat_case'])
        .id(1)
        .title(say('board.team.open.title'))
        .links([linkTo(say, 'board.link.duty-room', 'envwatch-duty-room')])
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 0, w: 16, h: 8 })
        .unit('short')
        .thresholds(thresholds(SEVERITY_THRESHOLDS))
        .sortBy([new TableSortByFieldStateBuilder().displayName('severity_rank').desc(true)])
        .overrideByName('deadline_at', asTimeFromNow)
        .overrideByName('state', termsOf(say, 'alert.state.', ALERT_STATES))
        .overrideByName('severity', termsOf(say, 'alert.severity.', SEVERITIES))
        .withTarget(
          influxql(
            'SELECT "alert", "site", "kind", "state", "severity", "severity_rank", "deadline", "deadline_at", "acknowledged_by", "peak", "limit", ' +
              '"repeat_case" FROM "alert_state" WHERE "active" = 1 AND "town" = \'$town\'',
          ).table(),
        ),
    )
    .withPanel(
      onSceneInTime(say, 2, deadlines.onSceneMinutes, '"town" = \'$town\'', { x: 16, y: 0, w: 8, h: 8 }, say('board.team.on-scene.description', { minutes: deadlines.onSceneMinutes }))
        .links([linkTo(say, 'board.link.monthly-review', 'envwatch-monthly-review')]),
    )
    .withPanel(
      named(new TablePanel(), say, ['alert', 'action', 'actor', 'state', 'severity', 'code', 'note', 'breach'])
        .id(3)
        .title(say('board.team.history.title'))
        .description(say('board.team.history.description'))
        .overrideByName('action', termsOf(say, 'alert.action.', ALERT_ACTIONS))
        .overrideByName('state', termsOf(say, 'alert.state.', ALERT_STATES))
        .overrideByName('severity', termsOf(say, 'alert.severity.', SEVERITIES))
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
        .title(say('board.team.evidence.title'))
        .description(say('board.team.evidence.description'))
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
      named(new TablePanel(), say, ['id', 'place', 'category', 'state', 'count', 'corroborated', 'last'])
        .id(5)
        .title(say('board.team.repeat.title'))
        .description(
          say('board.team.repeat.description', {
            count: district.complaints.repeatCount,
            building: district.complaints.repeatBuildingMetres,
            days: district.complaints.repeatWithinDays,
          }),
        )
        .overrideByName('category', termsOf(say, 'complaint.category.', ['odour', 'noise', 'water', 'other']))
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
      named(new TablePanel(), say, ['case', 'source', 'cause', 'state', 'owner', 'owner_level', 'deadline', 'review_overdue'])
        .id(6)
        .title(say('board.team.cases.title'))
        .description(say('board.team.cases.description'))
        .overrideByName('state', termsOf(say, 'case.state.', ['open', 'rectifying', 'verifying', 'closed-out']))
        .overrideByName('owner_level', termsOf(say, 'case.level.', ['city-leader', 'branch-chief', 'section-chief']))
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
