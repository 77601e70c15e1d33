// The planner's small parts, exactly: dependency order, deployment names at the 64-character edge, scope words, and
// the what-if-exclude list. (The mutation run of src/plan found these asserted only loosely or not at all.)
import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../../src/plan/hash.js';
import { deploymentName, scopeWhere } from '../../src/plan/names.js';
import { dependencyOrder } from '../../src/plan/order.js';
import { excludeChanges, parseWhatIfExclude } from '../../src/plan/what-if.js';

const item = (id: string, ...requires: string[]) => ({ id, requires });
const order = (items: ReturnType<typeof item>[]): string[] => dependencyOrder(items).map((i) => i.id);

describe('dependencyOrder', () => {
  it('puts each item after what it requires, keeping the given order otherwise', () => {
    expect(order([item('app', 'db', 'cache'), item('db'), item('cache', 'db'), item('web')])).toEqual(['db', 'cache', 'app', 'web']);
    expect(order([item('a'), item('b'), item('c')])).toEqual(['a', 'b', 'c']);
  });

  it('takes requires of items not given as done', () => {
    expect(order([item('app', 'elsewhere'), item('db')])).toEqual(['app', 'db']);
  });

  it('keeps a cycle that slipped through in given order instead of looping, each item once', () => {
    expect(order([item('x'), item('a', 'b'), item('b', 'a'), item('c', 'x')])).toEqual(['x', 'c', 'a', 'b']);
  });
});

describe('deploymentName', () => {
  it('is the plain name up to 64 characters, and shortened with a hash from 65 on', () => {
    const at64 = deploymentName('r'.repeat(42), 'comp', 'eastus', '1.2.3.4.5'); // 42+1+4+1+6+1+9 = 64
    expect(at64).toBe(`${'r'.repeat(42)}-comp-eastus-1.2.3.4.5`);
    const at65 = deploymentName('r'.repeat(43), 'comp', 'eastus', '1.2.3.4.5');
    // The region and version whole, a hash of the full name, and of rollout-component what fits before them.
    expect(at65).toMatch(/^r{38}-eastus-1\.2\.3\.4\.5-[0-9a-f]{8}$/);
    expect(at65).not.toBe(deploymentName('r'.repeat(44), 'comp', 'eastus', '1.2.3.4.5'));
  });

  it('drops what ends the cut version when it is not a letter or digit, and keeps unsafe characters out', () => {
    const name = deploymentName('x'.repeat(60), 'c', 'westus', '2026.11.23-rc.1+b.9');
    // The version cut to 16 characters is "2026.11.23-rc.1+", whose "+" goes.
    expect(name).toMatch(/^x{32}-westus-2026\.11\.23-rc\.1-[0-9a-f]{8}$/);
    expect(deploymentName('a b', 'c/d', 'eastus', '1+2')).toBe('a-b-c-d-eastus-1-2');
    // Every letter-or-digit-less character that ends the cut version goes, not only the last one.
    expect(deploymentName('y'.repeat(60), 'c', 'eastus', '1234567890123-..x')).toMatch(/^y+-eastus-1234567890123-[0-9a-f]{8}$/);
  });

  it('is never longer than 64 characters, even when the region and version alone are longer', () => {
    const region = 'a-region-name-far-longer-than-any-region-in-azure-is'; // 52 characters
    const name = deploymentName('r', 'c', region, '1.2.3.4.5.6.7.8.9');
    expect(name).toHaveLength(64);
    expect(name).toBe(`r-${region}-1.2.3.4.5.`.slice(0, 64));
  });
});

describe('scopeWhere', () => {
  it('says each scope in words', () => {
    const base = { subscription: 'sub-1', resourceGroup: 'rg-1', managementGroup: 'mg-1' };
    expect(scopeWhere({ ...base, scope: 'resourceGroup' })).toBe('resource group rg-1');
    expect(scopeWhere({ ...base, scope: 'subscription' })).toBe('subscription sub-1');
    expect(scopeWhere({ ...base, scope: 'managementGroup' })).toBe('management group mg-1');
    expect(scopeWhere({ ...base, scope: 'tenant' })).toBe('the tenant');
  });
});

describe('parseWhatIfExclude', () => {
  it('reads a list with or without brackets, commas or spaces, any case', () => {
    expect(parseWhatIfExclude('[noChange, ignore]')).toEqual(['NoChange', 'Ignore']);
    expect(parseWhatIfExclude('nochange,IGNORE  modify')).toEqual(['NoChange', 'Ignore', 'Modify']);
    expect(parseWhatIfExclude('[ noChange ]')).toEqual(['NoChange']);
    expect(parseWhatIfExclude(', ignore,')).toEqual(['Ignore']);
    expect(parseWhatIfExclude('')).toEqual([]);
    expect(parseWhatIfExclude(undefined)).toEqual([]);
  });

  it('names the change types when one is not', () => {
    expect(() => parseWhatIfExclude('[noChange, nope]')).toThrow(
      'what-if-exclude: "nope" is not a what-if change type; use create, modify, delete, deploy, noChange, ignore, unsupported',
    );
  });
});

describe('excludeChanges', () => {
  it('leaves out the excluded change types of every stamp, and keeps the rest of each result', () => {
    const result = { stamp: 'app@eastus', stage: 'one', deploymentName: 'app-1', changes: [{ changeType: 'NoChange', resourceId: 'a' }, { changeType: 'Modify', resourceId: 'b' }, { changeType: 'Ignore', resourceId: 'c' }] };
    expect(excludeChanges([result] as never, ['NoChange', 'Ignore'])).toEqual([{ ...result, changes: [{ changeType: 'Modify', resourceId: 'b' }] }]);
    expect(excludeChanges([result] as never, [])).toEqual([result]);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every depth, arrays kept in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });
});
