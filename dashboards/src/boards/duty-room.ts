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
import { SEVERITY_THRESHOLDS, asTimeFromNow, envwatchBoard, influxql, linkTo, named, termsOf, thresholds, toTeamBoard, townVariable } from '../panels';
import { Say } from '../words';

const ALERT_STATES = ['open', 'reopened', 'acknowledged', 'dispatched', 'on-scene', 'resolved', 'auto-resolved'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

const TOWN = '"town" =~ /^$town$/';

/**
 * The duty room's wall screen: what is open and how long is left, where it is, what the sensors
 * say against their limits, what citizens report, and which sensors went quiet. Refreshes every
 * 10 s; open it with ?kiosk on the wall (the compose stack's Grafana defaults to the dark theme).
 */
export function dutyRoom(say: Say, deadlines: DutyDeadlines, district: DistrictFigures): Dashboard {
  const limit = say('board.limit');
  return envwatchBoard(say, 'board.duty-room', 'envwatch-duty-room', { from: 'now-6h', to: 'now' }, district, '10s')
    .withVariable(townVariable(say, true))
    .withVariable(
      new QueryVariableBuilder('laeq')
        .label(say('board.var.laeq'))
        .datasource(ENVWATCH_INFLUXDB)
        .query('SHOW TAG VALUES FROM "noise_laeq" WITH KEY = "interval"')
        .refresh(VariableRefresh.OnDashboardLoad),
    )
    .withPanel(
      named(new TablePanel(), say, ['alert', 'site', 'town', 'kind', 'state', 'severity', 'severity_rank', 'deadline', 'deadline_at', 'peak', 'limit', 'escalations'])
        .id(1)
        .title(say('board.duty-room.open.title'))
        .description(say('board.duty-room.open.description', { acknowledge: deadlines.acknowledgeMinutes, onScene: deadlines.onSceneMinutes }))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 0, w: 14, h: 10 })
        .unit('short')
        .thresholds(thresholds(SEVERITY_THRESHOLDS))
        .sortBy([new TableSortByFieldStateBuilder().displayName('severity_rank').desc(true)])
        .overrideByName('deadline_at', asTimeFromNow)
        .overrideByName('state', termsOf(say, 'alert.state.', ALERT_STATES))
        .overrideByName('severity', termsOf(say, 'alert.severity.', SEVERITIES))
        .overrideByName('town', [{ id: 'links', value: [toTeamBoard(say, 'town').build()] }])
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
        .title(say('board.duty-room.count.title'))
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
        .title(say('board.duty-room.overdue.title'))
        .description(say('board.duty-room.overdue.description', { acknowledge: deadlines.acknowledgeMinutes, onScene: deadlines.onSceneMinutes }))
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
      named(new StatPanel(), say, ['corroborated', 'not corroborated'])
        .id(4)
        .title(say('board.duty-room.complaints.title'))
        .description(say('board.duty-room.complaints.description', { radius: district.complaints.radiusMetres }))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 14, y: 5, w: 5, h: 5 })
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
        .title(say('board.duty-room.map.title'))
        .description(say('board.duty-room.map.description'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 10, w: 12, h: 12 })
        .unit('short')
        .thresholds(thresholds(SEVERITY_THRESHOLDS))
        .view(new MapViewConfigBuilder().id('fit').allLayers(true).padding(10))
        .controls(new ControlsOptionsBuilder().showZoom(true).mouseWheelZoom(true).showScale(true))
        .basemap(new MapLayerOptionsBuilder().type('carto').name(say('board.duty-room.map.basemap')).config({ theme: 'dark', showLabels: true }))
        .layers([
          new MapLayerOptionsBuilder()
            .type('markers')
            .name(say('board.duty-room.map.buildings'))
            .location(new FrameGeometrySourceBuilder().mode(FrameGeometrySourceMode.Coords).latitude('lat').longitude('lon'))
            .filterData({ id: 'byRefId', options: 'B' })
            .config({ showLegend: false, style: { color: { fixed: '#9e9e9e' }, size: { fixed: 4 }, opacity: 0.6, symbol: { mode: 'fixed', fixed: 'img/icons/marker/square.svg' } } }),
          new MapLayerOptionsBuilder()
            .type('markers')
            .name(say('board.duty-room.map.sites'))
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
        .title(say('board.duty-room.noise.title'))
        .description(say('board.duty-room.noise.description'))
        .links([linkTo(say, 'board.link.evidence', 'envwatch-enforcement-team')])
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 12, y: 10, w: 12, h: 12 })
        .unit('dBa')
        .thresholds(thresholds([[null, 'green']]))
        .overrideByName(limit, [
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
            limit,
          ),
        ),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(7)
        .title(say('board.duty-room.odour.title'))
        .description(say('board.duty-room.odour.description'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 22, w: 12, h: 9 })
        .unit('conmgm3')
        .min(0)
        .thresholds(thresholds([[null, 'green']]))
        .overrideByRegexp(`^${limit}`, [{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } }])
        .withTarget(
          influxql(
            `SELECT mean("mean") FROM "odour_interval" WHERE "quantity" != 'odour' AND ${TOWN} AND $timeFilter GROUP BY time($__interval), "site", "quantity" fill(none)`,
          ).alias('$tag_site $tag_quantity'),
        )
        .withTarget(
          influxql(
            `SELECT min("limit") FROM "odour_interval" WHERE "quantity" != 'odour' AND ${TOWN} AND $timeFilter GROUP BY time($__interval), "quantity" fill(none)`,
            'B',
          ).alias(`${limit} $tag_quantity`),
        ),
    )
    .withPanel(
      new TimeseriesPanel()
        .id(8)
        .title(say('board.duty-room.odour-concentration.title'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 12, y: 22, w: 6, h: 9 })
        .unit('none')
        .min(0)
        .thresholds(thresholds([[null, 'green']]))
        .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Off))
        .overrideByName(limit, [{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } }])
        .withTarget(
          influxql(`SELECT mean("mean") FROM "odour_interval" WHERE "quantity" = 'odour' AND ${TOWN} AND $timeFilter GROUP BY time($__interval), "site" fill(none)`).alias(
            '$tag_site',
          ),
        )
        .withTarget(
          influxql(`SELECT min("limit") FROM "odour_interval" WHERE "quantity" = 'odour' AND ${TOWN} AND $timeFilter GROUP BY time($__interval) fill(none)`, 'B').alias(
            limit,
          ),
        ),
    )
    .withPanel(
      named(new TablePanel(), say, ['site', 'town', 'silent_minutes'])
        .id(9)
        .title(say('board.duty-room.silent.title'))
        .description(say('board.duty-room.silent.description'))
        .links([linkTo(say, 'board.link.live-readings', 'envwatch-live-readings')])
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 18, y: 22, w: 6, h: 9 })
        .unit('m')
        .thresholds(thresholds([[null, 'orange']]))
        .withTarget(
          influxql(`SELECT "site", "town", "peak" AS "silent_minutes" FROM "duty_alert" WHERE "kind" = 'no-data' AND "state" = 'open' AND ${TOWN}`).table(),
        ),
    )
    .withPanel(
      named(new StatPanel(), say, ['early reports', 'findings'])
        .id(10)
        .title(say('board.duty-room.patrols.title'))
        .description(say('board.duty-room.patrols.description'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 19, y: 5, w: 5, h: 5 })
        .timeFrom('24h')
        .unit('short')
        .thresholds(thresholds([[null, 'blue']]))
        .withTarget(influxql(`SELECT count("id") AS "early reports" FROM "patrol_finding" WHERE "kind" = 'early-report' AND ${TOWN} AND $timeFilter`))
        .withTarget(influxql(`SELECT count("id") AS "findings" FROM "patrol_finding" WHERE "kind" = 'finding' AND ${TOWN} AND $timeFilter`, 'B')),
    )
    .withPanel(
      named(new TablePanel(), say, ['village', 'category', 'kind', 'by', 'text'])
        .id(11)
        .title(say('board.duty-room.early-reports.title'))
        .description(say('board.duty-room.early-reports.description'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 0, y: 31, w: 12, h: 8 })
        .timeFrom('24h')
        .unit('short')
        .thresholds(thresholds([[null, 'blue']]))
        .overrideByName('category', termsOf(say, 'complaint.category.', ['odour', 'noise', 'water', 'other']))
        .overrideByName('kind', termsOf(say, 'patrol.kind.', ['early-report', 'finding']))
        .withTarget(
          influxql(`SELECT "village", "category", "kind", "by", "text" FROM "patrol_finding" WHERE ${TOWN} AND $timeFilter ORDER BY time DESC LIMIT 100`).table(),
        ),
    )
    .withPanel(
      named(new TablePanel(), say, ['grid', 'village', 'officer', 'status', 'visited', 'points'])
        .id(12)
        .title(say('board.duty-room.rounds.title'))
        .description(say('board.duty-room.rounds.description'))
        .datasource(ENVWATCH_INFLUXDB)
        .gridPos({ x: 12, y: 31, w: 12, h: 8 })
        .timeFrom('7d')
        .unit('short')
        .thresholds(thresholds([[null, 'red']]))
        .overrideByName('status', termsOf(say, 'patrol.status.', ['done', 'late', 'missed']))
        .withTarget(
          influxql(
            `SELECT "grid", "village", "officer", "status", "visited", "points" FROM "patrol_round" WHERE "flagged" = true AND ${TOWN} AND $timeFilter ORDER BY time DESC`,
          ).table(),
        ),
    )
    .build();
}
