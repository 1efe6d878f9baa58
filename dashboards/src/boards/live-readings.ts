import { DistrictFigures } from '../registry';
import { Dashboard, QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode } from '@grafana/grafana-foundation-sdk/common';
import { ENVWATCH_INFLUXDB, InfluxQLQueryBuilder } from '../influxql';
import { envwatchBoard, thresholds } from '../panels';

/**
 * What the platform stores, live, for whoever looks after it: raw readings per town against
 * their limits, the job's incidents and what the ingest refused.
 */
export function liveReadings(district: DistrictFigures): Dashboard {
  return envwatchBoard('EnvWatch · Live readings', 'envwatch-live-readings', 'Sensor readings, duty alerts and dead letters as stored by the EnvWatch job.', { from: 'now-1h', to: 'now' }, district, '10s')
    .withVariable(
      new QueryVariableBuilder('town')
        .label('Town')
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
        .title('Noise level per site, dB(A)')
        .description('Raw readings; the lines mark the zone 3 (industrial) night and day limits of GB 12348-2008.')
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
        .title('Duty alerts opened')
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
        .title('Odour compounds per site, mg/m³')
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
        .title('Total phosphorus per river station, mg/L')
        .description('Lines mark the GB 3838-2002 river class bounds: III 0.2, IV 0.3, V 0.4.')
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
      new TablePanel()
        .id(5)
        .title('Duty alerts')
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
        .title('Dead letters by reason')
        .description('Messages and readings the ingest refused; each has its reason and raw text in InfluxDB.')
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
