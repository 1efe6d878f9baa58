import { Dashboard, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode } from '@grafana/grafana-foundation-sdk/common';
import { ENVWATCH_INFLUXDB } from '../influxql';
import { envwatchBoard, influxql, linkTo, thresholds } from '../panels';
import { RiverLayout, DistrictFigures } from '../registry';

/** GB 3838-2002 total phosphorus bounds for rivers, mg/L: class I..V. */
const CLASS_BANDS: Array<[number | null, string]> = [
  [null, 'green'],
  [0.1, 'light-green'],
  [0.2, 'yellow'],
  [0.3, 'orange'],
  [0.4, 'red'],
];

const hours = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${(minutes / 60).toFixed(1)} h`);

/**
 * For the river monitors: the assessment section against the class bands, the month to date
 * against the target, what the rest of the month may average, and the upstream stations each
 * shifted by its travel time, so a rise upstream lines up with when it reaches the section.
 */
export function riverMonitor(river: RiverLayout, district: DistrictFigures): Dashboard {
  const section = river.section;
  const station = `"station" = '${section.station}'`;
  const width = Math.max(4, Math.floor(24 / Math.max(1, river.upstream.length)));
  const board = envwatchBoard(`EnvWatch · River monitor (${river.name})`, 'envwatch-river-monitor', `Total phosphorus at the national assessment section ${section.name} (${section.station}), target class ${section.targetClass}.`, { from: 'now-2d', to: 'now' }, district, '1m')
    .withPanel(
      new TimeseriesPanel()
        .id(1)
        .title(`Total phosphorus at ${section.name}, mg/L`)
        .description('Background bands: river classes II to V (0.1, 0.2, 0.3, 0.4 mg/L, GB 3838-2002).')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 0, w: 16, h: 10 })
        .unit('conmgL')
        .min(0)
        .thresholds(thresholds(CLASS_BANDS))
        .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.LineAndArea))
        .withTarget(
          influxql(`SELECT mean("value") FROM "reading" WHERE "site" = '${section.site}' AND "quantity" = 'tp' AND $timeFilter GROUP BY time($__interval) fill(none)`).alias(
            section.name,
          ),
        ),
    )
    .withPanel(
      new StatPanel()
        .id(2)
        .title('Month to date: mean against target')
        .description(`The arithmetic mean of this month's samples (local time) and the class ${section.targetClass} bound it must stay within.`)
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 16, y: 0, w: 8, h: 5 })
        .timeFrom('31d')
        .unit('conmgL')
        .decimals(3)
        .thresholds(thresholds(CLASS_BANDS))
        .withTarget(influxql(`SELECT last("mean") AS "month mean", last("limit") AS "target" FROM "tp_month" WHERE ${station} AND $timeFilter`)),
    )
    .withPanel(
      new StatPanel()
        .id(3)
        .title('Remaining budget')
        .description('How high the rest of the month may average and the month still meet the target; low when it is near today\'s level.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 16, y: 5, w: 8, h: 5 })
        .timeFrom('31d')
        .unit('conmgL')
        .decimals(3)
        .thresholds(thresholds([[null, 'red'], [0.1, 'orange'], [0.3, 'green']]))
        .withTarget(influxql(`SELECT last("budget") AS "budget" FROM "tp_month" WHERE ${station} AND $timeFilter`)),
    )
    .withRow(new RowBuilder(`Upstream, each shifted by its travel time to ${section.name}`).id(9).gridPos({ x: 0, y: 10, w: 24, h: 1 }));
  river.upstream.forEach((u, i) => {
    board.withPanel(
      new TimeseriesPanel()
        .id(10 + i)
        .title(`${u.name} (${u.station}), ${hours(u.minutesToSection)} upstream`)
        .description(`Shown ${hours(u.minutesToSection)} earlier than the section: what passed here then reaches ${section.name} now.`)
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: (i * width) % 24, y: 11, w: width, h: 8 })
        .timeShift(`${u.minutesToSection}m`)
        .unit('conmgL')
        .min(0)
        .thresholds(thresholds(CLASS_BANDS))
        .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Area))
        .withTarget(
          influxql(`SELECT mean("value") FROM "reading" WHERE "site" = '${u.site}' AND "quantity" = 'tp' AND $timeFilter GROUP BY time($__interval) fill(none)`).alias(
            u.station,
          ),
        ),
    );
  });
  return board
    .withPanel(
      new TablePanel()
        .id(4)
        .title('This month per station: samples and missing samples')
        .description('Automatic stations sample every 4 hours; a month with too few valid samples cannot be assessed.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 19, w: 12, h: 8 })
        .timeFrom('31d')
        .unit('short')
        .thresholds(thresholds([[null, 'green'], [1, 'orange']]))
        .withTarget(
          influxql(
            'SELECT last("samples") AS "samples", last("missing") AS "missing", last("mean") AS "mean", last("class") AS "class", ' +
              'last("budget_state") AS "budget" FROM "tp_month" WHERE $timeFilter GROUP BY "station"',
          ).table(),
        ),
    )
    .withPanel(
      new TablePanel()
        .id(5)
        .title('Upstream attribution')
        .description('When the section rises: the upstream station whose lagged increase explains it, and phosphorus dischargers near it.')
        .links([linkTo('Live readings: every river station', 'envwatch-live-readings')])
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 12, y: 19, w: 12, h: 8 })
        .unit('conmgL')
        .thresholds(thresholds([[null, 'text']]))
        .withTarget(influxql('SELECT "leading", "rise", "ranking", "suspects" FROM "tp_attribution" WHERE $timeFilter ORDER BY time DESC LIMIT 20').table()),
    )
    .build();
}
