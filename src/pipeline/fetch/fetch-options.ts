/**
 * How one page is fetched. Same names and meaning as the `fetch` section of the config
 * (src/config/config-schema.ts); the defaults below are those of config/default.json.
 */
export interface FetchPageOptions {
  /** TCP/TLS connect timeout, per connection. Default 10000. */
  connectTimeoutMs: number;
  /** Time allowed for the response headers once the request is sent. Default 15000. */
  headersTimeoutMs: number;
  /** Longest silence while reading the body (not a total deadline). Default 30000. */
  bodyTimeoutMs: number;
  /** Deadline for the whole fetch, redirects and body included: a trickling server cannot hold a slot for long. Default 60000. */
  totalTimeoutMs: number;
  /** Larger bodies are refused, by Content-Length or as soon as the (decompressed) stream passes it. Default 5242880 (5 MiB). */
  maxBodyBytes: number;
  /** Redirects followed per fetch; each hop passes the SSRF guard again. Default 5. */
  maxRedirects: number;
  /** User-Agent header sent with every request. Default "sitrep/0.1 (news ingestion; +https://github.com/sitrep/sitrep)". */
  userAgent: string;
  /** SSRF guard allow-list: IPs or CIDRs ("127.0.0.1", "10.0.0.0/8", "::1") that may be fetched although private or loopback. Default []. */
  allow: readonly string[];
}
