import type { TokenCredential } from '@azure/core-auth';
import { MonitorClient } from '@azure/arm-monitor';
import type { ResourceMetrics, TrafficCount, TrafficMetrics, UnitOrigin } from '../engine/traffic.js';
import type { Clock } from '../time/clock.js';
import { fromSdkError } from './arm-errors.js';
import { withArmPolicies } from './pipeline.js';

/**
 * Azure Monitor metrics behind the TrafficMetrics port (@azure/arm-monitor, metrics.list): Front Door's
 * OriginRequestCount split by Origin and HttpStatusGroup, summed over the origins asked about. Windows are whole
 * minutes, Azure Monitor's finest grain.
 */
export interface AzureMonitorMetricsOptions {
  credential: TokenCredential;
  endpoint?: string;
  /** Unused by the metrics API (its path is the resource id); kept for the client. */
  subscription?: string;
  clock: Clock;
  /** The rollout's correlation id, sent on every request as the deployer sends it. */
  correlationId?: string;
  /** The Front Door profile's resource id, found once the traffic component is deployed. */
  profileId?: (signal: AbortSignal) => Promise<string | undefined>;
}

const MINUTE = 60_000;

export class AzureMonitorMetrics implements TrafficMetrics, ResourceMetrics {
  private readonly options: AzureMonitorMetricsOptions;
  private readonly client: MonitorClient;

  constructor(options: AzureMonitorMetricsOptions) {
    this.options = options;
    const client = new MonitorClient(options.credential, options.subscription ?? '00000000-0000-0000-0000-000000000000', { endpoint: options.endpoint });
    this.client = withArmPolicies(client, options.credential, options.correlationId);
  }

  /** An App Service site's Requests and Http5xx, summed over the window. */
  async resourceTraffic(resourceId: string, fromMs: number, toMs: number, signal: AbortSignal): Promise<TrafficCount> {
    const from = Math.floor(fromMs / MINUTE) * MINUTE;
    const to = Math.ceil(toMs / MINUTE) * MINUTE;
    if (from >= to) return { requests: 0, errors: 0 };
    const response = await this.options.clock
      .track(this.client.metrics.list(resourceId.replace(/^\//, ''), { timespan: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`, interval: 'PT1M', metricnames: 'Requests,Http5xx', aggregation: 'Total', abortSignal: signal }))
      .catch((error) => {
        throw fromSdkError(error, `reading the metrics of ${resourceId}`);
      });
    const total = (name: string): number =>
      response.value.filter((m) => m.name.value === name).flatMap((m) => m.timeseries ?? []).flatMap((s) => s.data ?? []).reduce((n, d) => n + (d.total ?? 0), 0);
    return { requests: total('Requests'), errors: total('Http5xx') };
  }

  async originTraffic(origins: UnitOrigin[], fromMs: number, toMs: number, signal: AbortSignal): Promise<TrafficCount> {
    const from = Math.floor(fromMs / MINUTE) * MINUTE;
    const to = Math.ceil(toMs / MINUTE) * MINUTE;
    const profile = await this.options.profileId?.(signal);
    if (!profile || origins.length === 0 || from >= to) return { requests: 0, errors: 0 };
    const hosts = new Set(origins.map((o) => (o.hostName.includes(':') ? o.hostName : `${o.hostName}:443`).toLowerCase()));
    const response = await this.options.clock
      .track(
        this.client.metrics.list(profile.replace(/^\//, ''), {
          timespan: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`,
          interval: 'PT1M',
          metricnames: 'OriginRequestCount',
          aggregation: 'Total',
          filter: "Origin eq '*' and HttpStatusGroup eq '*'",
          abortSignal: signal,
        }),
      )
      .catch((error) => {
        throw fromSdkError(error, 'reading Front Door metrics');
      });
    const count: TrafficCount = { requests: 0, errors: 0 };
    for (const metric of response.value) {
      for (const series of metric.timeseries ?? []) {
        const dims = Object.fromEntries((series.metadatavalues ?? []).map((m) => [String(m.name?.value ?? '').toLowerCase(), String(m.value ?? '')]));
        if (!hosts.has(String(dims.origin ?? '').toLowerCase())) continue;
        const total = (series.data ?? []).reduce((n, d) => n + (d.total ?? 0), 0);
        count.requests += total;
        if (dims.httpstatusgroup === '5xx') count.errors += total;
      }
    }
    return count;
  }
}
