import { DistrictFigures } from '../registry';
import { DutyDeadlines } from '../duty';
import { Dashboard, QueryVariableBuilder, VariableRefresh } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { PanelBuilder as GeomapPanel, MapViewConfigBuilder, ControlsOptionsBuilder } from '@grafana/grafana-foundation-sdk/geomap';
import {
  BigValueColorMode,
  FrameGeometrySourceBuilder,
  FrameGeometrySourceMode,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  MapLayerOptionsBuilder,
  TableSortByFieldStateBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import { ENVWATCH_INFLUXDB } from '../influxql';
import { SEVERITY_THRESHOLDS, asTimeFromNow, envwatchBoard, influxql, linkTo, thresholds, toTeamBoard, townVariable } from '../panels';

const TOWN = '"town" =~ /^$town$/';

/**
 * The duty room's wall screen: what is open and how long is left, where it is, what the sensors
 * say against their limits, what citizens report, and which sensors went quiet. Refreshes every
 * 10 s; open it with ?kiosk on the wall (the compose stack's Grafana defaults to the dark theme).
 */
export function dutyRoom(deadlines: DutyDeadlines, district: DistrictFigures): Dashboard {
  return envwatchBoard('EnvWatch · Duty room', 'envwatch-duty-room', 'Open duty alerts with their deadlines, the district map, noise and odour against limits, complaints, silent sensors.', { from: 'now-6h', to: 'now' }, district, '10s')
    .withVariable(townVariable(true))
    .withVariable(
      new QueryVariableBuilder('laeq')
        .label('LAeq interval')
        .datasource(ENVWATCH_INFLUXDB)
        .query('SHOW TAG VALUES FROM "noise_laeq" WITH KEY = "interval"')
        .refresh(VariableRefresh.OnDashboardLoad),
    )
    .withPanel(
      new TablePanel()
        .id(1)
        .title('Open alerts by severity')
        .description(`Every alert not yet resolved, most severe first; "deadline" is when it must be acknowledged (open) or on scene (acknowledged), ${deadlines.acknowledgeMinutes} and ${deadlines.onSceneMinutes} minutes.`)
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 0, w: 14, h: 10 })
        .unit('short')
        .thresholds(thresholds(SEVERITY_THRESHOLDS))
        .sortBy([new TableSortByFieldStateBuilder().displayName('severity_rank').desc(true)])
        .overrideByName('deadline_at', asTimeFromNow)
        .overrideByName('town', [{ id: 'links', value: [toTeamBoard('town').build()] }])
        .withTarget(
          influxql(
            'SELECT "alert", "site", "town", "kind", "state", "severity", "severity_rank", "deadline", "deadline_at", "peak", "limit", ' +
              `"escalations" FROM "alert_state" WHERE "active" = 1 AND ${TOWN}`,
          ).table(),
        ),
    )
    .withPanel(
      new StatPanel()
        .id(2)
        .title('Open alerts')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 14, y: 0, w: 5, h: 5 })
        .unit('short')
        .colorMode(BigValueColorMode.Background)
        .thresholds(thresholds([[null, 'green'], [1, 'orange']]))
        .withTarget(influxql(`SELECT count("alert") FROM "alert_state" WHERE "active" = 1 AND ${TOWN}`)),
    )
    .withPanel(
      new StatPanel()
        .id(3)
        .title('Past their deadline')
        .description(`Open alerts not acknowledged within ${deadlines.acknowledgeMinutes} minutes, or not on scene within ${deadlines.onSceneMinutes} minutes of acknowledgement.`)
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 19, y: 0, w: 5, h: 5 })
        .unit('short')
        .colorMode(BigValueColorMode.Background)
        .thresholds(thresholds([[null, 'green'], [1, 'red']]))
        .withTarget(
          influxql(`SELECT count("alert") FROM "alert_state" WHERE "active" = 1 AND "deadline_at" > 0 AND "deadline_at" < \${__to} AND ${TOWN}`),
        ),
    )
    .withPanel(
      new StatPanel()
        .id(4)
        .title('Complaints, last 24 h')
        .description(`Corroborated: the sensors of its kind within ${district.complaints.radiusMetres} m confirm it. No complainant data is shown.`)
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 14, y: 5, w: 10, h: 5 })
        .timeFrom('24h')
        .unit('short')
        .thresholds(thresholds([[null, 'blue']]))
        .withTarget(
          influxql(
            'SELECT sum("corroborated") AS "corroborated", count("corroborated") - sum("corroborated") AS "not corroborated" ' +
              `FROM "complaint" WHERE ${TOWN} AND $timeFilter`,
          ),
        ),
    )
    .withPanel(
      new GeomapPanel()
        .id(5)
        .title('Sites and open alerts')
        .description('Sites coloured by their worst open alert (green: none), residential buildings in grey.')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 10, w: 12, h: 12 })
        .unit('short')
        .thresholds(thresholds(SEVERITY_THRESHOLDS))
        .view(new MapViewConfigBuilder().id('fit').allLayers(true).padding(10))
        .controls(new ControlsOptionsBuilder().showZoom(true).mouseWheelZoom(true).showScale(true))
        .basemap(new MapLayerOptionsBuilder().type('carto').name('Basemap').config({ theme: 'dark', showLabels: true }))
        .layers([
          new MapLayerOptionsBuilder()
            .type('markers')
            .name('Residential buildings')
            .location(new FrameGeometrySourceBuilder().mode(FrameGeometrySourceMode.Coords).latitude('lat').longitude('lon'))
            .filterData({ id: 'byRefId', options: 'B' })
            .config({ showLegend: false, style: { color: { fixed: '#9e9e9e' }, size: { fixed: 4 }, opacity: 0.6, symbol: { mode: 'fixed', fixed: 'img/icons/marker/square.svg' } } }),
          new MapLayerOptionsBuilder()
            .type('markers')
            .name('Sites')
            .tooltip(true)
            .location(new FrameGeometrySourceBuilder().mode(FrameGeometrySourceMode.Coords).latitude('lat').longitude('lon'))
            .filterData({ id: 'byRefId', options: 'A' })
            .config({
              showLegend: true,
              style: {
                color: { field: 'severity_rank', fixed: 'green' },
                size: { field: 'open_alerts', fixed: 7, min: 7, max: 18 },
                opacity: 0.9,
                symbol: { mode: 'fixed', fixed: 'img/icons/marker/circle.svg' },
              },
            }),
        ])
        .withTarget(
          influxql(
            'SELECT last("lat") AS "lat", last("lon") AS "lon", last("severity_rank") AS "severity_rank", ' +
              `last("open_alerts") AS "open_alerts", last("name") AS "name" FROM "site_status" WHERE ${TOWN} GROUP BY "site", "town"`,
          ).table(),
        )
        .withTarget(
          influxql(`SELECT last("lat") AS "lat", last("lon") AS "lon", last("name") AS "name" FROM "building" WHERE ${TOWN} GROUP BY "building"`, 'B').table(),
        ),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(6)
        .title('Noise LAeq per site against its limit, dB(A)')
        .description('Energy averages over the chosen interval; the dashed line is the limit that applied, day or night (local time).')
        .links([linkTo('Enforcement team board: evidence per site', 'envwatch-enforcement-team')])
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 12, y: 10, w: 12, h: 12 })
        .unit('dBa')
        .thresholds(thresholds([[null, 'green']]))
        .overrideByName('limit', [
          { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
          { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } },
        ])
        .withTarget(
          influxql(`SELECT mean("laeq") FROM "noise_laeq" WHERE "interval" = '$laeq' AND ${TOWN} AND $timeFilter GROUP BY time($__interval), "site" fill(none)`).alias(
            '$tag_site',
          ),
        )
        .withTarget(
          influxql(`SELECT min("limit") FROM "noise_laeq" WHERE "interval" = '$laeq' AND ${TOWN} AND $timeFilter GROUP BY time($__interval) fill(none)`, 'B').alias(
            'limit',
          ),
        ),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(7)
        .title('H2S and other odour compounds against their limits, mg/m³')
        .description('Interval means per site and compound; dashed: each compound\'s boundary limit (GB 14554).')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 22, w: 12, h: 9 })
        .unit('conmgm3')
        .min(0)
        .thresholds(thresholds([[null, 'green']]))
        .overrideByRegexp('^limit', [{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } }])
        .withTarget(
          influxql(
            `SELECT mean("mean") FROM "odour_interval" WHERE "quantity" != 'odour' AND ${TOWN} AND $timeFilter GROUP BY time($__interval), "site", "quantity" fill(none)`,
          ).alias('$tag_site $tag_quantity'),
        )
        .withTarget(
          influxql(
            `SELECT min("limit") FROM "odour_interval" WHERE "quantity" != 'odour' AND ${TOWN} AND $timeFilter GROUP BY time($__interval), "quantity" fill(none)`,
            'B',
          ).alias('limit $tag_quantity'),
        ),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(8)
        .title('Odour concentration against its limit (dimensionless)')
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 12, y: 22, w: 6, h: 9 })
        .unit('none')
        .min(0)
        .thresholds(thresholds([[null, 'green']]))
        .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Off))
        .overrideByName('limit', [{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } }])
        .withTarget(
          influxql(`SELECT mean("mean") FROM "odour_interval" WHERE "quantity" = 'odour' AND ${TOWN} AND $timeFilter GROUP BY time($__interval), "site" fill(none)`).alias(
            '$tag_site',
          ),
        )
        .withTarget(
          influxql(`SELECT min("limit") FROM "odour_interval" WHERE "quantity" = 'odour' AND ${TOWN} AND $timeFilter GROUP BY time($__interval) fill(none)`, 'B').alias(
            'limit',
          ),
        ),
    )
    .withPanel(
      new TablePanel()
        .id(9)
        .title('Sensors silent right now')
        .description('Sites that sent nothing for longer than the no-data rule allows (15 minutes by default), still silent.')
        .links([linkTo('Live readings', 'envwatch-live-readings')])
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 18, y: 22, w: 6, h: 9 })
        .unit('m')
        .thresholds(thresholds([[null, 'orange']]))
        .withTarget(
          influxql(`SELECT "site", "town", "peak" AS "silent_minutes" FROM "duty_alert" WHERE "kind" = 'no-data' AND "state" = 'open' AND ${TOWN}`).table(),
        ),
    )
    .build();
}
