import { describe, expect, it } from '@jest/globals';
import { jsonErrorOffset, stripJsonComments } from '../../src/spec/jsonc.js';

describe('stripJsonComments', () => {
  it('blanks line comments to the line end, keeping the line end (\\n or \\r\\n)', () => {
    expect(stripJsonComments('{ // one\n"a": 1 // two\r\n}')).toBe('{       \n"a": 1       \r\n}');
    expect(stripJsonComments('[1] // to the end')).toBe(`[1]${' '.repeat(14)}`);
    // A lone \r ends a line comment too (old Mac line ends).
    expect(stripJsonComments('[1, // x\r2]')).toBe('[1,     \r2]');
  });

  it('blanks block comments, keeping their line ends; an unclosed one runs to the end', () => {
    expect(stripJsonComments('{/* a\r\n b */"a":/**/1}')).toBe('{    \r\n     "a":    1}');
    expect(stripJsonComments('[1] /* open\nstill')).toBe('[1]        \n     ');
    // `/*/` does not close itself.
    expect(stripJsonComments('[/*/ 1 */2]')).toBe(`[${' '.repeat(8)}2]`);
    // Only the pair starts a comment: a lone slash or star is left for JSON.parse to report where it stands.
    expect(stripJsonComments('[1,*2]')).toBe('[1,*2]');
    expect(stripJsonComments('[1 /2]')).toBe('[1 /2]');
  });

  it('leaves strings alone: comment marks, escaped quotes and backslashes inside them are text', () => {
    const text = '{"url": "https://a/*b*/", "q": "say \\"//hi\\"", "path": "C:\\\\", "n": 1}';
    expect(stripJsonComments(text)).toBe(text);
    expect(JSON.parse(stripJsonComments(text))).toEqual({ url: 'https://a/*b*/', q: 'say "//hi"', path: 'C:\\', n: 1 });
  });

  it('blanks a trailing comma before } or ], across spaces, line ends and comments', () => {
    expect(stripJsonComments('{"a": [1, 2,], "b": 3,}')).toBe('{"a": [1, 2 ], "b": 3 }');
    expect(stripJsonComments('[1,\n  // last\n]')).toBe('[1 \n         \n]');
    expect(stripJsonComments('[1, /* c */ ]')).toBe(`[1${' '.repeat(10)}]`);
    expect(JSON.parse(stripJsonComments('{"a": {"b": [1,],},}'))).toEqual({ a: { b: [1] } });
  });

  it('keeps commas that are not trailing, and a comma inside a string before }', () => {
    expect(stripJsonComments('{"a": ",", "b": [","]}')).toBe('{"a": ",", "b": [","]}');
    // The first character counts as well: a comma there before ] is trailing too.
    expect(stripJsonComments(',]')).toBe(' ]');
    expect(stripJsonComments('[,]')).toBe('[ ]');
    // A comma after a closing bracket is not trailing: nothing is blanked before anything significant was seen.
    expect(stripJsonComments('],')).toBe('],');
    expect(stripJsonComments(' ],')).toBe(' ],');
    // A string before the bracket: what counts as last is the string's closing quote, not the end of the text.
    expect(stripJsonComments('["a"],')).toBe('["a"],');
  });

  it('keeps every offset: the text keeps its length, and an unclosed string runs to the end', () => {
    for (const text of ['{"a": "open', '{"a": "ends in a backslash\\', '// only\n', '/* only', '"a\\"b" // c']) {
      expect([text, stripJsonComments(text).length]).toEqual([text, text.length]);
    }
    expect(stripJsonComments('{"a": "x // y')).toBe('{"a": "x // y');
    // An unclosed string that ends the text still counts as significant: a `]` cannot follow it anyway.
    expect(stripJsonComments('["a,]')).toBe('["a,]');
  });
});

describe('jsonErrorOffset', () => {
  it('undefined for JSON that parses, with every kind of value and spacing', () => {
    for (const text of ['{}', '[]', ' { } ', '\n[ ]\t', '{"a": [1, -2.5e+3, 0, 1E9, true, false, null, "x\\"y\\\\", {}], "b": {"c": []}}', '"only"', '"a b"', '-0.5', '0']) {
      expect([text, jsonErrorOffset(text)]).toEqual([text, undefined]);
    }
  });

  it('the offset of the first character JSON does not allow', () => {
    const cases: Array<[string, number]> = [
      ['{"a" 1}', 5], // no colon
      ['{"a":1,}', 7], // a trailing comma: the key expected at }
      ['{"a":1 "b":2}', 7], // a missing comma
      ['{a:1}', 1], // an unquoted key
      ['[1 2]', 3],
      ['[1,]', 3],
      ['[', 1],
      ['{', 1],
      ['{"a":', 5],
      ['tru', 0],
      ['nul', 0],
      ['fals', 0],
      ['True', 0],
      ['-', 0],
      ['.5', 0],
      ['01', 1], // a leading zero: `0` is a number, then `1` is extra
      ['1.', 1],
      ['{"a":1} x', 8],
      ['"ab', 3], // an unclosed string: the end of the text
      ['"a\u0001b"', 2], // a control character inside a string
      ['"a\nb"', 2],
      ["{'a': 1}", 1],
      ['[1]]', 3],
    ];
    for (const [text, offset] of cases) expect([text, jsonErrorOffset(text)]).toEqual([text, offset]);
  });

  it('never past the end, when a string ends in a lone backslash', () => {
    expect(jsonErrorOffset('"\\')).toBe(2);
    expect(jsonErrorOffset('["a\\')).toBe(4);
  });

  it('an escaped quote does not close a string', () => {
    expect(jsonErrorOffset('"a\\"')).toBe(4);
    expect(jsonErrorOffset('"a\\"" x')).toBe(6);
  });

  it('a long number is read whole', () => {
    expect(jsonErrorOffset(`[${'9'.repeat(60)}]`)).toBeUndefined();
    expect(jsonErrorOffset(`[${'9'.repeat(60)}x]`)).toBe(61);
  });
});
