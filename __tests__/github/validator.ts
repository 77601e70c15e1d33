import { createRequire } from 'node:module';

/**
 * GitHub's workflow and action schemas, through @action-validator/core (WASM; GPL-3.0, so tests only: nothing in src/
 * may import it). It is CommonJS, hence require.
 */
interface ValidationState {
  errors: { code: string; title: string; detail?: string; path?: string }[];
}

const validator = createRequire(import.meta.url)('@action-validator/core') as {
  validateWorkflow(src: string): ValidationState;
  validateAction(src: string): ValidationState;
};

const describe = (state: ValidationState): string[] => state.errors.map((e) => `${e.path ?? ''} ${e.title}${e.detail ? `: ${e.detail}` : ''}`.trim());

export const workflowErrors = (text: string): string[] => describe(validator.validateWorkflow(text));
export const actionErrors = (text: string): string[] => describe(validator.validateAction(text));
