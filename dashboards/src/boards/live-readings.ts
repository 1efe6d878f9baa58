import { DistrictFigures } from '../registry';
import { Dashboard, QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode } from '@grafana/grafana-foundation-sdk/common';
import { ENVWATCH_INFLUXDB, InfluxQLQueryBuilder } from '../influxql';
import { envwatchBoard, named, thresholds } from '../panels';
import { Say } from '../words';

/**
 * What the platform stores, live, for whoever looks after it: raw readings per town against
 * their limits, the job's incidents and what the ingest refused.
 */
export function liveReadings(say: Say, district: DistrictFigures): Dashboard {
  return envwatchBoard(say, 'board.live', 'envwatch-live-readings', { from: 'now-1h', to: 'now' }, district, '10s')
    .withVariable(
      new QueryVariableBuilder('town')
        .label(say('board.var.town'))
        .datasource(ENVWATCH_INFLUXDB)
        .query('SHOW TAG VALUES FROM "reading" WITH KEY = "town"')
        .refresh(VariableRefresh.OnTimeRangeChanged)
        .sort(VariableSort.AlphabeticalAsc)
        .multi(true)
        .includeAll(true)
        .allValue('.*'),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(1)
        .title(say('board.live.noise.title'))
        .description(say('board.live.noise.description'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 0, w: 16, h: 9 })
        .unit('dBa')
        .min(20)
        .thresholds(thresholds([[null, 'green'], [55, 'orange'], [65, 'red']]))
        .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Line))
        .withTarget(
          new InfluxQLQueryBuilder(
            'SELECT mean("value") FROM "reading" WHERE "quantity" = \'noise\' AND "town" =~ /^$town$/ AND $timeFilter ' +
              'GROUP BY time($__interval), "site" fill(none)',
          )
            .refId('A')
            .alias('$tag_site'),
        ),
    )
    .withPanel(
      new StatPanel()
        .id(2)
        .title(say('board.live.alerts-opened.title'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 16, y: 0, w: 8, h: 9 })
        .unit('short')
        .thresholds(thresholds([[null, 'green'], [1, 'red']]))
        .withTarget(
          new InfluxQLQueryBuilder('SELECT count("peak") FROM "duty_alert" WHERE "town" =~ /^$town$/ AND $timeFilter').refId('A'),
        ),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(3)
        .title(say('board.live.odour.title'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 9, w: 12, h: 8 })
        .unit('conmgm3')
        .min(0)
        .thresholds(thresholds([[null, 'green'], [0.06, 'red']]))
        .withTarget(
          new InfluxQLQueryBuilder(
            'SELECT mean("value") FROM "reading" WHERE "kind" = \'odour\' AND "quantity" != \'odour\' AND "town" =~ /^$town$/ ' +
              'AND $timeFilter GROUP BY time($__interval), "site", "quantity" fill(none)',
          )
            .refId('A')
            .alias('$tag_site $tag_quantity'),
        ),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(4)
        .title(say('board.live.tp.title'))
        .description(say('board.live.tp.description'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 12, y: 9, w: 12, h: 8 })
        .unit('conmgL')
        .min(0)
        .thresholds(thresholds([[null, 'green'], [0.2, 'yellow'], [0.3, 'orange'], [0.4, 'red']]))
        .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Line))
        .withTarget(
          new InfluxQLQueryBuilder(
            'SELECT mean("value") FROM "reading" WHERE "quantity" = \'tp\' AND $timeFilter GROUP BY time($__interval), "site" fill(none)',
          )
            .refId('A')
            .alias('$tag_site'),
        ),
    )
    .withPanel(
      named(new TablePanel(), say, ['state', 'site', 'town', 'team', 'quantity', 'peak', 'limit', 'period'])
        .id(5)
        .title(say('board.live.alerts.title'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 17, w: 16, h: 8 })
        .unit('short')
        .thresholds(thresholds([[null, 'text']]))
        .withTarget(
          new InfluxQLQueryBuilder(
            'SELECT "state", "site", "town", "team", "quantity", "peak", "limit", "period" FROM "duty_alert" ' +
              'WHERE "town" =~ /^$town$/ AND $timeFilter ORDER BY time DESC',
          )
            .refId('A')
            .table(),
        ),
    )
    .withPanel(
      new StatPanel()
        .id(6)
        .title(say('board.live.dead.title'))
        .description(say('board.live.dead.description'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 16, y: 17, w: 8, h: 8 })
        .unit('short')
        .thresholds(thresholds([[null, 'green'], [1, 'orange']]))
        .withTarget(
          new InfluxQLQueryBuilder('SELECT count("detail") FROM "dead_letter" WHERE $timeFilter GROUP BY "reason"')
            .refId('A')
            .alias('$tag_reason'),
        ),
    )
    .build();
}
