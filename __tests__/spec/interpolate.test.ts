import { interpolate, type InterpolationScope } from '../../src/spec/interpolate.js';

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
