import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatDuration, parseDuration } from '../time/duration.js';
import { asArray, asRecord, checkStructure } from './checks.js';
import { resolveFailover } from './failover.js';
import { SpecFiles } from './files.js';
import { didYouMean, SpecError, type SpecProblem } from './problems.js';
import type { RawOverlay } from './schema.js';
import { SpecSource } from './source.js';
import { resolveReleaseUnits, unitOf } from './release-units.js';
import { checkReleaseUnitTemplates } from './release-unit-templates.js';
import { withTrafficPlaceholder } from './traffic-parameter.js';
import { resolveStamps } from './stamps.js';
import { checkLimits } from './limits.js';
import type { LoadedSpec, ResolvedStage, ResolvedStamp } from './types.js';
import { validateShape } from './validate.js';

export interface LoadOptions {
  /** `standard` or a mode the spec defines under `modes`. */
  mode: string;
  version: string;
  /** Environment for `{env.NAME}`. */
  env: Record<string, string | undefined>;
  /** Files the spec names must lie inside it. Default: the current directory. */
  repoRoot?: string;
  /** The spec's text, when it was read already (tests, stdin). */
  text?: string;
  /** Release units: the unit to deploy into (a hotfix goes into the live one); default: this version's unit. */
  unit?: string;
  /**
   * Checks over all resolved stamps that need a layer above this one (deployment names and collisions are the
   * planner's), run in the same pass so that their problems are reported with all the others.
   */
  checkStamps?: (stamps: ResolvedStamp[], context: { name: string; version: string; source: SpecSource }) => SpecProblem[];
  /** The Bicep CLI to compile .bicep and .bicepparam with (input bicep-path); default bicep on PATH. */
  bicepPath?: string;
}

export const STANDARD_MODE = 'standard';

/**
 * Reads, validates and resolves a rollout spec. Throws a SpecError listing every problem found, with file:line:col;
 * returns only a spec in which every stamp's inputs are valid, so nothing can be deployed from a broken one.
 */
export function loadSpec(specFile: string, options: LoadOptions): LoadedSpec {
  const repoRoot = path.resolve(options.repoRoot ?? process.cwd());
  const absolute = path.resolve(repoRoot, specFile);
  const display = path.relative(repoRoot, absolute).split(path.sep).join('/') || specFile;
  let text = options.text;
  if (text === undefined) {
    try {
      text = readFileSync(absolute, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (error as Error).message;
      throw new SpecError([{ file: display, line: 1, col: 1, message: `the spec file ${reason}`, hint: 'check the spec input; it is relative to the repository root' }]);
    }
  }
  const source = new SpecSource(display, text);
  const problems: SpecProblem[] = [...source.problems];
  if (source.data === undefined) throw new SpecError(problems);

  const shape = validateShape(source);
  problems.push(...shape.problems, ...checkStructure(source), ...checkLimits(source));

  const data = asRecord(source.data) ?? {};
  const modes = asRecord(data.modes) ?? {};
  let overlay: RawOverlay | undefined;
  if (options.mode !== STANDARD_MODE) {
    if (modes[options.mode] === undefined) {
      const known = [STANDARD_MODE, ...Object.keys(modes)];
      problems.push(source.problem(data.modes ? ['modes'] : [], `mode "${options.mode}" is not defined in the spec`, didYouMean(options.mode, known) ?? `modes: ${known.join(', ')}`, true));
    } else overlay = modes[options.mode] as RawOverlay;
  }

  const stages = resolveStages(data, overlay);
  const files = new SpecFiles(repoRoot, absolute, options.bicepPath);
  const secrets = new Set<string>();
  const unit = unitOf({ data, version: options.version, mode: options.mode, unit: options.unit });
  const stamps = resolveStamps(
    {
      source,
      files,
      scope: { version: options.version, mode: options.mode, rollout: String(data.name ?? ''), env: options.env, unit },
      overlay: shape.spec ? overlay : undefined,
      subscription: typeof data.subscription === 'string' ? data.subscription : undefined,
      regions: new Map(Object.entries(asRecord(data.regions) ?? {}).map(([name, attrs]) => [name, (asRecord(attrs) ?? {}) as Record<string, string>])),
      stageOf: stageOfRegion(stages, asRecord(data.regions) ?? {}),
      stageNames: stages.map((s) => s.name),
      problems,
      secrets,
    },
    withTrafficPlaceholder(data),
  );
  const failover = resolveFailover({ source, env: options.env, regions: Object.keys(asRecord(data.regions) ?? {}), stamps, problems, secrets }, data.failover);
  const releaseUnits = resolveReleaseUnits({ source, data, overlay: overlay as Record<string, unknown> | undefined, version: options.version, mode: options.mode, unit: options.unit, problems });
  if (releaseUnits) checkReleaseUnitTemplates(source, stamps, releaseUnits, problems);
  if (options.checkStamps && stamps.length > 0) problems.push(...options.checkStamps(stamps, { name: String(data.name ?? ''), version: options.version, source }));
  if (problems.length > 0 || !shape.spec) throw new SpecError(problems);

  const spec = shape.spec;
  return {
    file: display,
    specHash: createHash('sha256').update(text).update(files.hash()).digest('hex'),
    name: spec.name,
    mode: options.mode,
    version: options.version,
    stages,
    stamps,
    rollback: { scope: spec.rollback?.scope ?? 'stage', deleteNew: spec.rollback?.deleteNew ?? false },
    ...(failover ? { failover } : {}),
    secrets: [...secrets].sort(),
    ...(releaseUnits ? { releaseUnits } : {}),
    warnings: [...parallelWarnings(source, data, stages, stamps), ...watchWarnings(source, options.mode, overlay, stages, stamps)],
  };
}

/**
 * A bake is watched on the grid of `watch` from its start, so a watch as long as the bake probes nothing in it: the
 * stage is only looked at again by the re-check at the bake's end. Legal, and likely not what was meant.
 */
function watchWarnings(source: SpecSource, mode: string, overlay: RawOverlay | undefined, stages: ResolvedStage[], stamps: ResolvedStamp[]): SpecProblem[] {
  const warnings: SpecProblem[] = [];
  const bakeOf = new Map(stages.map((s) => [s.name, s.bakeMs]));
  for (const component of new Set(stamps.map((s) => s.component))) {
    const own = stamps.filter((s) => s.component === component && s.health?.watchMs !== undefined);
    const watchMs = own[0]?.health?.watchMs;
    if (watchMs === undefined || watchMs === 0) continue;
    const unwatched = [...new Set(own.map((s) => s.stage))].filter((stage) => (bakeOf.get(stage) ?? 0) > 0 && watchMs >= bakeOf.get(stage)!);
    if (unwatched.length === 0) continue;
    const path = overlay?.health?.watch !== undefined ? ['modes', mode, 'health', 'watch'] : ['components', component, 'health', 'watch'];
    const shortest = Math.min(...unwatched.map((stage) => bakeOf.get(stage)!));
    const what =
      unwatched.length === 1
        ? `the ${formatDuration(bakeOf.get(unwatched[0])!)} bake of stage ${unwatched[0]}: nothing probes ${component} during it, only the re-check at its end`
        : `the bakes of stages ${unwatched.map((stage) => `${stage} (${formatDuration(bakeOf.get(stage)!)})`).join(', ')}: nothing probes ${component} during them, only the re-checks at their end`;
    warnings.push(source.problem(path, `health watch ${formatDuration(watchMs)} of ${component} is not shorter than ${what}`, `make watch shorter than ${formatDuration(shortest)}, or leave it out to probe at the check's interval`));
  }
  return warnings;
}

/** A maxParallel above what the stage can run at once works (it is just the stage's size), but likely says "more". */
function parallelWarnings(source: SpecSource, data: Record<string, unknown>, stages: ResolvedStage[], stamps: ResolvedStamp[]): SpecProblem[] {
  return stages.flatMap((stage, i) => {
    const own = asRecord(asArray(data.stages)[i])?.maxParallel;
    const slots = new Set(stamps.filter((s) => s.stage === stage.name).map((s) => (s.global ? `global:${s.id}` : s.region))).size;
    if (typeof own !== 'number' || slots === 0 || own <= slots) return [];
    return [source.problem(['stages', i, 'maxParallel'], `maxParallel ${own} is more than the ${slots} region(s) stage ${stage.name} can run at once`, `it has no effect above ${slots}; lower it to ${slots}, or leave it out`)];
  });
}

function resolveStages(data: Record<string, unknown>, overlay: RawOverlay | undefined): ResolvedStage[] {
  const ms = (value: unknown): number | undefined => (value === undefined ? undefined : parseDuration(String(value)));
  return asArray(data.stages).flatMap((raw) => {
    const stage = asRecord(raw);
    if (!stage || typeof stage.name !== 'string') return [];
    const override = overlay?.stages?.[stage.name];
    const ownParallel = typeof stage.maxParallel === 'number' ? stage.maxParallel : 1;
    // A mode shortens and widens, never the reverse: its bake caps each stage's, its maxParallel raises it.
    return [
      {
        name: stage.name,
        environment: typeof stage.environment === 'string' ? stage.environment : undefined,
        ...(typeof stage.environmentUrl === 'string' ? { environmentUrl: stage.environmentUrl } : {}),
        regions: asArray(stage.regions).filter((r): r is string => typeof r === 'string'),
        bakeMs: ms(override?.bake) ?? Math.min(ms(stage.bake) ?? 0, ms(overlay?.bake) ?? Infinity),
        maxParallel: override?.maxParallel ?? Math.max(ownParallel, overlay?.maxParallel ?? 0),
      },
    ];
  });
}

/** Region -> its stage, for defined regions only, first stage wins: checks.ts reports the rest. */
function stageOfRegion(stages: ResolvedStage[], regions: Record<string, unknown>): Map<string, string> {
  const stageOf = new Map<string, string>();
  for (const stage of stages) {
    for (const region of stage.regions) if (region in regions && !stageOf.has(region)) stageOf.set(region, stage.name);
  }
  return stageOf;
}
