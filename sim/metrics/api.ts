import { json, type ArmReply, type ArmRequest, type SimCore } from '../core.js';
import { ArmError } from '../errors.js';
import { parseDuration } from '../../src/time/duration.js';

/**
 * `GET {resourceUri}/providers/Microsoft.Insights/metrics` (Azure Monitor metrics, api-version 2023-10-01 shape):
 * `metricnames`, `timespan` (start/end), `interval` (ISO 8601, default PT1M), `aggregation` (Total or Count), and
 * `$filter` with `DIM eq 'value'` or `DIM eq '*'` (split by that dimension) joined by `and`.
 */

/** The metrics each resource type emits here (Front Door: per origin; App Service: per site). */
export const KNOWN_METRICS: Record<string, string[]> = {
  'microsoft.cdn/profiles': ['RequestCount', 'OriginRequestCount'],
  'microsoft.web/sites': ['Requests', 'Http5xx'],
  'microsoft.app/containerapps': ['Requests'],
};

export function metricsReply(core: SimCore, req: ArmRequest, resourceUri: string): ArmReply {
  const resource = core.state.resources.get(resourceUri.toLowerCase());
  if (!resource) throw new ArmError(404, 'ResourceNotFound', `The Resource '${resourceUri}' was not found.`);
  const known = KNOWN_METRICS[resource.type.toLowerCase()] ?? [];
  const names = (req.query.get('metricnames') ?? known[0] ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  for (const name of names) {
    if (!known.some((k) => k.toLowerCase() === name.toLowerCase())) {
      throw new ArmError(400, 'BadRequest', `Failed to find metric configuration for provider: ${resource.type.split('/')[0]}, resource Type: ${resource.type}, metric: ${name}, Valid metrics: ${known.join(',')}`);
    }
  }
  const now = core.clock.now();
  const [fromText, toText] = (req.query.get('timespan') ?? '').split('/');
  const from = fromText ? Date.parse(fromText) : now - 3_600_000;
  const to = toText ? Date.parse(toText) : now;
  if (Number.isNaN(from) || Number.isNaN(to) || from >= to) throw new ArmError(400, 'BadRequest', `The timespan '${req.query.get('timespan')}' is not valid: give START/END in ISO 8601 with START before END.`);
  const intervalText = req.query.get('interval') ?? 'PT1M';
  const intervalMs = parseDuration(intervalText);
  if (!intervalMs || intervalMs % 60_000 !== 0) throw new ArmError(400, 'BadRequest', `Invalid interval '${intervalText}': use a whole number of minutes such as PT1M or PT5M.`);
  const aggregation = (req.query.get('aggregation') ?? 'Total').split(',')[0].trim().toLowerCase() === 'count' ? 'count' : 'total';
  const { splitBy, equals } = parseFilter(req.query.get('$filter'));
  const value = names.map((raw) => {
    const name = known.find((k) => k.toLowerCase() === raw.toLowerCase())!;
    const series = core.metrics.query(resourceUri, name, { from, to, intervalMs, splitBy, equals });
    return {
      id: `${resource.id}/providers/Microsoft.Insights/metrics/${name}`,
      type: 'Microsoft.Insights/metrics',
      name: { value: name, localizedValue: name },
      displayDescription: `${name} (local endpoint)`,
      unit: 'Count',
      timeseries: series.map((s) => ({
        metadatavalues: Object.entries(s.dims).map(([k, v]) => ({ name: { value: k.toLowerCase(), localizedValue: k }, value: v })),
        data: s.totals.map((t) => ({ timeStamp: new Date(t.at).toISOString().replace('.000Z', 'Z'), [aggregation]: t.total })),
      })),
      errorCode: 'Success',
    };
  });
  return json(200, {
    cost: 0,
    timespan: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`,
    interval: intervalText,
    value,
    namespace: resource.type.toLowerCase(),
    resourceregion: resource.location ?? 'global',
  });
}

function parseFilter(filter: string | null): { splitBy: string[]; equals: Record<string, string> } {
  const splitBy: string[] = [];
  const equals: Record<string, string> = {};
  if (!filter) return { splitBy, equals };
  for (const clause of filter.split(/\s+and\s+/i)) {
    const m = /^\s*([A-Za-z0-9_]+)\s+eq\s+'([^']*)'\s*$/i.exec(clause);
    if (!m) throw new ArmError(400, 'BadRequest', `The $filter clause '${clause}' is not supported: write DIMENSION eq 'value' or DIMENSION eq '*', joined by and.`);
    if (m[2] === '*') splitBy.push(m[1]);
    else equals[m[1]] = m[2];
  }
  return { splitBy, equals };
}
