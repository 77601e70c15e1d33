import { randomUUID } from 'node:crypto';
import { parseArmJson } from './armJson.js';
import type { SimCore } from './core.js';
import { ArmError, badRequest, invalidContent, notFound, type ArmErrorDetail } from './errors.js';
import { normalizeLocation, rgKey, type Scope } from './ids.js';
import { appVersion, preflightErrors } from './resources.js';
import type { ResourceGroupRec } from './state.js';
import type { TemplateContext, TemplatePlan } from './template/evaluate.js';
import { planTemplate } from './template/plan.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A deployment request after ARM's checks of the body, the template and its parameters. */
export interface PreparedDeployment {
  mode: 'Incremental' | 'Complete';
  location?: string;
  tags?: Record<string, string>;
  template: Record<string, unknown>;
  templateLink?: Record<string, unknown>;
  onErrorDeployment?: Record<string, unknown>;
  debugSetting?: Record<string, unknown>;
  plan: TemplatePlan;
  resourceGroup?: ResourceGroupRec;
  version?: string;
  regions: string[];
}

export function requireResourceGroup(core: SimCore, subscription: string, name: string): ResourceGroupRec {
  const rg = core.state.resourceGroups.get(rgKey(subscription, name));
  if (!rg) throw notFound('ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
  if (rg.provisioningState === 'Deleting') {
    throw new ArmError(409, 'ResourceGroupBeingDeleted', `The resource group '${rg.name}' is in deprovisioning state and cannot perform this operation.`);
  }
  return rg;
}

function resolveTemplate(core: SimCore, props: Record<string, unknown>): { template: Record<string, unknown>; templateLink?: Record<string, unknown> } {
  const hasTemplate = props.template !== undefined && props.template !== null;
  const hasLink = props.templateLink !== undefined && props.templateLink !== null;
  if (hasTemplate && hasLink) throw invalidContent("The 'template' and 'templateLink' properties cannot both be set");
  if (!hasTemplate && !hasLink) {
    throw badRequest('InvalidDeployment', "The 'template' or 'templateLink' property must be specified. Please see https://aka.ms/arm-deploy for usage details.");
  }
  if (hasTemplate) {
    let t = props.template;
    if (typeof t === 'string') {
      try {
        t = parseArmJson(t);
      } catch (err) {
        throw invalidContent(`The 'template' property is a string that is not well-formed JSON: ${(err as Error).message}`);
      }
    }
    if (!isObject(t)) throw invalidContent("The 'template' property must be a JSON object");
    return { template: t };
  }
  const link = props.templateLink;
  if (!isObject(link)) throw invalidContent("The 'templateLink' property must be an object");
  const key = typeof link.uri === 'string' ? link.uri : typeof link.id === 'string' ? link.id : undefined;
  if (!key) throw invalidContent("The 'templateLink' property needs 'uri' or 'id'");
  const found = core.options.linkedTemplates.get(key) ?? core.options.linkedTemplates.get(key.toLowerCase());
  if (!isObject(found)) {
    throw badRequest(
      'InvalidContentLink',
      `Unable to download deployment content from '${key}'. The tracking Id is '${randomUUID()}'. The local ARM simulator has no network; register linked templates with the 'linkedTemplates' option or POST /_sim/linkedTemplates. Please see https://aka.ms/arm-deploy for usage details.`,
    );
  }
  const echoed: Record<string, unknown> = { contentVersion: typeof found.contentVersion === 'string' ? found.contentVersion : '1.0.0.0' };
  if (typeof link.uri === 'string') echoed.uri = link.uri;
  if (typeof link.id === 'string') echoed.id = link.id;
  return { template: found, templateLink: echoed };
}

/** Body checks, template resolution and preflight: everything ARM answers synchronously with a 4xx. */
export function prepareDeployment(core: SimCore, scope: Scope, name: string, body: unknown): PreparedDeployment {
  if (!isObject(body)) throw invalidContent('The request body must be a JSON object');
  const props = body.properties;
  if (!isObject(props)) throw invalidContent("Required property 'properties' not found in JSON. Path '', line 1, position 1");
  if (props.mode === undefined) throw invalidContent("Required property 'mode' not found in JSON. Path 'properties', line 1, position 1");
  const mode = typeof props.mode === 'string' ? ['Incremental', 'Complete'].find((m) => m.toLowerCase() === (props.mode as string).toLowerCase()) : undefined;
  if (!mode) throw invalidContent(`Error converting value ${JSON.stringify(props.mode)} to type 'DeploymentMode'. Path 'properties.mode'`);
  if (props.parameters !== undefined && props.parameters !== null && !isObject(props.parameters)) {
    throw invalidContent("The 'parameters' property must be an object of {name: {value}}");
  }
  if (props.parametersLink !== undefined) {
    throw badRequest('InvalidContentLink', "Unable to download deployment content from 'parametersLink': the local ARM simulator has no network; pass 'parameters' inline.");
  }
  if (body.tags !== undefined && (!isObject(body.tags) || Object.values(body.tags).some((v) => typeof v !== 'string'))) {
    throw invalidContent("The 'tags' property must be an object of string values");
  }
  if (mode === 'Complete' && scope.kind !== 'resourceGroup') {
    throw badRequest('InvalidDeploymentMode', `The deployment mode 'Complete' is not supported for deployments at this scope. Please see https://aka.ms/arm-deploy for usage details.`);
  }
  let location: string | undefined;
  if (scope.kind !== 'resourceGroup') {
    if (body.location === undefined) {
      throw badRequest('LocationRequired', `The location property is required for this definition. A deployment at scope '${scope.kind}' must specify 'location'.`);
    }
    location = normalizeLocation(body.location);
  } else if (body.location !== undefined) {
    location = normalizeLocation(body.location);
  }
  const resourceGroup = scope.kind === 'resourceGroup' ? requireResourceGroup(core, scope.subscription, scope.resourceGroup) : undefined;
  const { template, templateLink } = resolveTemplate(core, props);
  const ctx: TemplateContext = {
    scope,
    deploymentName: name,
    deploymentLocation: location,
    resourceGroup: resourceGroup && { name: resourceGroup.name, location: resourceGroup.location, tags: resourceGroup.tags },
    tenantId: core.options.tenantId,
    mode,
    now: core.clock.now(),
    templateLink,
    suppliedParameters: (props.parameters ?? {}) as Record<string, unknown>,
  };
  const plan = planTemplate(template, (props.parameters ?? {}) as Record<string, unknown>, ctx);
  const tags = body.tags as Record<string, string> | undefined;
  const tagVersion = tags && Object.entries(tags).find(([k]) => k.toLowerCase() === 'rollout-version')?.[1];
  const version = tagVersion ?? plan.resources.map((r) => appVersion(r.type, r.properties)).find((v) => v !== undefined);
  const regions = new Set<string>();
  if (location) regions.add(location);
  if (resourceGroup) regions.add(resourceGroup.location);
  for (const r of plan.resources) if (r.location) regions.add(normalizeLocation(r.location));
  return {
    mode: mode as 'Incremental' | 'Complete',
    location,
    tags,
    template,
    templateLink,
    onErrorDeployment: isObject(props.onErrorDeployment) ? props.onErrorDeployment : undefined,
    debugSetting: isObject(props.debugSetting) ? props.debugSetting : undefined,
    plan,
    resourceGroup,
    version,
    regions: [...regions],
  };
}

/** Resource-provider preflight plus `validationFails` faults, as a 400 InvalidTemplateDeployment. */
export function preflight(core: SimCore, scope: Scope, name: string, p: PreparedDeployment): void {
  const errors: ArmErrorDetail[] = p.plan.resources.flatMap((r) => preflightErrors(r));
  const fault = core.faults.take(['validationFails'], {
    region: p.regions,
    resourceGroup: scope.kind === 'resourceGroup' ? scope.resourceGroup : undefined,
    subscription: scope.kind === 'resourceGroup' || scope.kind === 'subscription' ? scope.subscription : undefined,
    version: p.version,
    deploymentName: name,
  });
  if (fault) errors.push({ code: fault.code, message: fault.message, target: fault.target });
  if (errors.length === 0) return;
  const tracking = randomUUID();
  throw new ArmError(
    400,
    'InvalidTemplateDeployment',
    `The template deployment '${name}' is not valid according to the validation procedure. The tracking id is '${tracking}'. See inner errors for details.`,
    {
      details: [
        { code: 'PreflightValidationCheckFailed', message: 'Preflight validation failed. Please refer to the details for the specific errors.', details: errors },
      ],
    },
  );
}
