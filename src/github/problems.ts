import * as core from '@actions/core';
import { InputError } from '../commands/plan.js';
import { DeploymentFailure } from '../engine/errors.js';
import { SpecError } from '../spec/problems.js';
import { operationalMessage } from '../report/operational-error.js';
import { redact } from './masking.js';

/** Fails the step with the whole story: one annotation per spec problem, on its file and line. */
export function failStep(error: unknown): void {
  if (error instanceof SpecError) {
    for (const p of error.problems) {
      core.error(redact(`${p.path ? `${p.path}: ` : ''}${p.message}${p.hint ? ` (${p.hint})` : ''}`), {
        title: 'staged-rollout: spec problem',
        file: p.file,
        startLine: p.line,
        startColumn: p.col,
      });
    }
    core.setFailed(redact(error.message));
  } else if (error instanceof DeploymentFailure) {
    core.setFailed(redact(`${error.code}: ${error.message}${error.correlationId ? ` (correlation id ${error.correlationId})` : ''}`));
  } else if (error instanceof InputError) {
    core.setFailed(redact(error.message));
  } else {
    const operational = operationalMessage(error);
    core.setFailed(redact(operational ?? (error instanceof Error ? (error.stack ?? error.message) : String(error))));
  }
}
