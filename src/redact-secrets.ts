/**
 * Masks credentials in any text: the password (or a lone user name, which ioredis also sends as a
 * secret) in the userinfo of URLs with or without a scheme (`redis://:pw@h`, `rediss://u:pw@h`,
 * `u:pw@h:6379`, each node of a `a,b,c` list), and secret-looking query parameters (`?password=`,
 * `&sentinelPassword=`, `?token=`…), which ioredis turns into connection options.
 * Every pattern is linear: it runs over each log line.
 */
const MASK = '***';

// `:password@` (the user before it is kept): stops at characters a host list or a path uses; bounded, so linear.
const USERINFO_PASSWORD = /:[^\s/@,?#"'<>]{0,256}@/g;
// `//secret@` without a colon: ioredis reads it as a user name, which people use as a password.
const USERINFO_ALONE = /\/\/[^\s/@:,?#"'<>]+@/g;
// `?password=…`, `&sentinelPassword=…`, `;auth_token=…`: any parameter whose name says it is secret.
const SECRET_PARAM = /([?&;][A-Za-z0-9_.-]{0,64}(?:pass|secret|token|auth|key)[A-Za-z0-9_.-]{0,64}=)[^&\s#"'<>,]*/gi;

export function redactSecrets(text: string): string {
  if (!text.includes('@') && !text.includes('=')) return text;
  return text
    .replace(USERINFO_PASSWORD, `:${MASK}@`)
    .replace(USERINFO_ALONE, `//${MASK}@`)
    .replace(SECRET_PARAM, `$1${MASK}`);
}
