import type { HealthCheck } from '../plan/types.js';
import { parseDuration } from '../time/duration.js';
import { interpolate } from './interpolate.js';
import { stampMetric } from './release-units.js';
import type { RawComponent, RawHealth } from './schema.js';
import { formatPath, type PathKey } from './source.js';
import type { StampContext } from './stamp-context.js';

/**
 * A stamp's health check, interpolated for the stamp: its URL checked as the probe will use it, header values kept
 * as written (the probe fills them) but masked now, body patterns compiled, timings from the mode overlay.
 */
export function resolveHealth(
  ctx: StampContext,
  name: string,
  h: NonNullable<RawComponent['health']>,
  text: (value: string, path: PathKey[], allowOutputs?: boolean) => string,
  resolved: { failed: Set<string>; invalid: (path: PathKey[], value: string, message: string, hint: string) => void },
): HealthCheck | undefined {
  const at = (...rest: PathKey[]): PathKey[] => ['components', name, 'health', ...rest];
  const timing = { ...h, ...ctx.overlay?.health };
  const ms = (value: string | number | undefined, fallback: number): number => (value === undefined ? fallback : parseDuration(String(value)) ?? fallback);
  const url = h.url === undefined ? undefined : text(h.url, at('url'), true);
  if (url !== undefined && !resolved.failed.has(formatPath(at('url')))) {
    const problem = urlProblem(url);
    if (problem) resolved.invalid(at('url'), url, `health url "${url}" ${problem}`, 'write a URL like https://HOST:PORT/healthz, or start with {outputs.NAME} of an output that holds one');
  }
  const headers: Record<string, string> = {};
  for (const [header, value] of Object.entries(h.headers ?? {})) {
    const resolved = interpolate(value, { ...ctx.scope, allowOutputs: true });
    for (const e of resolved.errors) ctx.problems.push(ctx.source.problem(at('headers', header), e.message, e.hint));
    // Header values are kept as written; the probe resolves {env.X} at probe time, but the values are masked now.
    for (const envName of resolved.envUsed) if (ctx.scope.env[envName]) ctx.secrets.add(ctx.scope.env[envName]!);
    headers[header] = value;
  }
  for (const [i, pattern] of (h.expect?.body ?? []).entries()) {
    try {
      new RegExp(pattern);
    } catch (error) {
      ctx.problems.push(ctx.source.problem(at('expect', 'body', i), `is not a valid regular expression: ${(error as Error).message}`, regexHint(pattern)));
    }
  }
  const check: HealthCheck = {
    url,
    command: h.command?.map((arg, i) => text(arg, at('command', i), true)),
    ...(h.metric ? { metric: { ...stampMetric(ctx, h.metric, at('metric')), resource: text(h.metric.resource, at('metric', 'resource'), true) } } : {}),
    expect: expectation(h.expect),
    headers,
    intervalMs: ms(timing.interval, 10_000),
    timeoutMs: ms(timing.timeout, 5_000),
    waitMs: ms(timing.wait, 0),
    withinMs: ms(timing.within, 300_000),
    healthyForMs: ms(timing.healthyFor, 60_000),
    ...(timing.watch !== undefined ? { watchMs: ms(timing.watch, 0) } : {}),
  };
  if (check.timeoutMs > check.intervalMs) {
    ctx.problems.push(ctx.source.problem(at(h.timeout !== undefined ? 'timeout' : 'interval'), `probe timeout (${check.timeoutMs} ms) is longer than its interval (${check.intervalMs} ms)`, 'make the timeout at most the interval'));
  }
  if (check.intervalMs === 0) ctx.problems.push(ctx.source.problem(at('interval'), 'the probe interval must be more than 0', 'e.g. interval: 10s'));
  return check;
}

/** What an HTTP check expects, with the defaults: status 200, every body pattern, no latency bound. */
export function expectation(expect: RawHealth['expect']): HealthCheck['expect'] {
  return {
    status: expect?.status ?? [200],
    body: expect?.body ?? [],
    bodyMatch: expect?.bodyMatch ?? 'all',
    maxLatencyMs: expect?.maxLatency === undefined ? undefined : (parseDuration(String(expect.maxLatency)) ?? 0),
  };
}

/** What is wrong with a health URL as the probe will use it, or undefined; `{outputs.X}` stands for its value. */
function urlProblem(url: string): string | undefined {
  const probe = url.replace(/\{outputs\.[A-Za-z_][\w-]*\}/g, (_m, offset: number) => (offset === 0 ? 'https://output.invalid' : 'x'));
  if (!/^https?:\/\//i.test(probe)) return 'must start with http:// or https://';
  const port = /^https?:\/\/(?:[^/@]*@)?(?:\[[^\]]*\]|[^/:?#]*):(\d+)/i.exec(probe)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `has port ${port}; ports are 1-65535`;
  try {
    new URL(probe);
  } catch {
    return 'is not a valid URL';
  }
  return undefined;
}

/** The likeliest fix for a body regex JavaScript refuses. */
function regexHint(pattern: string): string {
  if (/(^|[^\\])[([{]/.test(pattern) && !/\\[([{]/.test(pattern)) return 'escape a literal (, [ or { with a backslash: \\( \\[ \\{ (in YAML single quotes a backslash stays as written)';
  return 'write a JavaScript regular expression, e.g. \'"status":\\s*"ok"\'; escape literal brackets and parentheses with a backslash';
}
