/** A declared language tag ("en-GB", "ru_RU") as an ISO 639-1 code (primary subtag, lower-case). */

export function normalizeLanguage(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const primary = raw.trim().split(/[-_\s,;]/)[0].toLowerCase();
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}
