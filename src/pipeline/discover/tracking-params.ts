/**
 * Query parameters that only identify a campaign, a click or a sharer, never the resource:
 * canonicalization drops them so that the same article shared from two places is fetched once.
 * Matching is case-insensitive on the decoded parameter name.
 *
 * Known trade-off: `ref` is dropped because news sites use it for referral tagging
 * (`?ref=twitter`), although a few APIs use it as a real parameter (GitHub's `?ref=<branch>`).
 */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  // Google Ads / Analytics / Campaign Manager, Google Search's result-listing id
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', '_ga', '_gl', 'srsltid',
  // Meta, Instagram
  'fbclid', 'igshid', 'igsh',
  // Microsoft, Yandex, Twitter/X, TikTok, LinkedIn
  'msclkid', 'yclid', 'ysclid', 'twclid', 'ttclid', 'li_fat_id',
  // Mailchimp, HubSpot, Marketo, Vero, Omeda
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'vero_id', 'vero_conv', 'oly_anon_id', 'oly_enc_id',
  // Referral and campaign tags used by news sites
  'ref', 'ref_src', 'ref_url', 'cmpid', 'src_cmp', '_openstat', 'at_medium', 'at_campaign',
]);

/** Prefixes of whole families of campaign parameters (`utm_source`, `utm_medium`, …). */
export const TRACKING_PARAM_PREFIXES: readonly string[] = ['utm_'];

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PARAM_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
