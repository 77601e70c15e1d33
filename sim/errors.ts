/**
 * ARM's error envelope. Every non-2xx answer of the simulator is one of these, so a client that parses ARM errors
 * (the SDK's RestError, our deployer) sees exactly what Azure would send.
 */
export interface ArmErrorDetail {
  code: string;
  message: string;
  target?: string;
  details?: ArmErrorDetail[];
}

export class ArmError extends Error {
  readonly status: number;
  readonly code: string;
  readonly target?: string;
  readonly details?: ArmErrorDetail[];
  /** Extra headers (e.g. Retry-After on 429). */
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { target?: string; details?: ArmErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ArmError';
    this.status = status;
    this.code = code;
    this.target = extra.target;
    this.details = extra.details;
    this.headers = extra.headers ?? {};
  }

  detail(): ArmErrorDetail {
    return compactDetail({ code: this.code, message: this.message, target: this.target, details: this.details });
  }

  body(): { error: ArmErrorDetail } {
    return { error: this.detail() };
  }
}

export function compactDetail(d: ArmErrorDetail): ArmErrorDetail {
  const out: ArmErrorDetail = { code: d.code, message: d.message };
  if (d.target !== undefined) out.target = d.target;
  if (d.details && d.details.length > 0) out.details = d.details.map(compactDetail);
  return out;
}

/** Template-language problems: ARM reports them as 400 InvalidTemplate, at validate and at PUT. */
export class TemplateError extends ArmError {
  constructor(message: string) {
    super(400, 'InvalidTemplate', `Deployment template validation failed: '${message}'.`);
  }
}

export const notFound = (code: string, message: string): ArmError => new ArmError(404, code, message);
export const badRequest = (code: string, message: string, target?: string): ArmError =>
  new ArmError(400, code, message, { target });
export const conflict = (code: string, message: string): ArmError => new ArmError(409, code, message);

export function invalidContent(reason: string): ArmError {
  return badRequest('InvalidRequestContent', `The request content was invalid and could not be deserialized: '${reason}'.`);
}
