import { TemplateError } from '../errors.js';

/** The template expression language as a small AST: calls, literals, `.property` and `[index]` access. */
export type Expr =
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'prop'; obj: Expr; name: string }
  | { k: 'index'; obj: Expr; index: Expr };

type Token = { t: 'id' | 'str' | 'num' | 'punct'; v: string };

/** A template string is an expression when it is `[...]`; `[[` escapes a literal leading bracket. */
export function classify(s: string): { literal: string } | { expression: string } {
  if (s.startsWith('[[')) return { literal: s.slice(1) };
  if (s.startsWith('[') && s.endsWith(']')) return { expression: s.slice(1, -1) };
  return { literal: s };
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw bad(src, 'the string literal is not terminated');
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += src[i++];
      }
      out.push({ t: 'str', v });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?[0-9]+/.exec(src.slice(i))!;
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else if ('(),.[]'.includes(c)) {
      out.push({ t: 'punct', v: c });
      i++;
    } else {
      throw bad(src, `the character '${c}' at position ${i} is not expected`);
    }
  }
  return out;
}

function bad(src: string, why: string): TemplateError {
  return new TemplateError(`The template language expression '${src}' is not valid: ${why}. Please see https://aka.ms/arm-functions for usage details`);
}

export function parseExpression(src: string): Expr {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const expect = (v: string): void => {
    const t = tokens[pos++];
    if (!t || t.t !== 'punct' || t.v !== v) throw bad(src, `expected '${v}'`);
  };

  const primary = (): Expr => {
    const t = tokens[pos++];
    if (!t) throw bad(src, 'the expression ended unexpectedly');
    let e: Expr;
    if (t.t === 'str') e = { k: 'str', v: t.v };
    else if (t.t === 'num') e = { k: 'num', v: Number(t.v) };
    else if (t.t === 'id') {
      // ARM has no bare identifiers: every name is a function call.
      expect('(');
      const args: Expr[] = [];
      if (!(peek()?.t === 'punct' && peek()?.v === ')')) {
        for (;;) {
          args.push(primary());
          const n = tokens[pos];
          if (n?.t === 'punct' && n.v === ',') {
            pos++;
            continue;
          }
          break;
        }
      }
      expect(')');
      e = { k: 'call', name: t.v, args };
    } else throw bad(src, `the token '${t.v}' is not expected`);
    for (;;) {
      const n = peek();
      if (n?.t === 'punct' && n.v === '.') {
        pos++;
        const id = tokens[pos++];
        if (!id || id.t !== 'id') throw bad(src, 'a property name must follow a dot');
        e = { k: 'prop', obj: e, name: id.v };
      } else if (n?.t === 'punct' && n.v === '[') {
        pos++;
        const index = primary();
        expect(']');
        e = { k: 'index', obj: e, index };
      } else break;
    }
    return e;
  };

  if (tokens.length === 0) throw bad(src, 'the expression is empty');
  const e = primary();
  if (pos !== tokens.length) throw bad(src, `unexpected '${tokens[pos].v}' after the end of the expression`);
  return e;
}

/** Every function name the expression calls, for implicit dependencies and up-front checks. */
export function callsIn(e: Expr, out: Expr[] = []): Expr[] {
  if (e.k === 'call') {
    out.push(e);
    e.args.forEach((a) => callsIn(a, out));
  } else if (e.k === 'prop') callsIn(e.obj, out);
  else if (e.k === 'index') {
    callsIn(e.obj, out);
    callsIn(e.index, out);
  }
  return out;
}
