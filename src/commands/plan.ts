import type { Plan } from '../plan/types.js';
import { findCollisions } from '../plan/collisions.js';
import { planRollout } from '../plan/planner.js';
import { loadSpec } from '../spec/load.js';
import type { SpecProblem } from '../spec/problems.js';
import type { LoadedSpec } from '../spec/types.js';

export interface PlanRequest {
  specFile: string;
  mode: string;
  version: string;
  env: Record<string, string | undefined>;
  repoRoot: string;
  /** The Bicep CLI (input bicep-path, --bicep-path); default bicep on PATH. */
  bicepPath?: string;
  /** Called with every secure value before anything is printed, so the face can mask it. */
  onSecrets?: (secrets: string[]) => void;
  /** Called with the spec's warnings (problems that do not stop the rollout), for the face to show. */
  onWarnings?: (warnings: SpecProblem[]) => void;
}

/** The `plan` command, face-neutral: validate everything, then plan. Throws SpecError or InputError. */
export function planCommand(request: PlanRequest): { spec: LoadedSpec; plan: Plan } {
  checkVersion(request.version);
  const spec = loadSpec(request.specFile, { mode: request.mode, version: request.version, env: request.env, repoRoot: request.repoRoot, checkStamps: findCollisions, bicepPath: request.bicepPath });
  request.onSecrets?.(spec.secrets);
  if (spec.warnings.length > 0) request.onWarnings?.(spec.warnings);
  return { spec, plan: planRollout(spec) };
}

/** A mistake in the inputs (not in the spec file): it has no line to point at. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

export function checkVersion(version: string): void {
  if (!VERSION.test(version)) {
    throw new InputError(
      `version "${version}" is not usable: it goes into deployment names and tags. Use 1-64 letters, digits, ., _, + or -, starting with a letter or digit (e.g. 2.0.0 or a short commit sha).`,
    );
  }
}

/** The `stages` output: what a later job or a matrix needs to know about each stage. */
export function stagesOutput(plan: Plan): { name: string; environment: string | null }[] {
  return plan.stages.map((s) => ({ name: s.name, environment: s.environment ?? null }));
}
