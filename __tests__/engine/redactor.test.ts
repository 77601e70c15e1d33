import { describe, expect, it } from '@jest/globals';
import { addProbeHeaderSecrets, REDACTED, Redactor } from '../../src/engine/redactor.js';

describe('Redactor', () => {
  it('masks with three asterisks, and leaves text alone while it knows no secret', () => {
    expect(REDACTED).toBe('***');
    expect(new Redactor().redact('nothing secret here')).toBe('nothing secret here');
  });

  it('takes secrets of four characters or more, not three', () => {
    const r = new Redactor();
    r.add('abc');
    r.add('abcd');
    expect(r.redact('abc abcd abcde')).toBe('abc *** ***e');
  });

  it('ignores undefined and null, and takes numbers and booleans by their text', () => {
    const r = new Redactor();
    r.add(undefined);
    r.add(null);
    r.add(123456);
    r.add(false);
    expect(r.redact('pin 123456 is false')).toBe('pin *** is ***');
  });

  it('replaces a spaced secret in its form-encoded form too', () => {
    const r = new Redactor();
    r.add('my secret value');
    expect(r.redact('q=my+secret+value&x=my%20secret%20value')).toBe('q=***&x=***');
  });

  it('tells each listener every form, those known before it listened and those added after, each once', () => {
    const r = new Redactor();
    r.add('first-secret');
    const heard: string[] = [];
    r.onSecret((form) => heard.push(form));
    r.add('first-secret');
    r.add('a "quoted" one');
    expect(heard).toEqual(['first-secret', 'a "quoted" one', 'a%20%22quoted%22%20one', 'a+%22quoted%22+one', 'a \\"quoted\\" one', 'a \\\\\\"quoted\\\\\\" one']);
  });

  it('a secret added after a redaction is masked by the next one', () => {
    const r = new Redactor();
    r.add('alpha-secret');
    expect(r.redact('alpha-secret beta-secret')).toBe('*** beta-secret');
    r.add('beta-secret');
    expect(r.redact('alpha-secret beta-secret')).toBe('*** ***');
  });

  it('redacts every string of a JSON value, keys included, and keeps other values as they are', () => {
    const r = new Redactor();
    r.add('hunter22');
    const value = { user: 'admin', 'hunter22-key': ['x hunter22', 7, true, null, { deep: 'hunter22' }], n: 0 };
    expect(r.redactValue(value)).toEqual({ user: 'admin', '***-key': ['x ***', 7, true, null, { deep: '***' }], n: 0 });
    expect(value.user).toBe('admin');
    expect(r.redactValue('hunter22!')).toBe('***!');
    expect(r.redactValue(undefined)).toBeUndefined();
  });

  it('takes a secureObject whole as well as leaf by leaf: short leaves and numbers vanish in its JSON text', () => {
    const r = new Redactor();
    const secret = { pin: 1234, zone: 'eu', key: 'abcdefgh' };
    r.add(secret);
    expect(r.redact(`config ${JSON.stringify(secret)} loaded`)).toBe('config *** loaded');
    expect(r.redact('key abcdefgh')).toBe('key ***');
  });

  it('replaces a secret that contains another whole, not just the part', () => {
    const r = new Redactor();
    r.add('token-abc');
    r.add('token-abc-extended');
    expect(r.redact('[token-abc-extended] [token-abc]')).toBe('[***] [***]');
  });

  it('escapes regular-expression characters in secrets', () => {
    const r = new Redactor();
    r.add('a.b*c+d?(e)[f]{g}|h^$\\');
    expect(r.redact('axbxc a.b*c+d?(e)[f]{g}|h^$\\ end')).toBe('axbxc *** end');
  });
});

describe('addProbeHeaderSecrets', () => {
  it('adds the values of the {env.NAME} references in probe headers, and nothing for unset names or literal text', () => {
    const r = new Redactor();
    addProbeHeaderSecrets(r, ['Bearer {env.PROBE_TOKEN}', '{env.A_1}:{env.UNSET}', 'plain-literal-value'], { PROBE_TOKEN: 'tok-12345', A_1: 'second-value', plain: 'x' });
    expect(r.redact('tok-12345 second-value plain-literal-value')).toBe('*** *** plain-literal-value');
  });
});
