import { parseDuration, formatDuration } from '../time/duration.js';
import { asRecord } from './checks.js';
import type { SpecProblem } from './problems.js';
import type { PathKey, SpecSource } from './source.js';

/**
 * Values the schema accepts but nothing can honour. The longest wait is 30 days: GitHub's environment wait timer,
 * which holds a stage job while the previous stage bakes, goes up to 43,200 minutes, and a longer health window is no
 * health check anyone waits for. `standard` is the name of the spec without any overlay, so no mode may take it.
 */
export const MAX_WAIT_MS = 30 * 86_400_000;

/** load.ts's STANDARD_MODE, repeated here so that the loader and its checks do not import each other. */
const STANDARD_MODE_NAME = 'standard';
const TIMINGS = ['interval', 'timeout', 'wait', 'within', 'healthyFor'];

export function checkLimits(source: SpecSource): SpecProblem[] {
  const data = asRecord(source.data);
  if (!data) return [];
  const problems: SpecProblem[] = [];
  const duration = (path: PathKey[], value: unknown, what: string): void => {
    if (typeof value !== 'string') return;
    const ms = parseDuration(value);
    if (ms === undefined || ms <= MAX_WAIT_MS) return;
    problems.push(source.problem(path, `${what} of ${formatDuration(ms)} is longer than the 30 days staged-rollout can wait`, `at most 30d (GitHub's environment wait timers go up to 43,200 minutes); split a longer soak into stages`));
  };
  (Array.isArray(data.stages) ? data.stages : []).forEach((raw, i) => duration(['stages', i, 'bake'], asRecord(raw)?.bake, 'a bake'));
  for (const [name, raw] of Object.entries(asRecord(data.components) ?? {})) {
    const health = asRecord(asRecord(raw)?.health);
    for (const key of TIMINGS) duration(['components', name, 'health', key], health?.[key], `health ${key}`);
    duration(['components', name, 'health', 'expect', 'maxLatency'], asRecord(health?.expect)?.maxLatency, 'maxLatency');
  }
  for (const [mode, raw] of Object.entries(asRecord(data.modes) ?? {})) {
    if (mode === STANDARD_MODE_NAME) {
      problems.push(source.problem(['modes', mode], `"${STANDARD_MODE_NAME}" is the spec without any mode; a mode cannot take its name`, 'rename the mode (e.g. hotfix, slow), or put these values in the spec itself', true));
    }
    const overlay = asRecord(raw);
    duration(['modes', mode, 'bake'], overlay?.bake, 'a bake');
    for (const key of TIMINGS) duration(['modes', mode, 'health', key], asRecord(overlay?.health)?.[key], `health ${key}`);
    for (const [stage, s] of Object.entries(asRecord(overlay?.stages) ?? {})) duration(['modes', mode, 'stages', stage, 'bake'], asRecord(s)?.bake, 'a bake');
  }
  return problems;
}
