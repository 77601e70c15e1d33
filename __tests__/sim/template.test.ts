import { ArmError } from '../../sim/errors.js';
import { evaluateOutputs, type TemplateContext } from '../../sim/template/evaluate.js';
import { planTemplate } from '../../sim/template/plan.js';

const ctx: TemplateContext = {
  scope: { kind: 'resourceGroup', subscription: '00000000-0000-0000-0000-000000000001', resourceGroup: 'rg-eus' },
  deploymentName: 'd1',
  resourceGroup: { name: 'rg-eus', location: 'eastus' },
  tenantId: 't',
  mode: 'Incremental',
};

const evalOutputs = (template: Record<string, unknown>, params: Record<string, unknown> = {}) => {
  const plan = planTemplate({ resources: [], ...template }, params, ctx);
  return evaluateOutputs({ resources: [], ...template }, plan.evaluator, true);
};
const out = (expr: unknown, extra: Record<string, unknown> = {}, params: Record<string, unknown> = {}) =>
  evalOutputs({ ...extra, outputs: { o: { type: 'string', value: expr } } }, params).o.value;

const templateError = (fn: () => unknown): ArmError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ArmError) return e;
    throw e;
  }
  throw new Error('expected an ArmError');
};

describe('template expressions', () => {
  test.each([
    ["[concat('a', 'b', 'c')]", 'abc'],
    ["[format('{0}-{1}', 'x', 2)]", 'x-2'],
    ["[format('{0:D3}', 7)]", '007'],
    ["[toLower('ABC')]", 'abc'],
    ["[toUpper(concat('a', toLower('B')))]", 'AB'],
    ['[resourceGroup().name]', 'rg-eus'],
    ['[resourceGroup().location]', 'eastus'],
    ['[subscription().subscriptionId]', '00000000-0000-0000-0000-000000000001'],
    ["[resourceId('Microsoft.Web/sites', 'web')]", '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-eus/providers/Microsoft.Web/sites/web'],
    ["[resourceId('other-rg', 'Microsoft.Web/sites/config', 'web', 'appsettings')]", '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/other-rg/providers/Microsoft.Web/sites/web/config/appsettings'],
    ["[concat('it''s ', 'quoted')]", "it's quoted"],
    ['[[not an expression]', '[not an expression]'],
    ['plain text', 'plain text'],
    ["[if(equals(1, 1), 'yes', 'no')]", 'yes'],
    ["[string(length(createArray(1, 2, 3)))]", '3'],
    ["[split('a,b', ',')[1]]", 'b'],
    ["[json('{\"k\": \"v\"}').k]", 'v'],
    ['[deployment().name]', 'd1'],
  ])('%s -> %s', (expr, want) => {
    expect(out(expr)).toBe(want);
  });

  test('uniqueString is 13 base32 chars and deterministic per input', () => {
    const a = out('[uniqueString(resourceGroup().id)]');
    expect(a).toMatch(/^[a-z2-7]{13}$/);
    expect(out('[uniqueString(resourceGroup().id)]')).toBe(a);
    expect(out("[uniqueString('other')]")).not.toBe(a);
  });

  test('parameters (defaults, expressions in defaults) and variables', () => {
    const t = {
      parameters: { name: { type: 'string' }, full: { type: 'string', defaultValue: "[concat(parameters('name'), '-', variables('suffix'))]" }, n: { type: 'int', defaultValue: 3 } },
      variables: { suffix: "[toLower('EUS')]" },
    };
    expect(out("[parameters('full')]", t, { name: { value: 'web' } })).toBe('web-eus');
    expect(evalOutputs({ ...t, outputs: { n: { type: 'int', value: "[parameters('n')]" } } }, { name: { value: 'x' } }).n).toEqual({ type: 'Int', value: 3 });
  });

  test('secure parameters and outputs never come back', () => {
    const t = { parameters: { pw: { type: 'securestring' } }, outputs: { s: { type: 'secureString', value: "[parameters('pw')]" } } };
    const plan = planTemplate({ resources: [], ...t }, { pw: { value: 'hunter2' } }, ctx);
    expect(plan.parameters.pw.secure).toBe(true);
    expect(evaluateOutputs({ resources: [], ...t }, plan.evaluator, false)).toEqual({ s: { type: 'SecureString' } });
  });

  test('unsupported function: a clear InvalidTemplate naming it', () => {
    const e = templateError(() => out("[pickZones('Microsoft.Compute', 'virtualMachines', 'eastus')]"));
    expect(e.status).toBe(400);
    expect(e.code).toBe('InvalidTemplate');
    expect(e.message).toContain("The template function 'pickZones' is not valid");
    expect(e.message).toContain('does not implement');
  });

  test.each([
    ['missing parameter', { parameters: { p: { type: 'string' } } }, {}, "The value for the template parameter 'p' is not provided"],
    ['wrong type', { parameters: { p: { type: 'bool' } } }, { p: { value: 'yes' } }, "Expected 'Boolean'. Actual 'String'"],
    ['not allowed', { parameters: { p: { type: 'string', allowedValues: ['a'] } } }, { p: { value: 'b' } }, "The value 'b' is not part of the allowed value(s): 'a'"],
    ['too short', { parameters: { p: { type: 'string', minLength: 3 } } }, { p: { value: 'ab' } }, 'greater than or equal to'],
    ['unknown variable', { outputs: { o: { type: 'string', value: "[variables('nope')]" } } }, {}, "The template variable 'nope' is not found"],
    ['reference in a variable', { variables: { v: "[reference('x').y]" } }, {}, "the template function 'reference' is not expected at this location"],
    ['nested deployment', { resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '1', name: 'n' }] }, {}, 'nested deployment'],
    ['copy loop with a constant name', { resources: [{ type: 'Microsoft.Web/sites', apiVersion: '1', name: 'n', copy: { name: 'c', count: 2 } }] }, {}, 'defined multiple times'],
    ['copy count not an integer', { resources: [{ type: 'Microsoft.Web/sites', apiVersion: '1', name: "[concat('n', copyIndex())]", copy: { name: 'c', count: 'two' } }] }, {}, "copy count of the loop 'c'"],
    ['copyIndex outside a loop', { outputs: { o: { type: 'int', value: '[copyIndex()]' } } }, {}, "'copyIndex' is not expected at this location"],
    ['list* in a resource name', { resources: [{ type: 'Microsoft.Web/sites', apiVersion: '1', name: "[listKeys('x', '1').keys[0].value]" }] }, {}, 'must be known before deployment'],
    ['utcNow outside a parameter default', { variables: { v: '[utcNow()]' } }, {}, "'utcNow' is not expected at this location"],
    ['segment mismatch', { resources: [{ type: 'Microsoft.Web/sites/config', apiVersion: '1', name: 'n' }] }, {}, 'incorrect segment lengths'],
    ['duplicate resource', { resources: [{ type: 'Microsoft.Web/sites', apiVersion: '1', name: 'n' }, { type: 'Microsoft.Web/sites', apiVersion: '1', name: 'n' }] }, {}, 'defined multiple times'],
  ])('%s', (_name, template, params, message) => {
    const e = templateError(() => planTemplate({ resources: [], ...template }, params, ctx));
    expect(e.code).toBe('InvalidTemplate');
    expect(e.message).toContain(message);
  });

  test('reference() orders resources: implicit dependency without dependsOn, deferred in preflight', () => {
    const plan = planTemplate(
      {
        resources: [
          { type: 'Microsoft.Web/sites', apiVersion: '1', name: 'b', location: 'eastus', properties: { other: "[reference('a').defaultHostName]" } },
          { type: 'Microsoft.Web/sites', apiVersion: '1', name: 'a', location: 'eastus', properties: {} },
        ],
      },
      {},
      ctx,
    );
    expect(plan.resources.map((r) => r.name)).toEqual(['a', 'b']);
    expect(plan.resources[1].dependsOn).toEqual([plan.resources[0].id]);
    expect(plan.resources[1].properties.other).toBe("[reference('a').defaultHostName]");
  });

  test('a copy loop becomes one resource per index, copyIndex() filled in (as Bicep emits a for loop)', () => {
    const plan = planTemplate(
      {
        parameters: { hosts: { type: 'array' } },
        resources: [
          {
            copy: { name: 'origin', count: "[length(parameters('hosts'))]" },
            type: 'Microsoft.Cdn/profiles/originGroups/origins',
            apiVersion: '2024-02-01',
            name: "[format('{0}/{1}/{2}', 'fd', 'apps', format('region-{0}', copyIndex()))]",
            properties: { hostName: "[parameters('hosts')[copyIndex()]]", priority: '[copyIndex(1)]' },
          },
        ],
      },
      { hosts: { value: ['a.example', 'b.example'] } },
      ctx,
    );
    expect(plan.resources.map((r) => [r.name, r.properties.hostName, r.properties.priority])).toEqual([
      ['fd/apps/region-0', 'a.example', 1],
      ['fd/apps/region-1', 'b.example', 2],
    ]);
  });

  test('condition false skips the resource', () => {
    const plan = planTemplate({ resources: [{ condition: "[equals('a', 'b')]", type: 'Microsoft.Web/sites', apiVersion: '1', name: 'x' }] }, {}, ctx);
    expect(plan.resources).toEqual([]);
  });
});
