import { DistrictFigures } from '../registry';
import { DutyDeadlines } from '../duty';
import { Dashboard, QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { GraphDrawStyle, StackingConfigBuilder, StackingMode } from '@grafana/grafana-foundation-sdk/common';
import { ENVWATCH_INFLUXDB } from '../influxql';
import { envwatchBoard, influxql, linkTo, onSceneInTime, thresholds, townVariable } from '../panels';

const FILTER = '"town" =~ /^$town$/ AND "category" =~ /^$category$/';

/**
 * The bureau's monthly review: complaints per town and category, how many the sensors
 * corroborated, repeat cases, and whether teams reached the scene within the on-scene deadline. Opens on
 * this month (local time); the time picker's "Previous month" gives the last one.
 */
export function monthlyReview(deadlines: DutyDeadlines, district: DistrictFigures): Dashboard {
  return envwatchBoard('EnvWatch · Monthly review', 'envwatch-monthly-review', 'Complaints, corroboration, repeat cases and response times for a month.', { from: 'now/M', to: 'now/M' }, district)
    .withVariable(townVariable(true))
    .withVariable(
      new QueryVariableBuilder('category')
        .label('Category')
        .datasource(ENVWATCH_INFLUXDB)
        .query('SHOW TAG VALUES FROM "complaint" WITH KEY = "category"')
        .refresh(VariableRefresh.OnDashboardLoad)
        .sort(VariableSort.AlphabeticalAsc)
        .multi(true)
        .includeAll(true)
        .allValue('.*'),
    )
    .withPanel(
      new TablePanel()
        .id(1)
        .title('Complaints per town and category')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 0, w: 10, h: 9 })
        .unit('short')
        .thresholds(thresholds([[null, 'text']]))
        .withTarget(
          influxql(
            'SELECT count("id") AS "complaints", sum("corroborated") AS "corroborated" FROM "complaint" ' +
              `WHERE ${FILTER} AND $timeFilter GROUP BY "town", "category"`,
          ).table(),
        ),
    )
    .withPanel(
      new StatPanel()
        .id(2)
        .title('Corroboration rate')
        .description(`Share of complaints the sensors of their kind within ${district.complaints.radiusMetres} m confirmed.`)
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 10, y: 0, w: 7, h: 9 })
        .unit('percent')
        .min(0)
        .max(100)
        .thresholds(thresholds([[null, 'blue']]))
        .withTarget(influxql(`SELECT mean("corroborated") * 100 FROM "complaint" WHERE ${FILTER} AND $timeFilter`)),
    )
    .withPanel(
      onSceneInTime(3, deadlines.onSceneMinutes, '"town" =~ /^$town$/', { x: 17, y: 0, w: 7, h: 9 }, `Of the alerts opened this period that teams reached (or should have): the share on scene within ${deadlines.onSceneMinutes} minutes of acknowledging.`)
        .links([linkTo('Enforcement team board', 'envwatch-enforcement-team')]),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(4)
        .title('Complaints per week and category, last 6 months')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 9, w: 14, h: 9 })
        .timeFrom('182d')
        .unit('short')
        .min(0)
        .drawStyle(GraphDrawStyle.Bars)
        .stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
        .thresholds(thresholds([[null, 'green']]))
        .withTarget(
          influxql(`SELECT count("id") FROM "complaint" WHERE ${FILTER} AND $timeFilter GROUP BY time(7d), "category" fill(0)`).alias('$tag_category'),
        ),
    )
    .withPanel(
      new StatPanel()
        .id(5)
        .title('Repeat-complaint cases opened, and closed since')
        .description('Cases whose first complaint fell in the period: still open, and closed.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 14, y: 9, w: 10, h: 9 })
        .unit('short')
        .thresholds(thresholds([[null, 'orange']]))
        .withTarget(influxql(`SELECT count("id") AS "open" FROM "repeat_case" WHERE "state" = 'open' AND ${FILTER} AND $timeFilter`))
        .withTarget(influxql(`SELECT count("id") AS "closed" FROM "repeat_case" WHERE "state" = 'closed' AND ${FILTER} AND $timeFilter`, 'B')),
    )
    .withPanel(
      new TablePanel()
        .id(6)
        .title('Response per town')
        .description('Alerts opened in the period: how many, how many escalated, minutes from acknowledgement to on scene.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 18, w: 24, h: 8 })
        .unit('short')
        .thresholds(thresholds([[null, 'text']]))
        .withTarget(
          influxql(
            'SELECT count("alert") AS "alerts", sum("escalations") AS "escalations", mean("minutes_to_scene") AS "mean minutes to scene", ' +
              'max("minutes_to_scene") AS "slowest" FROM "alert_state" WHERE "town" =~ /^$town$/ AND $timeFilter GROUP BY "town"',
          ).table(),
        ),
    )
    .withPanel(
      new TablePanel()
        .id(7)
        .title('Rewarded tips per town')
        .description('Tips received in the period (counts and rates only: a tip\'s text never reaches a board). Verification rate: substantiated of those verified; the bureau aims to pay within 3 months.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 26, w: 24, h: 7 })
        .unit('short')
        .thresholds(thresholds([[null, 'text']]))
        .withTarget(
          influxql(
            'SELECT count("tip") AS "tips", sum("closed") AS "verified", sum("substantiated") AS "substantiated", ' +
              'sum("substantiated") * 100 / sum("closed") AS "verification rate %", sum("reward") AS "rewards (yuan)" ' +
              'FROM "tip_state" WHERE "town" =~ /^$town$/ AND $timeFilter GROUP BY "town"',
          ).table(),
        ),
    )
    .withPanel(
      new TablePanel()
        .id(8)
        .title('Campaigns: progress against each target')
        .description('Each town in a campaign: the count so far beside the baseline period\'s over the same share of its length, the change and the target (percent); met = 1 when reached.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 33, w: 24, h: 8 })
        .unit('short')
        .thresholds(thresholds([[null, 'text']]))
        .withTarget(
          influxql(
            'SELECT last("baseline") AS "baseline", last("current") AS "current", last("change") AS "change %", ' +
              'last("goal") AS "target %", last("met") AS "met" FROM "campaign_progress" WHERE "town" =~ /^$town$/ ' +
              'GROUP BY "campaign", "town", "target"',
          ).table(),
        ),
    )
    .withPanel(
      new TablePanel()
        .id(10)
        .title('By industry: complaints, corroboration and ledger cases')
        .description('Complaints in the period by the industry of the site whose exceedance corroborated them (none: no site did), and the ledger cases about sites of each industry.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 49, w: 24, h: 8 })
        .unit('short')
        .thresholds(thresholds([[null, 'text']]))
        .withTarget(
          influxql(
            `SELECT count("id") AS "complaints", sum("corroborated") AS "corroborated", sum("escalated") AS "escalated" FROM "complaint" WHERE ${FILTER} AND $timeFilter GROUP BY "industry"`,
          ).table(),
        )
        .withTarget(
          influxql('SELECT count("case") AS "cases", sum("active") AS "open" FROM "case_state" WHERE "town" =~ /^$town$/ GROUP BY "industry"', 'B').table(),
        ),
    )
    .withPanel(
      new TablePanel()
        .id(9)
        .title('Enterprise environmental credit ratings (latest month rated)')
        .description('Green, blue, yellow, red, black: 100 less deductions for incidents, open ledger cases and open repeat-complaint cases; an enterprise with an open repeat case is never green or blue. The reasons say why.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 41, w: 24, h: 8 })
        .unit('short')
        .thresholds(thresholds([[null, 'text']]))
        .withTarget(
          influxql(
            'SELECT last("class") AS "class", last("score") AS "score", last("reasons") AS "reasons" FROM "rating" GROUP BY "enterprise", "month"',
          ).table(),
        ),
    )
    .build();
}
