import { resourceIdFor } from '../ids.js';
import { fail, INF, str, type FunctionEnv, type Spec } from './values.js';

/** Resource ids at every scope, the cloud and tenant the deployment runs in, and list*() on deployed resources. */

/** Splits `[leading..., type, name...]`: the type is the first argument with a slash (ARM's own rule). */
function typeAndNames(fn: string, args: unknown[], maxLeading: number): { leading: string[]; type: string; names: string[] } {
  const all = args.map((a) => str(fn, a));
  const typeAt = all.findIndex((a) => a.includes('/'));
  if (typeAt < 0 || typeAt > maxLeading) fail(fn, 'the resource type argument (like Microsoft.Web/sites) was not found');
  const names = all.slice(typeAt + 1);
  if (names.length === 0) fail(fn, 'at least one resource name must follow the resource type');
  return { leading: all.slice(0, typeAt), type: all[typeAt], names };
}

function subscriptionResourceId(args: unknown[], env: FunctionEnv): string {
  const { leading, type, names } = typeAndNames('subscriptionResourceId', args, 1);
  const s = env.context().scope;
  const sub = leading[0] ?? (s.kind === 'subscription' || s.kind === 'resourceGroup' ? s.subscription : undefined);
  if (!sub) fail('subscriptionResourceId', 'a subscription id is needed outside a subscription or resource group deployment');
  return resourceIdFor(`/subscriptions/${sub}`, type, names.join('/'));
}

function managementGroupResourceId(args: unknown[], env: FunctionEnv): string {
  const { leading, type, names } = typeAndNames('managementGroupResourceId', args, 1);
  const s = env.context().scope;
  const group = leading[0] ?? (s.kind === 'managementGroup' ? s.groupId : undefined);
  if (!group) fail('managementGroupResourceId', 'a management group id is needed outside a management group deployment');
  return resourceIdFor(`/providers/Microsoft.Management/managementGroups/${group}`, type, names.join('/'));
}

function extensionResourceId(args: unknown[]): string {
  const base = str('extensionResourceId', args[0]);
  if (!base.startsWith('/')) fail('extensionResourceId', `the base resource id '${base}' must be a fully qualified id starting with '/'`);
  const { type, names } = typeAndNames('extensionResourceId', args.slice(1), 0);
  return resourceIdFor(base.replace(/\/$/, ''), type, names.join('/'));
}

/** environment() in Azure's public cloud, as ARM documents it: templates build storage and vault host names from it. */
const AZURE_CLOUD = {
  name: 'AzureCloud',
  gallery: 'https://gallery.azure.com/',
  graph: 'https://graph.windows.net/',
  portal: 'https://portal.azure.com',
  graphAudience: 'https://graph.windows.net/',
  activeDirectoryDataLake: 'https://datalake.azure.net/',
  batch: 'https://batch.core.windows.net/',
  media: 'https://rest.media.azure.net',
  sqlManagement: 'https://management.core.windows.net:8443/',
  vmImageAliasDoc: 'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
  resourceManager: 'https://management.azure.com/',
  authentication: {
    loginEndpoint: 'https://login.microsoftonline.com/',
    audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
    tenant: 'common',
    identityProvider: 'AAD',
  },
  suffixes: {
    acrLoginServer: '.azurecr.io',
    azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
    azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
    azureFrontDoorEndpointSuffix: 'azurefd.net',
    keyvaultDns: '.vault.azure.net',
    sqlServerHostname: '.database.windows.net',
    storage: 'core.windows.net',
  },
};

const listCall = (name: string): Spec => ({
  min: 2,
  max: 3,
  fn: (a, env) => env.list(str(name, a[0]), str(name, a[1]), name, a[2]),
});

export const SCOPE_FUNCTIONS: Record<string, Spec> = {
  subscriptionresourceid: { min: 2, max: INF, fn: subscriptionResourceId },
  tenantresourceid: {
    min: 2,
    max: INF,
    fn: (a) => {
      const { type, names } = typeAndNames('tenantResourceId', a, 0);
      return resourceIdFor('', type, names.join('/'));
    },
  },
  extensionresourceid: { min: 3, max: INF, fn: (a) => extensionResourceId(a) },
  managementgroupresourceid: { min: 2, max: INF, fn: managementGroupResourceId },
  environment: { min: 0, max: 0, fn: () => structuredClone(AZURE_CLOUD) },
  tenant: { min: 0, max: 0, fn: (_a, env) => env.tenant() },
  managementgroup: { min: 0, max: 0, fn: (_a, env) => env.managementGroup() },
  deployer: {
    min: 0,
    max: 0,
    // The sim does not read tokens: one fixed principal in the sim's tenant.
    fn: (_a, env) => ({ objectId: '00000000-0000-0000-0000-00000000d091', tenantId: env.context().tenantId, userPrincipalName: 'deployer@sim.local' }),
  },
  list: listCall('list'),
  listkeys: listCall('listKeys'),
  listsecrets: listCall('listSecrets'),
  listaccountsas: listCall('listAccountSas'),
};

/** Any other `list*` name (listConnectionStrings, listCredentials...) goes to the same resolver. */
export const listFunctionFor = (name: string): Spec | undefined => (/^list[a-z]*$/i.test(name) ? listCall(name) : undefined);
