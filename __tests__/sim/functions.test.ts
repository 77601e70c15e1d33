import { ArmError } from '../../sim/errors.js';
import { evaluateOutputs, type TemplateContext } from '../../sim/template/evaluate.js';
import { planTemplate } from '../../sim/template/plan.js';

/**
 * Template functions against values worked out by hand from ARM's function reference (learn.microsoft.com,
 * "ARM template functions"): the documented result format, the documented examples where there are some.
 */
const SUB = '00000000-0000-0000-0000-000000000001';
const RG_ID = `/subscriptions/${SUB}/resourceGroups/rg-eus`;
const NOW = Date.UTC(2019, 2, 5, 17, 53, 18); // the docs' utcNow() example instant: 2019-03-05 17:53:18Z
const ctx: TemplateContext = {
  scope: { kind: 'resourceGroup', subscription: SUB, resourceGroup: 'rg-eus' },
  deploymentName: 'd1',
  resourceGroup: { name: 'rg-eus', location: 'eastus' },
  tenantId: '11111111-2222-3333-4444-555555555555',
  mode: 'Incremental',
  now: NOW,
  suppliedParameters: { p: { value: 'x' } },
};

const outputs = (template: Record<string, unknown>, params: Record<string, unknown> = {}, c: TemplateContext = ctx) => {
  const t = { resources: [], ...template };
  return evaluateOutputs(t, planTemplate(t, params, c).evaluator, true);
};
const out = (expr: unknown, extra: Record<string, unknown> = {}, c: TemplateContext = ctx) => outputs({ ...extra, outputs: { o: { type: 'object', value: expr } } }, {}, c).o.value;
const paramDefault = (expr: string) =>
  outputs({ parameters: { v: { type: 'string', defaultValue: expr } }, outputs: { o: { type: 'string', value: "[parameters('v')]" } } }).o.value;
const templateError = (fn: () => unknown): ArmError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ArmError) return e;
    throw e;
  }
  throw new Error('expected an ArmError');
};

describe('resource id functions', () => {
  test.each([
    ["[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]", `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`],
    ["[subscriptionResourceId('99999999-0000-0000-0000-000000000000', 'Microsoft.Authorization/policyDefinitions', 'p1')]", '/subscriptions/99999999-0000-0000-0000-000000000000/providers/Microsoft.Authorization/policyDefinitions/p1'],
    ["[tenantResourceId('Microsoft.Authorization/policyDefinitions', '0a914e76-4921-4c19-b460-a2d36003525a')]", '/providers/Microsoft.Authorization/policyDefinitions/0a914e76-4921-4c19-b460-a2d36003525a'],
    ["[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'lock1')]", `${RG_ID}/providers/Microsoft.Authorization/locks/lock1`],
    [
      "[extensionResourceId(resourceId('Microsoft.Web/sites', 'web'), 'Microsoft.Insights/diagnosticSettings', 'diag')]",
      `${RG_ID}/providers/Microsoft.Web/sites/web/providers/Microsoft.Insights/diagnosticSettings/diag`,
    ],
    ["[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p1')]", '/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p1'],
    ["[subscriptionResourceId('Microsoft.Web/sites/config', 'web', 'appsettings')]", `/subscriptions/${SUB}/providers/Microsoft.Web/sites/web/config/appsettings`],
  ])('%s', (expr, want) => {
    expect(out(expr)).toBe(want);
  });

  test('managementGroupResourceId defaults to the management group deployed to, and needs one elsewhere', () => {
    const mg: TemplateContext = { ...ctx, scope: { kind: 'managementGroup', groupId: 'mg-root' }, resourceGroup: undefined };
    expect(out("[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'p1')]", {}, mg)).toBe(
      '/providers/Microsoft.Management/managementGroups/mg-root/providers/Microsoft.Authorization/policyDefinitions/p1',
    );
    expect(out('[managementGroup().name]', {}, mg)).toBe('mg-root');
    expect(templateError(() => out("[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'p1')]")).message).toContain('management group id is needed');
  });
});

describe('deployment and scope values', () => {
  test('environment() is the public cloud as documented', () => {
    const env = out('[environment()]') as Record<string, any>;
    expect(env.name).toBe('AzureCloud');
    expect(env.resourceManager).toBe('https://management.azure.com/');
    expect(env.suffixes).toMatchObject({ storage: 'core.windows.net', keyvaultDns: '.vault.azure.net', sqlServerHostname: '.database.windows.net', acrLoginServer: '.azurecr.io' });
    expect(out("[concat('https://acct.blob.', environment().suffixes.storage, '/')]")).toBe('https://acct.blob.core.windows.net/');
  });

  test('tenant() has the documented fields', () => {
    expect(out('[tenant()]')).toEqual({ countryCode: 'US', displayName: 'Simulated tenant', id: '/tenants/11111111-2222-3333-4444-555555555555', tenantId: '11111111-2222-3333-4444-555555555555' });
  });

  test('deployment() at resource-group scope: name and properties with template, hash, parameters, mode; no location', () => {
    const tpl = { contentVersion: '1.2.3.4', parameters: { p: { type: 'string' } }, outputs: { o: { type: 'object', value: '[deployment()]' } } };
    const d = outputs(tpl, { p: { value: 'x' } }).o.value as Record<string, any>;
    expect(Object.keys(d)).toEqual(['name', 'properties']);
    expect(d.name).toBe('d1');
    expect(d.properties).toMatchObject({ mode: 'Incremental', provisioningState: 'Accepted', parameters: { p: { value: 'x' } } });
    expect(d.properties.template.contentVersion).toBe('1.2.3.4');
    expect(d.properties.templateHash).toMatch(/^\d+$/);
  });

  test('deployment() above resource-group scope carries the location', () => {
    const sub: TemplateContext = { ...ctx, scope: { kind: 'subscription', subscription: SUB }, resourceGroup: undefined, deploymentLocation: 'westeurope' };
    expect(out('[deployment().location]', {}, sub)).toBe('westeurope');
  });
});

describe('utcNow, newGuid, uniqueString, guid', () => {
  // The docs' example: utcNow() 20190305T175318Z, utcNow('u') 2019-03-05 17:53:18Z, utcNow('d') 3/5/2019.
  test.each([
    ['[utcNow()]', '20190305T175318Z'],
    ["[utcNow('u')]", '2019-03-05 17:53:18Z'],
    ["[utcNow('d')]", '3/5/2019'],
    ["[utcNow('yyyy-MM-ddTHH:mm')]", '2019-03-05T17:53'],
    ["[utcNow('s')]", '2019-03-05T17:53:18'],
  ])('%s -> %s (in a parameter default)', (expr, want) => {
    expect(paramDefault(expr)).toBe(want);
  });

  test('utcNow and newGuid anywhere but a parameter default: InvalidTemplate', () => {
    expect(templateError(() => out('[utcNow()]')).message).toContain("'utcNow' is not expected at this location");
    expect(templateError(() => out('[newGuid()]')).message).toContain("'newGuid' is not expected at this location");
  });

  test('newGuid: a version-4 GUID, a new one per deployment', () => {
    const a = paramDefault('[newGuid()]');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(paramDefault('[newGuid()]')).not.toBe(a);
  });

  // ARM does not publish its hash for uniqueString/guid: the form, determinism and input sensitivity are what is
  // documented (13 characters, base-32 alphabet; a GUID), not the digits.
  test('uniqueString: 13 lowercase base-32 characters, the same for the same inputs, different for others', () => {
    const a = out('[uniqueString(resourceGroup().id)]') as string;
    expect(a).toMatch(/^[a-z2-7]{13}$/);
    expect(out(`[uniqueString('${RG_ID}')]`)).toBe(a);
    expect(out("[uniqueString(resourceGroup().id, 'x')]")).not.toBe(a);
    expect(out("[uniqueString('a', 'b')]")).not.toBe(out("[uniqueString('b', 'a')]"));
    expect(out("[uniqueString('ABC')]")).not.toBe(out("[uniqueString('abc')]"));
  });

  test('guid: a GUID, deterministic, sensitive to every argument', () => {
    const a = out("[guid(resourceGroup().id, 'role')]") as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(out(`[guid('${RG_ID}', 'role')]`)).toBe(a);
    expect(out("[guid(resourceGroup().id, 'other')]")).not.toBe(a);
  });
});

describe('lambdas', () => {
  const dogs = { variables: { dogs: [{ name: 'Evie', age: 5 }, { name: 'Casper', age: 3 }, { name: 'Indy', age: 2 }, { name: 'Kira', age: 8 }] } };
  test.each([
    ["[filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))]", [{ name: 'Evie', age: 5 }, { name: 'Kira', age: 8 }]],
    ["[map(variables('dogs'), lambda('dog', lambdaVariables('dog').name))]", ['Evie', 'Casper', 'Indy', 'Kira']],
    ["[map(variables('dogs'), lambda('dog', 'i', concat(string(lambdaVariables('i')), lambdaVariables('dog').name)))]", ['0Evie', '1Casper', '2Indy', '3Kira']],
    ["[reduce(variables('dogs'), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next').age)))]", 18],
    ["[toObject(variables('dogs'), lambda('d', lambdaVariables('d').name))]", { Evie: { name: 'Evie', age: 5 }, Casper: { name: 'Casper', age: 3 }, Indy: { name: 'Indy', age: 2 }, Kira: { name: 'Kira', age: 8 } }],
    ["[toObject(variables('dogs'), lambda('d', lambdaVariables('d').name), lambda('d', lambdaVariables('d').age))]", { Evie: 5, Casper: 3, Indy: 2, Kira: 8 }],
    ["[map(sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age))), lambda('d', lambdaVariables('d').name))]", ['Indy', 'Casper', 'Evie', 'Kira']],
    ["[groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))]", { f: ['foo'], b: ['bar', 'baz'] }],
    ["[mapValues(createObject('a', 1, 'b', 2), lambda('v', mul(lambdaVariables('v'), 10)))]", { a: 10, b: 20 }],
    // Nested lambdas see the outer variable.
    ["[map(createArray(1, 2), lambda('x', map(createArray(10, 20), lambda('y', add(lambdaVariables('x'), lambdaVariables('y'))))))]", [[11, 21], [12, 22]]],
  ])('%s', (expr, want) => {
    expect(out(expr, dogs)).toEqual(want);
  });

  test('a lambda over values only known at deployment is deferred in preflight, then evaluated', () => {
    const t = {
      resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'web', location: 'eastus', properties: {} }],
      outputs: { o: { type: 'array', value: "[filter(createArray('a', 'b'), lambda('x', equals(lambdaVariables('x'), reference('web').name)))]" } },
    };
    const plan = planTemplate(t, {}, ctx);
    expect(evaluateOutputs(t, plan.evaluator, true).o.value).toBe(t.outputs.o.value);
    plan.evaluator.referenceFn = () => ({ name: 'b' });
    expect(evaluateOutputs(t, plan.evaluator, true).o.value).toEqual(['b']);
  });

  test('a lambda variable outside its lambda is an error', () => {
    expect(templateError(() => out("[lambdaVariables('x')]")).message).toContain("The lambda variable 'x' is not defined");
    expect(templateError(() => out("[filter(createArray(1), 'notALambda')]")).message).toContain('must be a lambda expression');
  });
});

describe('copy in every form', () => {
  test('resource copy: one resource per copyIndex(), with an offset; dependsOn the loop waits for all of it', () => {
    const plan = planTemplate(
      {
        resources: [
          { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[concat('st', copyIndex(1))]", location: 'eastus', copy: { name: 'stores', count: 3 }, properties: { n: '[copyIndex()]' } },
          { type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'web', location: 'eastus', dependsOn: ['stores'] },
        ],
      },
      {},
      ctx,
    );
    expect(plan.resources.map((r) => r.name)).toEqual(['st1', 'st2', 'st3', 'web']);
    expect(plan.resources.slice(0, 3).map((r) => r.properties.n)).toEqual([0, 1, 2]);
    expect(plan.resources[3].dependsOn).toEqual(['st1', 'st2', 'st3'].map((n) => `${RG_ID}/providers/Microsoft.Storage/storageAccounts/${n}`));
  });

  test('a copy count of 0 deploys none', () => {
    const plan = planTemplate({ resources: [{ type: 'Microsoft.Web/sites', apiVersion: '1', name: "[concat('w', copyIndex())]", copy: { name: 'c', count: 0 } }] }, {}, ctx);
    expect(plan.resources).toEqual([]);
  });

  test('property copy: an array property built per copyIndex(name), beside the resource loop', () => {
    const plan = planTemplate(
      {
        resources: [
          {
            type: 'Microsoft.Compute/virtualMachines',
            apiVersion: '2023-03-01',
            name: "[concat('vm', copyIndex())]",
            location: 'eastus',
            copy: { name: 'vms', count: 2 },
            properties: { storageProfile: { copy: [{ name: 'dataDisks', count: 2, input: { lun: "[copyIndex('dataDisks')]", name: "[concat('vm', copyIndex(), '-disk', copyIndex('dataDisks'))]" } }] } },
          },
        ],
      },
      {},
      ctx,
    );
    expect(plan.resources[1].properties).toEqual({ storageProfile: { dataDisks: [{ lun: 0, name: 'vm1-disk0' }, { lun: 1, name: 'vm1-disk1' }] } });
  });

  test('variable copy: the variables section copy array and a copy inside a variable object', () => {
    const t = {
      variables: {
        copy: [{ name: 'names', count: 3, input: "[concat('n', copyIndex('names', 1))]" }],
        config: { copy: [{ name: 'ports', count: 2, input: "[add(8080, copyIndex('ports'))]" }], tier: 'web' },
      },
      outputs: { names: { type: 'array', value: "[variables('names')]" }, config: { type: 'object', value: "[variables('config')]" } },
    };
    expect(outputs(t)).toEqual({ names: { type: 'Array', value: ['n1', 'n2', 'n3'] }, config: { type: 'Object', value: { ports: [8080, 8081], tier: 'web' } } });
  });

  test("the docs' items() example: a variable copy over items() of an object", () => {
    const t = {
      variables: {
        copy: [
          {
            name: 'modifiedListOfEntities',
            count: "[length(items(variables('entities')))]",
            input: {
              key: "[items(variables('entities'))[copyIndex('modifiedListOfEntities')].key]",
              fullName: "[items(variables('entities'))[copyIndex('modifiedListOfEntities')].value.displayName]",
              itemEnabled: "[items(variables('entities'))[copyIndex('modifiedListOfEntities')].value.enabled]",
            },
          },
        ],
        entities: { item002: { enabled: false, displayName: 'Example item 2', number: 200 }, item001: { enabled: true, displayName: 'Example item 1', number: 300 } },
      },
      outputs: { modifiedResult: { type: 'array', value: "[variables('modifiedListOfEntities')]" } },
    };
    expect(outputs(t).modifiedResult).toEqual({
      type: 'Array',
      value: [
        { key: 'item001', fullName: 'Example item 1', itemEnabled: true },
        { key: 'item002', fullName: 'Example item 2', itemEnabled: false },
      ],
    });
  });

  test("the docs' CIDR examples, built with output copy", () => {
    const t = {
      outputs: {
        v4info: { type: 'object', value: "[parseCidr('10.144.0.0/20')]" },
        v4subnets: { type: 'array', copy: { count: '[length(range(0, 5))]', input: "[cidrSubnet('10.144.0.0/20', 24, range(0, 5)[copyIndex()])]" } },
        v4hosts: { type: 'array', copy: { count: '[length(range(0, 5))]', input: "[cidrHost('10.144.3.0/24', range(0, 5)[copyIndex()])]" } },
      },
    };
    const o = outputs(t);
    expect(o.v4info.value).toEqual({ network: '10.144.0.0', netmask: '255.255.240.0', broadcast: '10.144.15.255', firstUsable: '10.144.0.1', lastUsable: '10.144.15.254', cidr: 20 });
    expect(o.v4subnets.value).toEqual(['10.144.0.0/24', '10.144.1.0/24', '10.144.2.0/24', '10.144.3.0/24', '10.144.4.0/24']);
    expect(o.v4hosts.value).toEqual(['10.144.3.1', '10.144.3.2', '10.144.3.3', '10.144.3.4', '10.144.3.5']);
    expect(templateError(() => out("[parseCidr('fdad:3236:5555::/48')]")).message).toContain('IPv6 ranges');
  });

  test('output copy: an array of the input per copyIndex()', () => {
    const t = { outputs: { ids: { type: 'array', copy: { count: "[length(createArray('a', 'b'))]", input: "[resourceId('Microsoft.Web/sites', concat('w', copyIndex()))]" } } } };
    expect(outputs(t).ids).toEqual({ type: 'Array', value: [`${RG_ID}/providers/Microsoft.Web/sites/w0`, `${RG_ID}/providers/Microsoft.Web/sites/w1`] });
  });
});

describe('more functions, the docs examples', () => {
  test.each([
    ["[items(json('{\"item002\": {\"enabled\": false}, \"item001\": {\"enabled\": true}}'))]", [{ key: 'item001', value: { enabled: true } }, { key: 'item002', value: { enabled: false } }]],
    ['[array(1)]', [1]],
    ['[range(5, 3)]', [5, 6, 7]],
    ["[skip('one two three', 4)]", 'two three'],
    ['[take(createArray(1, 2, 3), 2)]', [1, 2]],
    ["[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]", ['two', 'three']],
    ['[min(createArray(0, 3, 2, 5, 4))]', 0],
    ['[max(0, 3, 2, 5, 4)]', 5],
    ['[greater(10, 5)]', true],
    ["[lessOrEquals('A', 'a')]", true],
    ['[add(5, 3)]', 8],
    ['[sub(7, 3)]', 4],
    ['[mul(5, 3)]', 15],
    ['[div(8, 3)]', 2],
    ['[mod(7, 3)]', 1],
    ["[base64('one, two, three')]", 'b25lLCB0d28sIHRocmVl'],
    ["[base64ToString('b25lLCB0d28sIHRocmVl')]", 'one, two, three'],
    ["[base64ToJson(base64('{\"one\": \"a\"}')).one]", 'a'],
    ["[dataUri('Hello')]", 'data:text/plain;charset=utf8;base64,SGVsbG8='],
    ["[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]", 'Hello, World!'],
    ["[uri('http://contoso.com/resources/', 'nested/azuredeploy.json')]", 'http://contoso.com/resources/nested/azuredeploy.json'],
    ["[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]", 'http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json'],
    ["[uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')]", 'http://contoso.com/resources/nested/azuredeploy.json'],
    ["[padLeft('123', 10, '0')]", '0000000123'],
    ["[join(createArray('a', 'b', 'c'), ',')]", 'a,b,c'],
    ['[dateTimeFromEpoch(1683040573)]', '2023-05-02T15:16:13Z'],
    ["[dateTimeToEpoch('2023-05-02T15:16:13Z')]", 1683040573],
    ["[indexOf('test', 't')]", 0],
    ["[lastIndexOf('test', 't')]", 3],
    ["[indexOf('abcdef', 'CD')]", 2],
    ["[indexOf(createArray('a', 'b'), 'c')]", -1],
    ["[contains('OneTwoThree', 'e')]", true],
    ["[contains('OneTwoThree', 'z')]", false],
    ["[objectKeys(createObject('a', 1, 'b', 2))]", ['a', 'b']],
    ["[shallowMerge(createArray(createObject('a', 1, 'n', createObject('x', 1)), createObject('b', 2, 'n', createObject('y', 2))))]", { a: 1, n: { y: 2 }, b: 2 }],
    ["[tryGet(createObject('a', createArray(1, 2)), 'a', 1)]", 2],
    ["[tryGet(createObject('a', 1), 'missing')]", null],
    ['[indexFromEnd(createArray(1, 2, 3), 1)]', 3],
    ['[tryIndexFromEnd(createArray(1, 2, 3), 4)]', null],
    ["[float('2.5')]", 2.5],
    ["[union(json('[[\"one\", \"two\"], [\"three\"]]'), json('[[\"three\"], [\"four\", \"two\"]]'))]", [['one', 'two'], ['three'], ['four', 'two']]],
    [
      `[union(json('{"property": {"one": "a", "two": "b", "three": "c1"}, "nestedArray": [1, 2]}'), json('{"property": {"three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]}'))]`,
      { property: { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' }, nestedArray: [3, 4] },
    ],
    ["[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')]", '4/7/2023 2:53:14 PM'],
    ["[dateTimeAdd('2020-04-07 14:53:14Z', '-P9D')]", '3/29/2020 2:53:14 PM'],
    ["[dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H')]", '4/7/2020 3:53:14 PM'],
    ["[dateTimeAdd('2020-04-07T14:53:14Z', 'P1M', 'yyyy-MM-ddTHH:mm:ssZ')]", '2020-05-07T14:53:14Z'],
  ])('%s', (expr, want) => {
    expect(out(expr)).toEqual(want);
  });
});

describe('the function table in sim/README.md', () => {
  test('says yes exactly for the functions the evaluator has', async () => {
    const { readFileSync } = await import('node:fs');
    const { isSupportedFunction } = await import('../../sim/template/functions.js');
    const readme = readFileSync(new URL('../../sim/README.md', import.meta.url), 'utf8');
    const rows = readme.split('\n').filter((l) => /^\| [a-z]+ \| /.test(l) && !l.startsWith('| group'));
    expect(rows.length).toBeGreaterThan(15);
    let checked = 0;
    for (const row of rows) {
      const [, , names, verdict] = row.split('|').map((c) => c.trim());
      if (names.startsWith('other')) continue;
      for (const fn of names.split(',').map((n) => n.trim())) {
        expect({ fn, supported: isSupportedFunction(fn) }).toEqual({ fn, supported: !verdict.startsWith('no') });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
