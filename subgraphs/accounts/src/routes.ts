import type { IncomingMessage } from 'node:http';
import { JWKS_PATH, SIGNATURE_HEADER, STANDING_PATH, type AccessTokenSigner, type InternalVerifier, type StandingAnswer } from '@bodega/auth';
import type { PrismaClient } from '@bodega/db';
import type { Logger } from '@bodega/logger';
import { sendJson, type Route } from '@bodega/server-kit';
import { z } from 'zod';
import { accountsStanding } from './services/standing';

const MAX_BODY_BYTES = 64 * 1024;
const standingRequest = z.object({ userIds: z.array(z.string().max(64)).max(1000) });

/**
 * accounts' plain-HTTP routes besides GraphQL: its public keys for anyone (verifiers fetch and
 * cache them), and users' standing for Bodega services only (signed requests).
 */
export function accountsRoutes(deps: { prisma: PrismaClient; signer: AccessTokenSigner; internal: InternalVerifier; log: Logger }): Record<string, Route> {
  const standing = accountsStanding(deps.prisma);
  return {
    [JWKS_PATH]: (_req, res) => {
      res.setHeader('cache-control', 'public, max-age=300');
      sendJson(res, 200, deps.signer.jwks);
    },
    [STANDING_PATH]: async (req, res) => {
      if (req.method !== 'POST') return sendJson(res, 405, { error: `POST ${STANDING_PATH} with {"userIds": [...]}.` });
      const body = await readBody(req);
      if (body === undefined) return sendJson(res, 413, { error: `At most ${MAX_BODY_BYTES} bytes.` });
      const caller = deps.internal.verify(headerOf(req, SIGNATURE_HEADER), { kind: 'http', method: 'POST', target: req.url ?? '/', body });
      if (!caller) return sendJson(res, 403, { error: 'Only Bodega services may ask for users\' standing (sign the request).' });
      const parsed = standingRequest.safeParse(parseJson(body));
      if (!parsed.success) return sendJson(res, 400, { error: 'Send {"userIds": ["<id>", …]} (at most 1000).' });
      const found = await standing.lookup(parsed.data.userIds);
      const answer: StandingAnswer = { users: [...found].map(([id, user]) => ({ id, ...user })) };
      sendJson(res, 200, answer);
    },
  };
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The body, or undefined past MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
