/**
 * Fills `{outputs.COMPONENT.NAME}` and `{outputs.COMPONENT[*].NAME}` in a stamp's parameter values with the outputs of
 * the stamps it takes them from (`outputsFrom`, in stage order). Pure: the engine supplies the outputs it has.
 * A placeholder that is the whole value takes the output's own type (a list, an object, a number); inside a longer
 * string it is written as text.
 */
export type OutputsById = Record<string, Record<string, { type?: string; value: unknown }>>;

const REF = /\{outputs\.([A-Za-z][\w-]*)(\[\*\])?\.([A-Za-z_][\w-]*)\}/g;

export class MissingOutput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingOutput';
  }
}

const componentOf = (id: string): string => id.split('@')[0];

function lookup(from: string[], inputs: OutputsById, component: string, all: boolean, output: string, placeholder: string): unknown {
  const ids = from.filter((id) => componentOf(id) === component);
  const values = ids.map((id) => {
    const outputs = inputs[id] ?? {};
    const key = Object.keys(outputs).find((k) => k.toLowerCase() === output.toLowerCase());
    if (key === undefined) throw new MissingOutput(`${placeholder}: stamp ${id} has no output "${output}" (its outputs: ${Object.keys(outputs).join(', ') || 'none'}); deploy it first`);
    return outputs[key].value;
  });
  if (ids.length === 0) throw new MissingOutput(`${placeholder}: no stamp of ${component} feeds this one`);
  return all ? values : values[0];
}

export function fillOutputs(value: unknown, from: string[], inputs: OutputsById): unknown {
  if (typeof value === 'string') {
    const whole = /^\{outputs\.([A-Za-z][\w-]*)(\[\*\])?\.([A-Za-z_][\w-]*)\}$/.exec(value);
    if (whole) return lookup(from, inputs, whole[1], whole[2] !== undefined, whole[3], value);
    return value.replace(REF, (m, component: string, all: string | undefined, output: string) => {
      const v = lookup(from, inputs, component, all !== undefined, output, m);
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => fillOutputs(v, from, inputs));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillOutputs(v, from, inputs)]));
  return value;
}
