import type { StampApps } from './apps.js';
import type { ArmErrorDetail } from './errors.js';

/**
 * Resource providers as far as the simulator needs them: App Service sites and Container Apps run a stamp app and
 * report its address where Azure reports the host name; every other type is stored as given.
 */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const SITE = 'microsoft.web/sites';
const CONTAINER_APP = 'microsoft.app/containerapps';

export const runsApp = (type: string): boolean => [SITE, CONTAINER_APP].includes(type.toLowerCase());

const tagOf = (image: string): string | undefined => {
  const last = image.split('/').pop() ?? '';
  const i = last.lastIndexOf(':');
  return i >= 0 ? last.slice(i + 1) : undefined;
};

/** The version a stamp app reports: APP_VERSION app setting, else the image tag (linuxFxVersion / container image). */
export function appVersion(type: string, properties: Record<string, unknown>): string | undefined {
  const t = type.toLowerCase();
  if (t === SITE) {
    const cfg = isObject(properties.siteConfig) ? properties.siteConfig : {};
    const settings = Array.isArray(cfg.appSettings) ? cfg.appSettings : [];
    const setting = settings.find((s) => isObject(s) && typeof s.name === 'string' && s.name.toUpperCase() === 'APP_VERSION');
    if (isObject(setting) && setting.value !== undefined) return String(setting.value);
    for (const fx of [cfg.linuxFxVersion, cfg.windowsFxVersion]) {
      if (typeof fx === 'string' && fx.includes('|')) {
        const tag = tagOf(fx.split('|')[1]);
        if (tag) return tag;
      }
    }
    return undefined;
  }
  if (t === CONTAINER_APP) {
    const template = isObject(properties.template) ? properties.template : {};
    const containers = Array.isArray(template.containers) ? template.containers : [];
    const first = containers[0];
    return isObject(first) && typeof first.image === 'string' ? tagOf(first.image) : undefined;
  }
  return undefined;
}

const NEEDS_LOCATION = ['microsoft.web/sites', 'microsoft.web/serverfarms', 'microsoft.app/containerapps', 'microsoft.app/managedenvironments', 'microsoft.storage/storageaccounts'];

/** What a resource provider's preflight would reject; ARM wraps these in InvalidTemplateDeployment. */
export function preflightErrors(r: { type: string; name: string; location?: string }): ArmErrorDetail[] {
  const out: ArmErrorDetail[] = [];
  const t = r.type.toLowerCase();
  if (t === 'microsoft.storage/storageaccounts' && !/^[a-z0-9]{3,24}$/.test(r.name)) {
    out.push({
      code: 'AccountNameInvalid',
      target: r.name,
      message: `${r.name} is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.`,
    });
  }
  if (NEEDS_LOCATION.includes(t) && !r.location) {
    out.push({ code: 'LocationRequired', target: r.name, message: 'The location property is required for this definition.' });
  }
  return out;
}

export interface ProvisionContext {
  apps: StampApps;
  /** Starts the loopback edge of an afdEndpoint; returns its host. */
  provisionEndpoint?: (endpointId: string) => Promise<string>;
  subscription: string;
  resourceGroup: string;
  region: string;
  deploymentName: string;
}

/** Applies one resource; returns the properties ARM would return for it afterwards (including read-only ones). */
export async function provision(
  r: { type: string; name: string; id: string; properties: Record<string, unknown> },
  ctx: ProvisionContext,
): Promise<Record<string, unknown>> {
  const t = r.type.toLowerCase();
  if (t === 'microsoft.cdn/profiles/afdendpoints' && ctx.provisionEndpoint) {
    // Azure: NAME-HASH.z01.azurefd.net; here the loopback edge that routes by the origins' weights.
    return { ...r.properties, hostName: await ctx.provisionEndpoint(r.id), deploymentStatus: 'NotStarted', provisioningState: 'Succeeded' };
  }
  if (!runsApp(t)) return { ...r.properties, provisioningState: 'Succeeded' };
  const version = appVersion(t, r.properties) ?? 'unknown';
  const host = await ctx.apps.deploy({
    resourceId: r.id,
    version,
    region: ctx.region,
    resourceGroup: ctx.resourceGroup,
    subscription: ctx.subscription,
    type: r.type,
    deploymentName: ctx.deploymentName,
  });
  if (t === SITE) {
    // Azure: NAME.azurewebsites.net; here the loopback address of the stamp app, so outputs built from it work.
    return { ...r.properties, defaultHostName: host, hostNames: [host], enabledHostNames: [host], state: 'Running', provisioningState: 'Succeeded' };
  }
  const configuration = isObject(r.properties.configuration) ? { ...r.properties.configuration } : {};
  if (isObject(configuration.ingress)) configuration.ingress = { ...configuration.ingress, fqdn: host };
  return { ...r.properties, configuration, latestRevisionFqdn: host, runningStatus: 'Running', provisioningState: 'Succeeded' };
}
