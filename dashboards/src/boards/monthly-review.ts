import { DistrictFigures } from '../registry';
import { DutyDeadlines } from '../duty';
import { Dashboard, QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { GraphDrawStyle, StackingConfigBuilder, StackingMode, TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import { ENVWATCH_INFLUXDB } from '../influxql';
import { columnKey, envwatchBoard, influxql, linkTo, named, onSceneInTime, termsOf, thresholds, townVariable } from '../panels';
import { Say } from '../words';

const CATEGORIES = ['odour', 'noise', 'water', 'other'];

const FILTER = '"town" =~ /^$town$/ AND "category" =~ /^$category$/';

/**
 * The bureau's monthly review: complaints per town and category, how many the sensors
 * corroborated, repeat cases, and whether teams reached the scene within the on-scene deadline. Opens on
 * this month (local time); the time picker's "Previous month" gives the last one.
 */
export function monthlyReview(say: Say, deadlines: DutyDeadlines, district: DistrictFigures): Dashboard {
  return envwatchBoard(say, 'board.month', 'envwatch-monthly-review', { from: 'now/M', to: 'now/M' }, district)
    .withVariable(townVariable(say, true))
    .withVariable(
      new QueryVariableBuilder('category')
        .label(say('board.var.category'))
        .datasource(ENVWATCH_INFLUXDB)
        .query('SHOW TAG VALUES FROM "complaint" WITH KEY = "category"')
        .refresh(VariableRefresh.OnDashboardLoad)
        .sort(VariableSort.AlphabeticalAsc)
        .multi(true)
        .includeAll(true)
        .allValue('.*'),
    )
    .withPanel(
      named(new TablePanel(), say, ['town', 'category', 'complaints', 'corroborated'])
        .id(1)
        .title(say('board.month.complaints.title'))
        .overrideByName('category', termsOf(say, 'complaint.category.', CATEGORIES))
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
        .title(say('board.month.rate.title'))
        .description(say('board.month.rate.description', { radius: district.complaints.radiusMetres }))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 10, y: 0, w: 7, h: 9 })
        .unit('percent')
        .min(0)
        .max(100)
        .thresholds(thresholds([[null, 'blue']]))
        .withTarget(influxql(`SELECT mean("corroborated") * 100 FROM "complaint" WHERE ${FILTER} AND $timeFilter`)),
    )
    .withPanel(
      onSceneInTime(say, 3, deadlines.onSceneMinutes, '"town" =~ /^$town$/', { x: 17, y: 0, w: 7, h: 9 }, say('board.month.on-scene.description', { minutes: deadlines.onSceneMinutes }))
        .links([linkTo(say, 'board.link.team', 'envwatch-enforcement-team')]),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(4)
        .title(say('board.month.weekly.title'))
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
      named(new StatPanel(), say, ['open', 'closed'])
        .id(5)
        .title(say('board.month.repeat.title'))
        .description(say('board.month.repeat.description'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 14, y: 9, w: 10, h: 9 })
        .unit('short')
        .thresholds(thresholds([[null, 'orange']]))
        .withTarget(influxql(`SELECT count("id") AS "open" FROM "repeat_case" WHERE "state" = 'open' AND ${FILTER} AND $timeFilter`))
        .withTarget(influxql(`SELECT count("id") AS "closed" FROM "repeat_case" WHERE "state" = 'closed' AND ${FILTER} AND $timeFilter`, 'B')),
    )
    .withPanel(
      named(new TablePanel(), say, ['town', 'alerts', 'escalations', 'mean minutes to scene', 'slowest'])
        .id(6)
        .title(say('board.month.response.title'))
        .description(say('board.month.response.description'))
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
      named(new TablePanel(), say, ['town', 'tips', 'verified', 'substantiated', 'verification rate %', 'rewards (yuan)'])
        .id(7)
        .title(say('board.month.tips.title'))
        .description(say('board.month.tips.description'))
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
      named(new TablePanel(), say, ['campaign', 'town', 'target', 'baseline', 'current', 'change %', 'target %', 'met'])
        .id(8)
        .title(say('board.month.campaigns.title'))
        .description(say('board.month.campaigns.description'))
        .overrideByName('target', termsOf(say, 'campaigns.target.', ['complaints', 'escalated']))
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
      named(new TablePanel(), say, ['industry', 'complaints', 'corroborated', 'escalated', 'cases', 'open'])
        .id(10)
        .title(say('board.month.industry.title'))
        .description(say('board.month.industry.description'))
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
      // 属地: every problem belongs to a village or community, whose leader answers for it.
      named(new TablePanel(), say, ['village', 'complaints', 'corroborated', 'escalated', 'cases', 'open'])
        .id(11)
        .title(say('board.month.villages.title'))
        .description(say('board.month.villages.description'))
        .overrideByName('village', [
          {
            id: 'mappings',
            value: [
              {
                type: 'value',
                options: Object.fromEntries([
                  ...district.villages.map((v, i) => [v.id, { text: v.name, index: i }]),
                  ['none', { text: say('board.month.villages.none'), index: district.villages.length }],
                ]),
              },
            ],
          },
        ])
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 57, w: 24, h: 8 })
        .unit('short')
        .thresholds(thresholds([[null, 'text']]))
        .sortBy([new TableSortByFieldStateBuilder().displayName(say(columnKey('complaints'))).desc(true)])
        .withTarget(
          influxql(
            'SELECT count("id") AS "complaints", sum("corroborated") AS "corroborated", sum("escalated") AS "escalated" ' +
              `FROM "complaint" WHERE ${FILTER} AND $timeFilter GROUP BY "village"`,
          ).table(),
        )
        .withTarget(
          influxql('SELECT count("case") AS "cases", sum("active") AS "open" FROM "case_state" WHERE "town" =~ /^$town$/ GROUP BY "village"', 'B').table(),
        ),
    )
    .withPanel(
      named(new TablePanel(), say, ['enterprise', 'month', 'class', 'score', 'reasons'])
        .id(9)
        .title(say('board.month.ratings.title'))
        .description(say('board.month.ratings.description'))
        .overrideByName('class', termsOf(say, 'rating.class.', ['green', 'blue', 'yellow', 'red', 'black']))
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
