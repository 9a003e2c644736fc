import { telegramEmbedUrl } from './sites/telegram-url.js';

/**
 * What the fetch stage requests for `url`: a site's parseable view (a Telegram post → its embed
 * view), else `url` itself. Apart from router.ts, which loads every parser: fetching runs on the
 * worker's main thread, parsing in its CPU threads.
 */
export function fetchUrlFor(url: string): string {
  return telegramEmbedUrl(url) ?? url;
}
