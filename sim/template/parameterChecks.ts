import { TemplateError } from '../errors.js';
import { isSecureType } from '../format.js';
import { isObject, typeName } from './values.js';

/** A parameter value against its declaration: type, allowedValues, length and value bounds, with ARM's messages. */
export function checkParameter(name: string, type: string, decl: Record<string, unknown>, value: unknown): void {
  const ok =
    type === 'string' || type === 'securestring'
      ? typeof value === 'string'
      : type === 'int'
        ? Number.isInteger(value)
        : type === 'bool'
          ? typeof value === 'boolean'
          : type === 'array'
            ? Array.isArray(value)
            : isObject(value);
  if (!ok) {
    const expected: Record<string, string> = { string: 'String, Uri', securestring: 'String, Uri', int: 'Integer', bool: 'Boolean', array: 'Array', object: 'Object', secureobject: 'Object' };
    throw new TemplateError(`Template parameter JToken type is not valid. Expected '${expected[type]}'. Actual '${typeName(value)}'. Please see https://aka.ms/resource-manager-parameter-files for usage details`);
  }
  if (Array.isArray(decl.allowedValues)) {
    const allowed = decl.allowedValues;
    const inList = (v: unknown): boolean => allowed.some((a) => JSON.stringify(a) === JSON.stringify(v));
    const good = Array.isArray(value) && !Array.isArray(allowed[0]) ? value.every(inList) : inList(value);
    if (!good) {
      const shown = isSecureType(type) ? '' : ` The value '${typeof value === 'string' ? value : JSON.stringify(value)}' is not part of the allowed value(s): '${allowed.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(',')}'.`;
      throw new TemplateError(`The provided value for the template parameter '${name}' is not valid.${shown}`);
    }
  }
  const len = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
  if (len !== undefined && typeof decl.minLength === 'number' && len < decl.minLength) {
    throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. Length of the value should be greater than or equal to '${decl.minLength}'`);
  }
  if (len !== undefined && typeof decl.maxLength === 'number' && len > decl.maxLength) {
    throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. Length of the value should be less than or equal to '${decl.maxLength}'`);
  }
  if (typeof value === 'number' && typeof decl.minValue === 'number' && value < decl.minValue) {
    throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. The value should be greater than or equal to '${decl.minValue}'`);
  }
  if (typeof value === 'number' && typeof decl.maxValue === 'number' && value > decl.maxValue) {
    throw new TemplateError(`The provided value for the template parameter '${name}' is not valid. The value should be less than or equal to '${decl.maxValue}'`);
  }
}
