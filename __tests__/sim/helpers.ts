import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import type { ArmSim } from '../../sim/index.js';
import { trustSimCa } from '../../sim/trust.js';

export const SUB = '00000000-0000-0000-0000-000000000001';

/** A static credential: the SDK's bearer policy needs one, the sim accepts any token. */
export const credential = {
  getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export function clients(sim: ArmSim, subscription = SUB): { rm: ResourceManagementClient; dc: DeploymentsClient } {
  trustSimCa(sim.ca);
  return {
    rm: new ResourceManagementClient(credential, subscription, { endpoint: sim.endpoint }),
    dc: new DeploymentsClient(credential, subscription, { endpoint: sim.endpoint }),
  };
}

/** A raw HTTPS call to the sim (for what the SDK cannot send: malformed requests, control API). */
export async function call(
  sim: ArmSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: any; text: string }> {
  trustSimCa(sim.ca);
  const init: RequestInit = { method, headers: { authorization: 'Bearer t', ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${sim.endpoint}${path}`, init);
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** The example stamp: an App Service plan and a site whose APP_VERSION app setting carries the version. */
export function siteTemplate(): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      siteName: { type: 'string' },
      version: { type: 'string' },
      location: { type: 'string', defaultValue: '[resourceGroup().location]' },
      sku: { type: 'string', defaultValue: 'S1', allowedValues: ['B1', 'S1', 'P1v3'] },
      adminPassword: { type: 'securestring', defaultValue: 'p@ss' },
    },
    variables: { planName: "[concat(parameters('siteName'), '-plan')]" },
    resources: [
      {
        type: 'Microsoft.Web/serverfarms',
        apiVersion: '2022-09-01',
        name: "[variables('planName')]",
        location: "[parameters('location')]",
        sku: { name: "[parameters('sku')]" },
        properties: { reserved: true },
      },
      {
        type: 'Microsoft.Web/sites',
        apiVersion: '2022-09-01',
        name: "[parameters('siteName')]",
        location: "[parameters('location')]",
        dependsOn: ["[resourceId('Microsoft.Web/serverfarms', variables('planName'))]"],
        tags: { version: "[parameters('version')]" },
        properties: {
          serverFarmId: "[resourceId('Microsoft.Web/serverfarms', variables('planName'))]",
          siteConfig: {
            linuxFxVersion: "[format('DOCKER|contoso/web:{0}', parameters('version'))]",
            appSettings: [{ name: 'APP_VERSION', value: "[parameters('version')]" }],
          },
        },
      },
    ],
    outputs: {
      endpoint: { type: 'string', value: "[concat('https://', reference(resourceId('Microsoft.Web/sites', parameters('siteName'))).defaultHostName)]" },
      siteName: { type: 'string', value: "[parameters('siteName')]" },
      secret: { type: 'securestring', value: "[parameters('adminPassword')]" },
      unique: { type: 'string', value: '[uniqueString(resourceGroup().id)]' },
    },
  };
}

export const siteParams = (siteName: string, version: string): Record<string, { value: unknown }> => ({
  siteName: { value: siteName },
  version: { value: version },
});

export function errorOf(err: unknown): { statusCode?: number; code?: string; message: string } {
  const e = err as { statusCode?: number; code?: string; message: string; details?: { error?: { code?: string } } };
  return { statusCode: e.statusCode, code: e.code ?? e.details?.error?.code, message: e.message };
}
