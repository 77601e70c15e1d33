import { hasOutputs, interpolate, type InterpolationScope } from '../../src/spec/interpolate.js';

const scope: InterpolationScope = {
  version: '1.0.0',
  mode: 'standard',
  rollout: 'web',
  component: 'app',
  env: { EMPTY: '', BLANK: '  ', SUB: '00000000-0000-0000-0000-000000000001' },
  region: { name: 'eastus', attributes: { short: 'eus' } },
};
const errorsOf = (text: string) => interpolate(text, scope).errors;

describe('interpolation syntax', () => {
  it.each([
    ['contoso/web:{version', '"{version" has no closing }', 'write {version}'],
    ['plan-{region.short', '"{region.short" has no closing }', 'write {region.short}'],
    ['plan-region.short}', '"region.short}" has no opening {', 'write {region.short}'],
    ['web:version}', '"version}" has no opening {', 'write {version}'],
    ['web:{ version }', '"{ version }" has spaces inside the braces', 'write {version}'],
  ])('refuses %j with a hint saying what to write', (text, message, hint) => {
    expect(errorsOf(text)).toEqual([{ message, hint }]);
  });

  it('refuses a GitHub expression and says how to pass the value instead', () => {
    expect(errorsOf('${{ secrets.AZURE_SUBSCRIPTION_ID }}')).toEqual([
      {
        message: '${{ secrets.AZURE_SUBSCRIPTION_ID }} is a GitHub expression; the runner does not evaluate it inside a spec file',
        hint: "write {env.AZURE_SUBSCRIPTION_ID} and set AZURE_SUBSCRIPTION_ID: ${{ secrets.AZURE_SUBSCRIPTION_ID }} in the step's env",
      },
    ]);
    expect(errorsOf('web-${{ github.sha }}')[0].hint).toBe("write {env.NAME} and set NAME: ${{ github.sha }} in the step's env");
  });

  it('refuses an empty environment value, as an unset secret arrives', () => {
    expect(errorsOf('{env.EMPTY}')).toEqual([expect.objectContaining({ message: 'environment variable EMPTY is set but empty' })]);
    expect(errorsOf('{env.BLANK}')[0].message).toBe('environment variable BLANK is set but empty');
  });

  it('leaves regexes, JSON, escaped braces and balanced placeholders alone', () => {
    for (const text of ['\\d{3}', '{"a":1}', '{{version}}', '{version}-{region.short}', 'a{b', 'x}', '{foo']) {
      expect([text, errorsOf(text).filter((e) => !e.message.startsWith('unknown placeholder'))]).toEqual([text, []]);
    }
    expect(interpolate('{{version}}', scope).value).toBe('{version}');
    expect(interpolate('{version}-{region.short}', scope).value).toBe('1.0.0-eus');
  });
});

describe('interpolation values', () => {
  const value = (text: string, over: Partial<InterpolationScope> = {}) => interpolate(text, { ...scope, ...over });

  it('fills each root, and names the environment variables read (for masking), once per use', () => {
    const done = value('{rollout}/{component}:{version}-{mode}@{region}/{region.name}/{region.short}/{env.SUB}/{env.SUB}');
    expect(done).toEqual({ value: 'web/app:1.0.0-standard@eastus/eastus/eus/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000001', envUsed: ['SUB', 'SUB'], errors: [] });
    expect(value('ring {region.ring}, zones {region.zones}', { region: { name: 'westus', attributes: { ring: 2, zones: false } } }).value).toBe('ring 2, zones false');
    expect(value('{unit}', { unit: 'blue' })).toEqual({ value: 'blue', envUsed: [], errors: [] });
    expect(value('{outputs.endpoint}/healthz', { allowOutputs: true })).toEqual({ value: '{outputs.endpoint}/healthz', envUsed: [], errors: [] });
  });

  it('a placeholder that cannot be filled is kept as written, with one error each saying why and what to write', () => {
    const cases: Array<[string, Partial<InterpolationScope>, { message: string; hint?: string }]> = [
      ['{region.short}', { region: undefined }, { message: '{region.short} is used outside a per-region component', hint: 'set perRegion: true, or name the region' }],
      ['{region}', { region: undefined }, { message: '{region} is used outside a per-region component', hint: 'set perRegion: true, or name the region' }],
      ['{region.shrt}', {}, { message: 'region "eastus" has no attribute "shrt"', hint: 'did you mean "short"?' }],
      ['{region.tier}', { region: { name: 'eastus', attributes: { short: 'eus', ring: 0 } } }, { message: 'region "eastus" has no attribute "tier"', hint: 'add tier to regions.eastus, or use one of: name, short, ring' }],
      ['{region.tier}', { region: { name: 'eastus', attributes: {} } }, { message: 'region "eastus" has no attribute "tier"', hint: 'add tier to regions.eastus, or use one of: name' }],
      ['{env}', {}, { message: '{env} needs a variable name', hint: 'write {env.NAME}' }],
      ['{env.NOPE}', {}, { message: 'environment variable NOPE is not set', hint: "set NOPE in the job's env, or remove {env.NOPE}" }],
      ['{env.EMPTY}', {}, { message: 'environment variable EMPTY is set but empty', hint: "give EMPTY a value in the job's env (a secret or variable that does not exist arrives empty)" }],
      ['{outputs}', { allowOutputs: true }, { message: '{outputs} needs an output name', hint: 'write {outputs.NAME}' }],
      ['{outputs.endpoint}', {}, { message: '{outputs.endpoint} is only known at deploy time', hint: 'use {outputs.NAME} in health.url, health.command or health.headers' }],
      ['{version.major}', {}, { message: '{version.major}: {version} has no attributes', hint: 'write {version}' }],
      ['{mode.name}', {}, { message: '{mode.name}: {mode} has no attributes', hint: 'write {mode}' }],
      ['{rollout.id}', {}, { message: '{rollout.id}: {rollout} has no attributes', hint: 'write {rollout}' }],
      ['{component.name}', {}, { message: '{component.name} is not available here', hint: "write {component} for the component's name" }],
      ['{component}', { component: undefined }, { message: '{component} is not available here', hint: "write {component} for the component's name" }],
      ['{unit.name}', { unit: 'blue' }, { message: '{unit.name}: {unit} has no attributes', hint: 'write {unit}' }],
      ['{unit}', {}, { message: '{unit} is used but the spec declares no releaseUnits', hint: 'add releaseUnits and traffic, or remove {unit}' }],
      ['{versoin}', {}, { message: 'unknown placeholder {versoin}', hint: 'did you mean "version"?' }],
      ['{stage.name}', {}, { message: 'unknown placeholder {stage.name}', hint: 'known: {region}, {version}, {mode}, {rollout}, {component}, {unit}, {env}, {outputs}; write {{ for a literal brace' }],
    ];
    for (const [text, over, error] of cases) {
      expect([text, value(`a-${text}-b`, over)]).toEqual([text, { value: `a-${text}-b`, envUsed: [], errors: [error] }]);
    }
  });

  it('{{ and }} write one brace each, also beside a placeholder', () => {
    expect(value('{{{version}}}').value).toBe('{1.0.0}');
    expect(value('}}{{').value).toBe('}{');
  });

  it('hasOutputs finds a deploy-time placeholder and nothing else', () => {
    expect([hasOutputs('{outputs.fqdn}'), hasOutputs('https://{outputs.host-name}/x'), hasOutputs('{outputs}'), hasOutputs('{outputs.}'), hasOutputs('outputs.fqdn'), hasOutputs('{output.fqdn}')]).toEqual([true, true, false, false, false, false]);
  });
});

describe('interpolation syntax, beyond one mistake', () => {
  it('each mistake once, in order: an unclosed brace, then a missing opening one', () => {
    expect(errorsOf('{mode-{region.short x version}')).toEqual([
      { message: '"{mode" has no closing }', hint: 'write {mode}' },
      { message: '"{region.short" has no closing }', hint: 'write {region.short}' },
      { message: '"version}" has no opening {', hint: 'write {version}' },
    ]);
  });

  it('a GitHub expression is reported alone, reading vars and env as well as secrets', () => {
    expect(errorsOf('${{vars.SUB}} {version')).toEqual([
      { message: '${{vars.SUB}} is a GitHub expression; the runner does not evaluate it inside a spec file', hint: "write {env.SUB} and set SUB: ${{ vars.SUB }} in the step's env" },
    ]);
    expect(errorsOf('${{ env.TAG }}')[0].hint).toBe("write {env.TAG} and set TAG: ${{ env.TAG }} in the step's env");
    expect(errorsOf('${{ secrets.A.B }}')[0].hint).toBe("write {env.NAME} and set NAME: ${{ secrets.A.B }} in the step's env");
    expect(errorsOf('${{ inputs.env.X }}')[0].hint).toBe("write {env.NAME} and set NAME: ${{ inputs.env.X }} in the step's env");
  });

  it('output references of earlier stamps, and attributes after a word, are not mistakes', () => {
    expect(errorsOf('{outputs.app[*].fqdn}')).toEqual([]);
    // Nor is a [*] without its output name here: output-refs.ts says what a reference needs.
    expect(errorsOf('{outputs.app[*]}')).toEqual([]);
    expect(errorsOf('{outputs.app.fqdn}').filter((e) => !e.message.includes('only known at deploy time'))).toEqual([]);
    expect(errorsOf('a.version} x_region}')).toEqual([]);
    // An escaped brace is a brace, not a letter: the name after it still stands alone.
    expect(errorsOf('x{{version}')).toEqual([{ message: '"version}" has no opening {', hint: 'write {version}' }]);
    // So is a placeholder, filled or kept for deploy time.
    expect(errorsOf('a{rollout}version}')).toEqual([{ message: '"version}" has no opening {', hint: 'write {version}' }]);
    expect(errorsOf('a{outputs.app[*].fqdn}version}')).toEqual([{ message: '"version}" has no opening {', hint: 'write {version}' }]);
    expect(errorsOf('{ region.short }')).toEqual([{ message: '"{ region.short }" has spaces inside the braces', hint: 'write {region.short}' }]);
  });
});
