/**
 * Telegram post URLs, apart from the parser (telegram.ts): the fetch stage needs them on the
 * worker's main thread, where the HTML libraries the parser loads are not wanted.
 */

const POST_PATH_RE = /^\/(?:s\/)?([A-Za-z0-9_]{3,64})\/(\d+)\/?$/;

function isTelegramHost(host: string): boolean {
  return host === 't.me' || host === 'telegram.me' || host === 'www.t.me' || host === 'telegram.dog';
}

/** `https://t.me/<channel>/<id>` for any spelling of a post URL, or null when it is not a post. */
export function telegramPostUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!isTelegramHost(parsed.hostname)) return null;
  const match = POST_PATH_RE.exec(parsed.pathname);
  return match === null ? null : `https://t.me/${match[1]}/${match[2]}`;
}

/** The embed view of a post (`?embed=1&mode=tme`): a small static page with the text, date, channel and views; null when `url` is not a post. */
export function telegramEmbedUrl(url: string): string | null {
  const post = telegramPostUrl(url);
  return post === null ? null : `${post}?embed=1&mode=tme`;
}
