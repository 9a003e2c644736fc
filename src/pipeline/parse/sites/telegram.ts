import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { SitrepError } from '../../../errors/sitrep-error.js';
import type { ParsedArticle, Reference } from '../../../record/record.js';
import { canonicalizeUrl } from '../../discover/canonicalize-url.js';
import { normalizeDate } from '../metadata/dates.js';
import { detectLanguage } from '../../text/detect-language.js';
import { parseHtml } from '../parse-html.js';
import { telegramPostUrl } from './telegram-url.js';

/**
 * Telegram public posts. The fetch stage requests the embed view (`?embed=1&mode=tme`, see
 * telegram-url.ts), a small static page: the post text in `.tgme_widget_message_text`, the date in
 * `time[datetime]`, the channel in `.tgme_widget_message_owner_name`, views in
 * `.tgme_widget_message_views`.
 */

/** Views as Telegram prints them: "12.3K", "1.2M", "950". */
export function parseViews(raw: string): number | null {
  const match = /^([\d.,]+)\s*([KM])?$/i.exec(raw.trim());
  if (match === null) return null;
  const value = Number(match[1].replace(',', '.'));
  if (Number.isNaN(value)) return null;
  const scale = match[2] === undefined ? 1 : match[2].toUpperCase() === 'K' ? 1_000 : 1_000_000;
  return Math.round(value * scale);
}

export interface TelegramPost extends ParsedArticle {
  /** The channel's display name; also the record's siteName. */
  channel: string | null;
  views: number | null;
}

/** Text with <br> as line breaks and blank-line-separated paragraphs kept. */
function postText(el: Element): { text: string; links: Reference[] } {
  let text = '';
  const links: Reference[] = [];
  const walk = (node: Element['children'][number]): void => {
    if (node.type === 'text') {
      text += node.data;
      return;
    }
    if (node.type !== 'tag') return;
    if (node.name === 'br') {
      text += '\n';
      return;
    }
    const start = text.length;
    for (const child of node.children) walk(child);
    if (node.name === 'a' && node.attribs.href) {
      try {
        const url = canonicalizeUrl(node.attribs.href);
        const anchor = text.slice(start).replace(/\s+/g, ' ').trim();
        links.push(anchor === '' || anchor === node.attribs.href ? { url } : { url, text: anchor });
      } catch {
        // hashtags (?q=…) resolve fine; tg:// and mailto: links are not references
      }
    }
  };
  for (const child of el.children) walk(child);
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim()).filter((line) => line !== '').join('\n'))
    .filter((p) => p !== '');
  return { text: paragraphs.join('\n\n'), links };
}

export function parseTelegramPost(html: string, url: string | null): TelegramPost {
  const $ = load(parseHtml(html));
  const message = $('.tgme_widget_message').first();
  const textEl = message.find('.tgme_widget_message_text').last()[0] ?? $('.tgme_widget_message_text').last()[0];
  const post = url === null ? null : telegramPostUrl(url);
  if (textEl === undefined) {
    const error = $('.tgme_widget_message_error').text().trim();
    throw new SitrepError('SITREP_ERR_NO_ARTICLE', error ? `Telegram: ${error}` : 'Telegram: the post has no text (media only, deleted or private)', {
      details: { url },
    });
  }
  const { text, links } = postText(textEl);
  const channel = $('.tgme_widget_message_owner_name').first().text().trim() || null;
  const datetime = $('.tgme_widget_message_date time[datetime]').attr('datetime') ?? $('time[datetime]').first().attr('datetime');
  const views = $('.tgme_widget_message_views').first().text();
  const own = new Set([post, url]);
  const seen = new Set<string>();
  const references = links.filter((link) => !own.has(link.url) && !seen.has(link.url) && seen.add(link.url));
  const image = /url\('([^']+)'\)/.exec($('.tgme_widget_message_photo_wrap').attr('style') ?? '')?.[1] ?? null;
  return {
    url: post ?? url,
    canonicalUrl: post,
    // A post has no headline; its first line is text, not a title.
    title: null,
    authors: channel === null ? [] : [channel],
    publishedAt: datetime === undefined ? null : normalizeDate(datetime),
    modifiedAt: null,
    language: detectLanguage(text),
    siteName: channel,
    description: null,
    image,
    tags: [...new Set(text.match(/#[\p{L}\p{N}_]+/gu) ?? [])],
    text,
    references,
    channel,
    views: views === '' ? null : parseViews(views),
  };
}
