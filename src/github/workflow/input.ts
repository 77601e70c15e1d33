import { parse } from 'yaml';
import type { LoadedSpec } from '../../spec/types.js';
import { releaseUnitJobs } from './release-unit-jobs.js';

/** What a workflow is generated from: the stages in order, the modes, and the variables the spec reads. */
export interface WorkflowInput {
  /** The rollout's name: the workflow's name and its concurrency group. */
  name: string;
  /** Repository-relative path of the spec, as the action's `spec` input takes it. */
  specFile: string;
  /** Release-unit steps and teardown come after the stages, with a `label` instead of regions. */
  stages: { name: string; environment?: string; regions: string[]; bakeMs: number; label?: string }[];
  /** Modes the spec defines (not `standard`), in spec order. */
  modes: string[];
  /** `{env.NAME}` the spec reads: secure ones come from `secrets`, the others from `vars`. */
  env: { vars: string[]; secrets: string[] };
}

const ENV_REF = /(?<!\{)\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Pure: from a loaded spec (any mode) and its source text. The text is needed because a loaded spec has its
 * `{env.NAME}` already resolved and holds only the current mode; the jobs must pass every variable and offer every mode.
 */
export function workflowInput(spec: LoadedSpec, specText: string): WorkflowInput {
  const raw = (parse(specText) ?? {}) as { modes?: Record<string, unknown> };
  // From the parsed values, not the text: a comment that mentions {env.X} is no reference.
  const names = [...new Set(strings(raw).flatMap((s) => [...s.matchAll(ENV_REF)].map((m) => m[1])))];
  const secret = new Set<string>();
  for (const stamp of spec.stamps) {
    for (const p of Object.values(stamp.parameters)) if (p.secure) for (const m of p.source.matchAll(ENV_REF)) secret.add(m[1]);
    // Health headers are resolved at probe time and never printed: tokens, so secrets.
    for (const v of Object.values(stamp.health?.headers ?? {})) for (const m of v.matchAll(ENV_REF)) secret.add(m[1]);
  }
  return {
    name: spec.name,
    specFile: spec.file,
    stages: [...spec.stages.map((s) => ({ name: s.name, environment: s.environment, regions: s.regions, bakeMs: s.bakeMs })), ...releaseUnitJobs(spec)],
    modes: Object.keys(raw.modes ?? {}),
    env: { vars: names.filter((n) => !secret.has(n)), secrets: names.filter((n) => secret.has(n)) },
  };
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
