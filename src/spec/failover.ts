import type { HealthCheck } from '../plan/types.js';
import { parseDuration } from '../time/duration.js';
import { asRecord } from './checks.js';
import { interpolate } from './interpolate.js';
import { didYouMean, type SpecProblem } from './problems.js';
import { specSchema, type RawHealth } from './schema.js';
import type { PathKey, SpecSource } from './source.js';
import { expectation } from './stamp-health.js';
import type { ResolvedStamp } from './types.js';

/** The `failover` section, validated and interpolated: what the failover controller and its adapters read. */
export interface FailoverSpec {
  /** In order of preference; the first is the primary. */
  targets: FailoverTargetSpec[];
  traffic: { component: string; parameter: string };
  /** The check of the active target; `{outputs.endpoint}` is that target's endpoint as the state entity holds it. */
  health: HealthCheck;
  failures: number;
  cooldownMs: number;
  state: { endpoint: string; table: string };
}

export interface FailoverTargetSpec {
  name: string;
  region?: string;
  unit?: string;
  /** The endpoint `failover init` writes into the state entity. */
  endpoint: string;
}

export const DEFAULT_TABLE = 'failoverstate';
const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

export interface FailoverContext {
  source: SpecSource;
  env: Record<string, string | undefined>;
  regions: string[];
  stamps: ResolvedStamp[];
  problems: SpecProblem[];
  secrets: Set<string>;
}

/** Checks what the schema cannot (names that must exist, URLs, the traffic component's parameter) and resolves it. */
export function resolveFailover(ctx: FailoverContext, raw: unknown): FailoverSpec | undefined {
  if (raw === undefined) return undefined;
  const parsed = specSchema.shape.failover.safeParse(raw);
  if (!parsed.success || !parsed.data) return undefined; // the schema pass already reported why
  const f = parsed.data;
  const at = (...rest: PathKey[]): PathKey[] => ['failover', ...rest];
  const problem = (path: PathKey[], message: string, hint?: string): void => void ctx.problems.push(ctx.source.problem(path, message, hint));
  // Generating a workflow reads the spec with `{env.NAME}` left as placeholders: such values are checked at run time.
  const later = (value: string): boolean => value.includes('{env.');
  const text = (value: string, path: PathKey[], allowOutputs = false): string => {
    const result = interpolate(value, { version: '', mode: '', rollout: '', env: ctx.env, allowOutputs });
    for (const e of result.errors) problem(path, e.message, e.hint);
    return result.value;
  };

  const seen = new Set<string>();
  const targets = f.targets.map((t, i) => {
    if (seen.has(t.name)) problem(at('targets', i, 'name'), `target "${t.name}" is listed twice`, 'give each target its own name');
    seen.add(t.name);
    if (t.region !== undefined && !ctx.regions.includes(t.region)) {
      problem(at('targets', i, 'region'), `region "${t.region}" is not defined under regions`, didYouMean(t.region, ctx.regions) ?? `use one of: ${ctx.regions.join(', ')}`);
    }
    const endpoint = text(t.endpoint, at('targets', i, 'endpoint'));
    if (!later(endpoint) && !/^https?:\/\/[^/]/.test(endpoint)) problem(at('targets', i, 'endpoint'), `endpoint "${endpoint}" must be an http:// or https:// URL`);
    return { name: t.name, ...(t.region ? { region: t.region } : {}), ...(t.unit ? { unit: t.unit } : {}), endpoint };
  });

  const parameter = f.traffic.parameter ?? 'priorities';
  const trafficStamp = ctx.stamps.find((s) => s.component === f.traffic.component);
  const components = [...new Set(ctx.stamps.map((s) => s.component))];
  if (!trafficStamp) {
    if (!asRecord(asRecord(ctx.source.data)?.components)?.[f.traffic.component]) {
      problem(at('traffic', 'component'), `component "${f.traffic.component}" is not defined under components`, didYouMean(f.traffic.component, components) ?? `use one of: ${components.join(', ')}`);
    }
  } else if (!trafficStamp.global) {
    problem(at('traffic', 'component'), `component "${f.traffic.component}" is per region; traffic is switched by one global component`, 'name the global component that routes traffic (Front Door, Traffic Manager)');
  } else {
    const declared = Object.keys(asRecord(trafficStamp.template.content.parameters) ?? {});
    if (!declared.some((p) => p.toLowerCase() === parameter.toLowerCase())) {
      problem(at('traffic', f.traffic.parameter === undefined ? 'component' : 'parameter'), `the template of "${f.traffic.component}" has no parameter "${parameter}"`, `declare an object parameter "${parameter}" (target -> priority) in ${trafficStamp.template.path}, or name one of: ${declared.join(', ') || 'none'}`);
    }
  }

  const ms = (value: unknown, fallback: number): number => (value === undefined ? fallback : (parseDuration(String(value)) ?? fallback));
  // The schema is built from schema.ts's health object passed in untyped (to avoid an import cycle): type it back.
  const h = f.health as unknown as Omit<RawHealth, 'wait' | 'within' | 'healthyFor'>;
  const url = h.url === undefined ? (h.command ? undefined : '{outputs.endpoint}') : text(h.url, at('health', 'url'), true);
  if (url !== undefined && !/^https?:\/\//.test(url) && !url.startsWith('{outputs.')) problem(at('health', 'url'), `health url "${url}" must start with http:// or https://`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(h.headers ?? {})) {
    const resolved = interpolate(value, { version: '', mode: '', rollout: '', env: ctx.env, allowOutputs: true });
    for (const e of resolved.errors) problem(at('health', 'headers', name), e.message, e.hint);
    for (const envName of resolved.envUsed) if (ctx.env[envName]) ctx.secrets.add(ctx.env[envName]!);
    headers[name] = value;
  }
  const failures = f.failures ?? 3;
  const health: HealthCheck = {
    url,
    command: h.command?.map((arg, i) => text(arg, at('health', 'command', i), true)),
    expect: expectation(h.expect),
    headers,
    intervalMs: ms(h.interval, 10_000),
    timeoutMs: ms(h.timeout, 5_000),
    // One evaluation is `failures` probes one interval apart; the first healthy answer ends it.
    waitMs: 0,
    withinMs: 0,
    healthyForMs: 0,
  };
  health.withinMs = (failures - 1) * health.intervalMs;
  if (health.timeoutMs > health.intervalMs) problem(at('health', h.timeout !== undefined ? 'timeout' : 'interval'), `probe timeout (${health.timeoutMs} ms) is longer than its interval (${health.intervalMs} ms)`, 'make the timeout at most the interval');

  const table = f.state.table === undefined ? DEFAULT_TABLE : text(f.state.table, at('state', 'table'));
  if (!later(table) && !TABLE_NAME.test(table)) problem(at('state', 'table'), `"${table}" is not a valid table name`, 'letters and digits, a letter first, 3 to 63 characters');
  let endpoint = '';
  if (f.state.endpoint !== undefined) {
    endpoint = text(f.state.endpoint, at('state', 'endpoint')).replace(/\/+$/, '');
    if (!later(endpoint) && !/^https?:\/\/[^/]/.test(endpoint)) problem(at('state', 'endpoint'), `"${endpoint}" is not an http(s) URL`, 'e.g. https://ACCOUNT.table.core.windows.net');
  } else if (f.state.account !== undefined) {
    const account = text(f.state.account, at('state', 'account'));
    if (!later(account) && !ACCOUNT_NAME.test(account)) problem(at('state', 'account'), `"${account}" is not a valid storage account name`, '3 to 24 lower case letters and digits');
    endpoint = `https://${account}.table.core.windows.net`;
  } else {
    problem(at('state'), 'the state needs a storage account or a table endpoint', 'e.g. state: { account: contosofailover, table: failoverstate }');
  }
  return { targets, traffic: { component: f.traffic.component, parameter }, health, failures, cooldownMs: ms(f.cooldown, 30 * 60_000), state: { endpoint, table } };
}
