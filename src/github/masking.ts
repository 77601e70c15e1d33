/**
 * The action's side of the one redactor: every form of every secret it learns is also masked by the runner
 * (`core.setSecret`, for the log and annotations), and whatever the action writes itself (outputs, the job summary,
 * GitHub deployment payloads, failure messages) goes through `redact` first.
 */
import * as core from '@actions/core';
import { redactor } from '../report/redact-stdio.js';

let masking = false;

/** Registers the runner's masking once per process; returns the shared redactor. */
export function actionRedactor(): typeof redactor {
  if (!masking) {
    masking = true;
    redactor.onSecret((form) => core.setSecret(form));
  }
  return redactor;
}

export const redact = (text: string): string => actionRedactor().redact(text);
