import type { Deployment as ArmDeployment } from '@azure/arm-resourcesdeployments';
import { DeploymentFailure } from '../engine/errors.js';
import { armCall, type ArmCallContext } from './arm-call.js';
import { fromFailedDeployment, type ArmErrorBody } from './arm-errors.js';
import type { ScopedDeployments } from './deployment-scope.js';
import type { RequestBudget } from './request-budget.js';

export interface ValidateDeps {
  call: ArmCallContext;
  /** ARM counts a validate as a write. */
  writes: RequestBudget;
  /** The rollout's correlation id: what the failure names when ARM's answer carries none. */
  correlationId: string;
}

/**
 * ARM's validate of a deployment body. A refusal is a DeploymentFailure with ARM's code, message and correlation id,
 * marked `nothingDeployed`; 429, 5xx and 401 are left to armCall's retries.
 */
export async function validateDeployment(deps: ValidateDeps, client: ScopedDeployments, name: string, body: ArmDeployment, signal: AbortSignal): Promise<void> {
  // The SDK's poller turns validate's synchronous 400 into a bare "long-running operation has failed": keep the raw
  // answer so the failure says ARM's code, message and correlation id.
  type Raw = { status: number; parsedBody?: unknown; headers?: { get(name: string): string | undefined } };
  let raw: Raw | undefined;
  const options = { abortSignal: signal, updateIntervalInMs: 1_000, onResponse: (r: Raw) => (raw = r) };
  await armCall(deps.call, {
    what: `validating deployment ${name}`,
    budget: deps.writes,
    signal,
    send: async () => {
      raw = undefined;
      try {
        const result = await client.validate(name, body, options);
        const error = (result as { error?: unknown }).error;
        if (error) throw validationFailure(name, error as never, (result as { properties?: { correlationId?: string } }).properties?.correlationId ?? deps.correlationId);
      } catch (error) {
        if (error instanceof DeploymentFailure) throw error;
        const answer = raw as Raw | undefined;
        if (answer && answer.status >= 400) {
          const armError = (answer.parsedBody as { error?: ArmErrorBody } | undefined)?.error;
          if (answer.status === 429 || answer.status >= 500 || answer.status === 401) throw error;
          throw validationFailure(name, armError, answer.headers?.get('x-ms-correlation-request-id') ?? deps.correlationId);
        }
        throw error;
      }
    },
  });
}

/**
 * A preflight failure: ARM's InvalidTemplateDeployment only says "see details", so the innermost cause leads. It
 * carries `nothingDeployed`: the engine must not roll back a stamp that was never touched.
 */
function validationFailure(name: string, error: ArmErrorBody | undefined, correlationId: string | undefined): DeploymentFailure {
  const failure = fromFailedDeployment(name, error, correlationId);
  const validation = new DeploymentFailure({
    code: failure.code,
    message: `validation of ${failure.message.replace(/^deployment /, '')}`,
    target: failure.target,
    correlationId: failure.correlationId,
    details: failure.details,
    transient: false,
  });
  return Object.assign(validation, { nothingDeployed: true });
}
