import { Dashboard, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode } from '@grafana/grafana-foundation-sdk/common';
import { ENVWATCH_INFLUXDB } from '../influxql';
import { envwatchBoard, influxql, linkTo, named, thresholds } from '../panels';
import { Say } from '../words';
import { RiverLayout, DistrictFigures } from '../registry';

/** GB 3838-2002 total phosphorus bounds for rivers, mg/L: class I..V. */
const CLASS_BANDS: Array<[number | null, string]> = [
  [null, 'green'],
  [0.1, 'light-green'],
  [0.2, 'yellow'],
  [0.3, 'orange'],
  [0.4, 'red'],
];

const hours = (say: Say, minutes: number) => say('board.hours', { hours: minutes % 60 === 0 ? String(minutes / 60) : (minutes / 60).toFixed(1) });

/**
 * For the river monitors: the assessment section against the class bands, the month to date
 * against the target, what the rest of the month may average, and the upstream stations each
 * shifted by its travel time, so a rise upstream lines up with when it reaches the section.
 */
export function riverMonitor(say: Say, river: RiverLayout, district: DistrictFigures): Dashboard {
  const section = river.section;
  const targetClass = say.term('water.class.', section.targetClass);
  const station = `"station" = '${section.station}'`;
  const width = Math.max(4, Math.floor(24 / Math.max(1, river.upstream.length)));
  const board = envwatchBoard(say, 'board.river', 'envwatch-river-monitor', { from: 'now-2d', to: 'now' }, district, '1m', {
    river: river.name,
    section: section.name,
    station: section.station,
    class: targetClass,
  })
    .withPanel(
      new TimeseriesPanel()
        .id(1)
        .title(say('board.river.tp.title', { section: section.name }))
        .description(say('board.river.tp.description'))
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
      named(new StatPanel(), say, ['month mean', 'target'])
        .id(2)
        .title(say('board.river.month.title'))
        .description(say('board.river.month.description', { class: targetClass }))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 16, y: 0, w: 8, h: 5 })
        .timeFrom('31d')
        .unit('conmgL')
        .decimals(3)
        .thresholds(thresholds(CLASS_BANDS))
        .withTarget(influxql(`SELECT last("mean") AS "month mean", last("limit") AS "target" FROM "tp_month" WHERE ${station} AND $timeFilter`)),
    )
    .withPanel(
      named(new StatPanel(), say, ['budget'])
        .id(3)
        .title(say('board.river.budget.title'))
        .description(say('board.river.budget.description'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 16, y: 5, w: 8, h: 5 })
        .timeFrom('31d')
        .unit('conmgL')
        .decimals(3)
        .thresholds(thresholds([[null, 'red'], [0.1, 'orange'], [0.3, 'green']]))
        .withTarget(influxql(`SELECT last("budget") AS "budget" FROM "tp_month" WHERE ${station} AND $timeFilter`)),
    )
    .withRow(new RowBuilder(say('board.river.upstream.row', { section: section.name })).id(9).gridPos({ x: 0, y: 10, w: 24, h: 1 }));
  river.upstream.forEach((u, i) => {
    board.withPanel(
      new TimeseriesPanel()
        .id(10 + i)
        .title(say('board.river.upstream.title', { station: u.name, id: u.station, hours: hours(say, u.minutesToSection) }))
        .description(say('board.river.upstream.description', { hours: hours(say, u.minutesToSection), section: section.name }))
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
      named(new TablePanel(), say, ['station', 'samples', 'missing', 'mean', 'class', 'budget'])
        .id(4)
        .title(say('board.river.samples.title'))
        .description(say('board.river.samples.description'))
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
      named(new TablePanel(), say, ['leading', 'rise', 'ranking', 'suspects'])
        .id(5)
        .title(say('board.river.attribution.title'))
        .description(say('board.river.attribution.description'))
        .links([linkTo(say, 'board.link.live-river', 'envwatch-live-readings')])
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 12, y: 19, w: 12, h: 8 })
        .unit('conmgL')
        .thresholds(thresholds([[null, 'text']]))
        .withTarget(influxql('SELECT "leading", "rise", "ranking", "suspects" FROM "tp_attribution" WHERE $timeFilter ORDER BY time DESC LIMIT 20').table()),
    )
    .build();
}
