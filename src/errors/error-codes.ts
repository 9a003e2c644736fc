/**
 * The one registry of sitrep error codes. Callers branch on `code`, never on messages.
 * `retryable: false` means permanent: the job goes straight to the dead-letter queue.
 */
export const ERROR_CODES = {
  SITREP_ERR_INVALID_INPUT: { retryable: false, description: 'The job or command input is malformed (bad JSON, missing field, unreadable file).' },
  SITREP_ERR_INVALID_URL: { retryable: false, description: 'Not an absolute http(s) URL, or it cannot be parsed.' },
  SITREP_ERR_CONFIG: { retryable: false, description: 'The configuration failed validation.' },
  SITREP_ERR_LISTEN: { retryable: false, description: '`sitrep serve` cannot listen on its address: the port is in use, not permitted, or the host is not local.' },
  SITREP_ERR_BLOCKED_ADDRESS: { retryable: false, description: 'SSRF guard: the host resolves to a loopback, private, link-local, CGNAT, multicast or unspecified address that is not allow-listed.' },
  SITREP_ERR_HOST_NOT_FOUND: { retryable: false, description: 'DNS says the host does not exist (ENOTFOUND, ENODATA), or no resolver can be reached (EAI_AGAIN: offline); replay once the network is back.' },
  SITREP_ERR_DNS_TEMPORARY: { retryable: true, description: 'A resolver answered with a failure or timed out (SERVFAIL, ETIMEOUT).' },
  SITREP_ERR_CONNECT: { retryable: true, description: 'The connection was refused, reset or dropped.' },
  SITREP_ERR_TIMEOUT: { retryable: true, description: 'Connect, headers or body timeout.' },
  SITREP_ERR_HTTP_SERVER: { retryable: true, description: 'The server answered 5xx.' },
  SITREP_ERR_HTTP_RATE_LIMITED: { retryable: true, description: 'The server answered 429; Retry-After is honoured.' },
  SITREP_ERR_HTTP_REQUEST_TIMEOUT: { retryable: true, description: 'The server answered 408.' },
  SITREP_ERR_HTTP_CLIENT: { retryable: false, description: 'The server answered 4xx other than 408 and 429.' },
  SITREP_ERR_TOO_MANY_REDIRECTS: { retryable: false, description: 'More redirects than fetch.maxRedirects, or a redirect loop.' },
  SITREP_ERR_BAD_REDIRECT: { retryable: false, description: 'A redirect without a usable Location header, or to a non-http(s) URL.' },
  SITREP_ERR_BODY_TOO_LARGE: { retryable: false, description: 'The body is larger than fetch.maxBodyBytes.' },
  SITREP_ERR_UNSUPPORTED_CONTENT_TYPE: { retryable: false, description: 'The response is not HTML or text.' },
  SITREP_ERR_NO_ARTICLE: { retryable: false, description: 'The page holds no article; details.pageType says what it is (product, collection, listing, service, forum, documentation, wall for consent/login/paywall, empty for a JavaScript shell) and details.signal what decided.' },
  SITREP_ERR_SINK: { retryable: true, description: 'A sink (Redis Stream, file) failed to take a record.' },
  SITREP_ERR_WEBHOOK_REJECTED: { retryable: false, description: 'A webhook subscriber answered 4xx other than 408 and 429.' },
  SITREP_ERR_STALLED: { retryable: true, description: 'The worker holding the job died or lost its lock too many times.' },
  SITREP_ERR_REDIS_UNAVAILABLE: { retryable: true, description: 'Redis cannot be reached.' },
  SITREP_ERR_AUTH: { retryable: false, description: 'API: no valid bearer token (401), or the token\'s role may not do this (403).' },
  SITREP_ERR_NOT_FOUND: { retryable: false, description: 'The named job, record or dead letter does not exist.' },
  SITREP_ERR_ROBOTS_DISALLOWED: { retryable: false, description: 'robots.txt disallows the URL for our user-agent token (robots.userAgentToken); the origin was not asked for it.' },
  SITREP_ERR_ROBOTS_UNREACHABLE: { retryable: true, description: 'The origin\'s robots.txt answered 5xx or 429, or could not be fetched: its URLs are disallowed until it answers (retried after robots.errorTtlSeconds).' },
  SITREP_ERR_CROSS_SITE: { retryable: false, description: 'API: a state-changing request sent by another site (Origin or Sec-Fetch-Site says so), refused with 403: a web page cannot act with a logged-in browser\'s credentials.' },
  SITREP_ERR_API_RATE_LIMITED: { retryable: true, description: 'API: this token sent more requests to a submission route than api.submitRateLimit allows per minute, or holds api.maxStreamsPerToken open event streams (429, Retry-After says when).' },
  SITREP_ERR_CPU_DEADLINE: { retryable: false, description: 'Parsing, extraction or discovery of this input ran past cpu.deadlineMs; its worker thread was stopped (a retry would only block again).' },
  SITREP_ERR_CPU_MEMORY: { retryable: false, description: 'Parsing, extraction or discovery of this input needed more heap than cpu.threadHeapMb; its worker thread was stopped and replaced (a retry would only run out again).' },
  SITREP_ERR_INTERNAL: { retryable: true, description: 'An unexpected error (a bug); retried, then dead-lettered with its message.' },
} as const satisfies Record<string, { retryable: boolean; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

export function isRetryableCode(code: ErrorCode): boolean {
  return ERROR_CODES[code].retryable;
}
