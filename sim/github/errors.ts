/**
 * GitHub's REST error envelope: `{message, documentation_url, status}` (plus `errors` on 422). Clients (Octokit's
 * RequestError, our adapter) read exactly these fields, so the local endpoint sends nothing else.
 */
export const DOCS = 'https://docs.github.com/rest';

export interface GitHubErrorBody {
  message: string;
  documentation_url: string;
  status: string;
  errors?: unknown[];
}

export class GitHubApiError extends Error {
  readonly status: number;
  readonly documentationUrl: string;
  readonly errors?: unknown[];
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, extra: { documentationUrl?: string; errors?: unknown[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'GitHubApiError';
    this.status = status;
    this.documentationUrl = extra.documentationUrl ?? DOCS;
    this.errors = extra.errors;
    this.headers = extra.headers ?? {};
  }

  body(): GitHubErrorBody {
    const body: GitHubErrorBody = { message: this.message, documentation_url: this.documentationUrl, status: String(this.status) };
    if (this.errors) body.errors = this.errors;
    return body;
  }
}

export const notFound = (docs?: string): GitHubApiError => new GitHubApiError(404, 'Not Found', { documentationUrl: docs });

/** GitHub's 422 for a body that breaks the endpoint's schema: "Invalid request.\n\n<reason>". */
export const invalidRequest = (reason: string, docs?: string): GitHubApiError =>
  new GitHubApiError(422, `Invalid request.\n\n${reason}`, { documentationUrl: docs });

/** GitHub's 422 for a well-formed body that fails a model rule ("Validation Failed" with `errors`). */
export const validationFailed = (errors: unknown[], docs?: string): GitHubApiError =>
  new GitHubApiError(422, 'Validation Failed', { documentationUrl: docs, errors });
