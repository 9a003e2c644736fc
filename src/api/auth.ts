import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SitrepConfig } from '../config/config-schema.js';
import type { ApiErrorBody } from './api-error.js';

/** Who may call a route, weakest first; each level includes the ones before it. */
export type Access = 'public' | 'metrics' | 'client' | 'admin';
export type Role = SitrepConfig['api']['tokens'][number]['role'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Default 'admin': a route that forgets to say is closed, not open. */
    access?: Access;
  }
  interface FastifyRequest {
    role: Role | null;
    /** Who is calling, for per-token limits: a digest of the token, never the token. Null on public routes. */
    tokenId: string | null;
  }
}

const RANK: Record<Access, number> = { public: 0, metrics: 1, client: 2, admin: 3 };

/** A role may use routes up to its own level: `client` can also scrape metrics; `admin` can do everything. */
const ROLE_RANK: Record<Role, number> = { metrics: RANK.metrics, client: RANK.client, admin: RANK.admin };

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * `Authorization: Bearer <token>` for programs; `Basic` with the token as password (any user
 * name) so a browser can open the status page and the dashboard through its login prompt.
 */
function presentedToken(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(/\s+/, 2);
  if (!value) return null;
  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}

function deny(reply: FastifyReply, status: 401 | 403, message: string): FastifyReply {
  return reply.status(status).send({ error: { code: 'SITREP_ERR_AUTH', message } } satisfies ApiErrorBody);
}

/** Installs the check on the root instance, so it covers every plugin's routes (bull-board's too). */
export function installAuth(app: FastifyInstance, tokens: SitrepConfig['api']['tokens']): void {
  // Lookup by digest: comparing equal-length hashes leaks nothing about the tokens themselves.
  const roles = new Map(tokens.map((t) => [digest(t.token), t.role] as const));
  app.decorateRequest('role', null);
  app.decorateRequest('tokenId', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access ?? 'admin';
    if (access === 'public') return;
    const token = presentedToken(request.headers.authorization);
    const tokenId = token === null ? null : digest(token);
    const role = tokenId === null ? undefined : roles.get(tokenId);
    // Answered here rather than thrown: plugins such as bull-board install their own error handler.
    if (!role) {
      reply.header('www-authenticate', ['Basic realm="sitrep", charset="UTF-8"', 'Bearer realm="sitrep"']);
      return deny(reply, 401, token === null ? 'a bearer token is required' : 'the token is not valid');
    }
    if (ROLE_RANK[role] < RANK[access]) return deny(reply, 403, `the ${role} role may not do this (needs ${access})`);
    request.role = role;
    request.tokenId = tokenId;
  });
}
