import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from './api-error.js';

/** Methods a browser may send cross-site without asking (they must not change state, and ours do not). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The browser's own word: `same-origin` is us; `none` is the user's own action (address bar, bookmark). */
const TRUSTED_SITES = new Set(['same-origin', 'none']);

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host || !URL.canParse(origin)) return false;
  return new URL(origin).host === host.toLowerCase();
}

function refuse(reply: FastifyReply, why: string): FastifyReply {
  return reply.status(403).send({ error: { code: 'SITREP_ERR_CROSS_SITE', message: `cross-site request refused: ${why}` } } satisfies ApiErrorBody);
}

/**
 * A browser that logged in (Basic auth) sends its credentials with any request, a forged form post
 * from another site included. Every state-changing request is refused when the browser says it
 * comes from elsewhere: `Sec-Fetch-Site` (Fetch Metadata, all current browsers), else `Origin`.
 * Programs (curl, SDKs) send neither and pass; a browser cannot leave both out of a cross-site POST.
 * Installed on the root instance, before auth, so it covers bull-board's actions too.
 */
export function installCrossSiteGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string') {
      if (!TRUSTED_SITES.has(site)) return refuse(reply, `Sec-Fetch-Site is ${site}`);
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, request.headers.host)) return refuse(reply, `Origin ${origin} is not this server`);
  });
}
