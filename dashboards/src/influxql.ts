import { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import { DataSourceRef } from '@grafana/grafana-foundation-sdk/dashboard';

/**
 * The SDK ships no InfluxDB query type, so this is Grafana's InfluxDB query model for raw
 * InfluxQL: the one query language InfluxDB 1.x, 2.x (v1 endpoint with a DBRP mapping) and 3.x
 * all answer.
 */
export interface InfluxQLQuery extends Dataquery {
  refId?: string;
  hide?: boolean;
  datasource?: DataSourceRef;
  query: string;
  rawQuery: true;
  resultFormat: 'time_series' | 'table';
  alias?: string;
}

/** The datasource provisioned by infra/grafana/provisioning/datasources/envwatch.yaml. */
export const ENVWATCH_INFLUXDB: DataSourceRef = { type: 'influxdb', uid: 'envwatch-influxdb' };

export class InfluxQLQueryBuilder implements Builder<Dataquery> {
  private readonly internal: InfluxQLQuery;

  constructor(query: string) {
    this.internal = {
      query,
      rawQuery: true,
      resultFormat: 'time_series',
      datasource: ENVWATCH_INFLUXDB,
      _implementsDataqueryVariant() {},
    };
  }

  refId(refId: string): this {
    this.internal.refId = refId;
    return this;
  }

  table(): this {
    this.internal.resultFormat = 'table';
    return this;
  }

  alias(alias: string): this {
    this.internal.alias = alias;
    return this;
  }

  build(): InfluxQLQuery {
    return this.internal;
  }
}
