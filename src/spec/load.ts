import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDuration } from '../time/duration.js';
import { asArray, asRecord, checkStructure } from './checks.js';
import { SpecFiles } from './files.js';
import { didYouMean, SpecError, type SpecProblem } from './problems.js';
import type { RawOverlay } from './schema.js';
import { SpecSource } from './source.js';
import { resolveStamps } from './stamps.js';
import type { LoadedSpec, ResolvedStage } from './types.js';
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
  problems.push(...shape.problems, ...checkStructure(source));

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
  const stamps = resolveStamps(
    {
      source,
      files,
      scope: { version: options.version, mode: options.mode, rollout: String(data.name ?? ''), env: options.env },
      overlay: shape.spec ? overlay : undefined,
      subscription: typeof data.subscription === 'string' ? data.subscription : undefined,
      regions: new Map(Object.entries(asRecord(data.regions) ?? {}).map(([name, attrs]) => [name, (asRecord(attrs) ?? {}) as Record<string, string>])),
      stageOf: stageOfRegion(stages, asRecord(data.regions) ?? {}),
      stageNames: stages.map((s) => s.name),
      problems,
      secrets,
    },
    asRecord(data.components) ?? {},
  );
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
    secrets: [...secrets].sort(),
  };
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
