import * as core from '@actions/core';
import { InputError } from '../commands/plan.js';
import { DeploymentFailure } from '../engine/errors.js';
import { SpecError } from '../spec/problems.js';

/** Fails the step with the whole story: one annotation per spec problem, on its file and line. */
export function failStep(error: unknown): void {
  if (error instanceof SpecError) {
    for (const p of error.problems) {
      core.error(`${p.path ? `${p.path}: ` : ''}${p.message}${p.hint ? ` (${p.hint})` : ''}`, {
        title: 'staged-rollout: spec problem',
        file: p.file,
        startLine: p.line,
        startColumn: p.col,
      });
    }
    core.setFailed(error.message);
  } else if (error instanceof DeploymentFailure) {
    core.setFailed(`${error.code}: ${error.message}${error.correlationId ? ` (correlation id ${error.correlationId})` : ''}`);
  } else if (error instanceof InputError) {
    core.setFailed(error.message);
  } else {
    core.setFailed(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}
