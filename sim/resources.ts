import { createHash } from 'node:crypto';
import type { StampApps } from './apps.js';
import { ArmError, type ArmErrorDetail } from './errors.js';
import { TRAFFIC_MANAGER, type TrafficRouters } from './traffic-manager.js';

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
  routers?: TrafficRouters;
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
  if (t === TRAFFIC_MANAGER && ctx.routers) return ctx.routers.deploy(r.id, r.properties);
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

/** Secrets the sim hands out are derived from the resource id: stable across calls, different per resource. */
const derived = (id: string, label: string, bytes: number): string =>
  createHash('sha512').update(`${id.toLowerCase()}|${label}`).digest().subarray(0, bytes).toString('base64');

/** What the resource provider adds to the top-level properties: a system-assigned identity gets its principal. */
export function completeTopLevel(id: string, topLevel: Record<string, unknown>, tenantId: string): Record<string, unknown> {
  const identity = topLevel.identity;
  if (!isObject(identity) || typeof identity.type !== 'string' || !/systemassigned/i.test(identity.type)) return topLevel;
  const h = createHash('sha1').update(`${id.toLowerCase()}|principal`).digest('hex');
  const principalId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return { ...topLevel, identity: { ...identity, principalId, tenantId } };
}

type Lookup = (id: string) => { id: string; type: string; properties: Record<string, unknown> } | undefined;

/**
 * `list*()` as the simulated resource providers answer it: storage account keys and SAS tokens, App Service app
 * settings, Container App secrets. Anything else is refused by name, since ARM would forward it to a provider.
 */
export function listResult(id: string, lookup: Lookup, fn: string, apiVersion: string, body: unknown): unknown {
  const settings = /^(.*\/providers\/Microsoft\.Web\/sites\/[^/]+)\/config\/appsettings$/i.exec(id);
  const target = lookup(settings ? settings[1] : id);
  if (!target) {
    throw new ArmError(404, 'ResourceNotFound', `The Resource '${id.split('/providers/')[1] ?? id}' was not found, so '${fn}' cannot be called on it. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
  }
  const t = target.type.toLowerCase();
  const f = fn.toLowerCase();
  if (t === 'microsoft.storage/storageaccounts' && f === 'listkeys') {
    return {
      keys: ['key1', 'key2'].map((keyName) => ({ creationTime: '2020-01-01T00:00:00.0000000Z', keyName, value: derived(id, keyName, 64), permissions: 'FULL' })),
    };
  }
  if (t === 'microsoft.storage/storageaccounts' && (f === 'listaccountsas' || f === 'listservicesas')) {
    const p = isObject(body) ? body : {};
    const q = Object.entries({ sv: '2022-11-02', ss: p.signedServices, srt: p.signedResourceTypes, sp: p.signedPermission, st: p.signedStart, se: p.signedExpiry, spr: p.signedProtocol })
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
    q.push(`sig=${encodeURIComponent(derived(id, JSON.stringify(p), 32))}`);
    return f === 'listaccountsas' ? { accountSasToken: q.join('&') } : { serviceSasToken: q.join('&') };
  }
  if (settings && t === SITE && f === 'list') {
    const cfg = isObject(target.properties.siteConfig) ? target.properties.siteConfig : {};
    const list = Array.isArray(cfg.appSettings) ? cfg.appSettings.filter(isObject) : [];
    return { id, name: 'appsettings', type: 'Microsoft.Web/sites/config', properties: Object.fromEntries(list.map((s) => [String(s.name), s.value])) };
  }
  if (t === CONTAINER_APP && f === 'listsecrets') {
    const cfg = isObject(target.properties.configuration) ? target.properties.configuration : {};
    const secrets = Array.isArray(cfg.secrets) ? cfg.secrets.filter(isObject) : [];
    return { value: secrets.map((s) => ({ name: s.name, value: s.value })) };
  }
  throw new ArmError(
    400,
    'UnsupportedListOperation',
    `The local ARM simulator does not implement '${fn}' (api-version ${apiVersion}) on '${target.type}'. It answers listKeys, listAccountSas and listServiceSas on Microsoft.Storage/storageAccounts, list on Microsoft.Web/sites/config 'appsettings', and listSecrets on Microsoft.App/containerApps.`,
  );
}
