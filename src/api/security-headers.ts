import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** JSON answers load nothing and may not be framed: the strictest policy there is. */
const API_POLICY = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

// Our own pages only (the status page, bull-board's template): trusted markup, small, so a scan is fine.
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const INLINE_STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/gi;
/** Stylesheets from elsewhere (bull-board asks Google for its fonts): offline they fail, and they leak the visit. */
const REMOTE_STYLESHEET = /<link\b[^>]*\bhref="(?:https?:)?\/\/[^"]*"[^>]*>/gi;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function executable(attributes: string): boolean {
  if (/\ssrc\s*=/i.test(attributes)) return false;
  const type = /\stype\s*=\s*"([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase();
  return type === undefined || type === '' || type === 'module' || type.includes('javascript');
}

/**
 * A strict CSP for one HTML page: nothing from other origins, no inline code except the exact
 * scripts and styles this page carries (allowed by their sha256, computed from the page itself, so
 * a page edit never needs a policy edit and an injected script never runs).
 */
export function htmlPolicy(html: string, renderedStyles: readonly string[] = []): string {
  const scripts = [...html.matchAll(INLINE_SCRIPT)].filter((m) => executable(m[1])).map((m) => hash(m[2]));
  const styles = [...new Set([...[...html.matchAll(INLINE_STYLE)].map((m) => m[1]), ...renderedStyles])].map(hash);
  const attributes = [...new Set([...html.matchAll(STYLE_ATTRIBUTE)].map((m) => hash(m[1])))];
  const styleSources = ["'self'", ...styles, ...(attributes.length ? ["'unsafe-hashes'", ...attributes] : [])];
  return [
    "default-src 'none'",
    `script-src ${["'self'", ...scripts].join(' ')}`,
    `style-src ${styleSources.join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * helmet's headers on every answer (nosniff, frame denial, referrer policy, CORP/COOP…) with the
 * strict API policy; HTML pages get their own policy from htmlPolicy, and lose remote stylesheets.
 */
export interface SecurityHeadersOptions {
  /** Styles a page's scripts render as `<style>` elements, by path prefix (bull-board's). Default none. */
  renderedStyles?: Record<string, readonly string[]>;
}

export async function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeadersOptions = {}): Promise<void> {
  await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: API_POLICY } });
  const rendered = Object.entries(options.renderedStyles ?? {});
  let last: { html: string; policy: string } | null = null;
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const html = payload.replace(REMOTE_STYLESHEET, '');
    if (last?.html !== html) {
      const styles = rendered.filter(([prefix]) => request.url.startsWith(prefix)).flatMap(([, texts]) => texts);
      last = { html, policy: htmlPolicy(html, styles) };
    }
    reply.header('content-security-policy', last.policy);
    return html;
  });
}
