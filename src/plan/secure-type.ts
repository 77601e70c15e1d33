/**
 * Whether an ARM type (of an output or a parameter) holds a secret: `secureString` and `secureObject`, in any case.
 * Here, in the pure layer, because the engine (masking, the redactor) and the probes (what a probe may print) both ask.
 */
export function isSecureType(type: string): boolean {
  const t = type.toLowerCase();
  return t === 'securestring' || t === 'secureobject';
}
