import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/pipeline/fetch/decode-body.js';

// Invented sample texts; fixtures are encoded here so no binary files are needed.
const RUSSIAN = 'Губернатор области сообщил, что в результате обстрела пострадали три человека. Жители получили помощь врачей, а работы продолжаются.';
const FRENCH = 'Le café est fermé à cause de la grève ; les élèves ont été prévenus à l’avance. Coût : 5 €.';
const JAPANESE = '東京で新しい図書館が開館しました。市民は本を借りることができます。';
const CHINESE = '北京市今天发布了新的交通规定，市民可以在网上查询详细信息。';

function page(text: string, head = ''): string {
  return `<!doctype html><html><head>${head}<title>t</title></head><body><p>${text}</p></body></html>`;
}

const metaCharset = (charset: string): string => `<meta charset="${charset}">`;
const httpEquiv = (charset: string): string => `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`;
const bytes = (text: string, charset: string): Uint8Array => new Uint8Array(iconv.encode(text, charset));

describe('decodeBody: declared charsets', () => {
  it.each([
    ['windows-1251', RUSSIAN],
    ['koi8-r', RUSSIAN],
    ['windows-1252', FRENCH],
    ['shift_jis', JAPANESE],
    ['gbk', CHINESE],
    ['utf-8', RUSSIAN],
  ])('%s from the Content-Type header', (charset, text) => {
    const result = decodeBody(bytes(page(text), charset), `text/html; charset=${charset}`);
    expect(result.charset).toBe(charset);
    expect(result.text).toContain(text);
  });

  it.each([
    ['windows-1251', RUSSIAN, metaCharset],
    ['koi8-r', RUSSIAN, httpEquiv],
    ['windows-1252', FRENCH, metaCharset],
    ['shift_jis', JAPANESE, httpEquiv],
    ['gbk', CHINESE, metaCharset],
  ])('%s from <meta> when the header names none', (charset, text, meta) => {
    const result = decodeBody(bytes(page(text, meta(charset)), charset), 'text/html');
    expect(result).toEqual({ charset, text: page(text, meta(charset)) });
  });

  it('resolves labels the WHATWG way (iso-8859-1 → windows-1252, gb2312 → gbk, quoted, any case)', () => {
    expect(decodeBody(bytes(page(FRENCH), 'windows-1252'), 'text/html; charset="ISO-8859-1"').charset).toBe('windows-1252');
    expect(decodeBody(bytes(page(CHINESE), 'gbk'), 'text/html;charset=GB2312').charset).toBe('gbk');
    expect(decodeBody(bytes(page(JAPANESE), 'shift_jis'), 'text/html; charset=x-sjis').charset).toBe('shift_jis');
  });

  it('reads the XML declaration of an XHTML page', () => {
    const xhtml = `<?xml version="1.0" encoding="windows-1251"?><html xmlns="http://www.w3.org/1999/xhtml"><body>${RUSSIAN}</body></html>`;
    expect(decodeBody(bytes(xhtml, 'windows-1251'), 'application/xhtml+xml')).toMatchObject({ charset: 'windows-1251' });
  });

  it('ignores an unknown label', () => {
    expect(decodeBody(bytes(page(RUSSIAN), 'utf-8'), 'text/html; charset=x-bogus')).toMatchObject({ charset: 'utf-8' });
  });

  it('takes the header when it fits, even if the meta disagrees', () => {
    const html = page(RUSSIAN, metaCharset('koi8-r'));
    expect(decodeBody(bytes(html, 'windows-1251'), 'text/html; charset=windows-1251')).toEqual({ charset: 'windows-1251', text: html });
  });

  it('ASCII-only bodies keep the declared charset, else utf-8', () => {
    expect(decodeBody(bytes('<p>plain</p>', 'utf-8'), 'text/html; charset=windows-1251')).toEqual({ charset: 'windows-1251', text: '<p>plain</p>' });
    expect(decodeBody(bytes('<p>plain</p>', 'utf-8'), undefined)).toEqual({ charset: 'utf-8', text: '<p>plain</p>' });
  });
});

describe('decodeBody: byte-order marks win', () => {
  it.each([
    ['utf-8', [0xef, 0xbb, 0xbf]],
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ])('%s BOM, stripped, over a header that says otherwise', (charset, bom) => {
    const body = new Uint8Array([...bom, ...iconv.encode(page(RUSSIAN), charset)]);
    expect(decodeBody(body, 'text/html; charset=windows-1251')).toEqual({ charset, text: page(RUSSIAN) });
  });
});

describe('decodeBody: a header that lies', () => {
  it.each([
    ['utf-8', 'windows-1251', RUSSIAN],
    ['windows-1251', 'koi8-r', RUSSIAN],
    ['koi8-r', 'windows-1251', RUSSIAN],
    ['iso-8859-1', 'windows-1251', RUSSIAN],
    ['iso-8859-1', 'shift_jis', JAPANESE],
    ['utf-8', 'gbk', CHINESE],
    ['utf-8', 'shift_jis', JAPANESE],
  ])('header says %s, page is %s with a <meta>: the meta wins', (headerCharset, real, text) => {
    const html = page(text, metaCharset(real));
    expect(decodeBody(bytes(html, real), `text/html; charset=${headerCharset}`)).toEqual({ charset: real, text: html });
  });

  it.each([
    ['windows-1251', RUSSIAN],
    ['iso-8859-1', FRENCH],
    ['shift_jis', JAPANESE],
  ])('header says %s, page is UTF-8: UTF-8 wins', (headerCharset, text) => {
    expect(decodeBody(bytes(page(text), 'utf-8'), `text/html; charset=${headerCharset}`)).toEqual({ charset: 'utf-8', text: page(text) });
  });

  it.each([
    ['utf-8', 'windows-1251', RUSSIAN],
    ['utf-8', 'koi8-r', RUSSIAN],
    ['windows-1251', 'koi8-r', RUSSIAN],
    ['koi8-r', 'windows-1251', RUSSIAN],
    ['iso-8859-1', 'koi8-r', RUSSIAN],
    ['windows-1251', 'windows-1252', FRENCH],
    ['koi8-r', 'windows-1252', FRENCH],
    ['utf-8', 'windows-1252', FRENCH],
    ['gbk', 'shift_jis', JAPANESE],
    ['shift_jis', 'gbk', CHINESE],
    ['windows-1252', 'shift_jis', JAPANESE],
    ['utf-8', 'gbk', CHINESE],
  ])('header says %s, page is %s without a <meta>: sniffing finds it', (headerCharset, real, text) => {
    expect(decodeBody(bytes(page(text), real), `text/html; charset=${headerCharset}`)).toEqual({ charset: real, text: page(text) });
  });

  it('an all-capitals Cyrillic text is not mistaken for swapped cases', () => {
    const caps = page('ВНИМАНИЕ: ОБСТРЕЛ ГОРОДА, ВСЕМ УКРЫТЬСЯ');
    expect(decodeBody(bytes(caps, 'windows-1251'), 'text/html; charset=windows-1251')).toEqual({ charset: 'windows-1251', text: caps });
    expect(decodeBody(bytes(caps, 'koi8-r'), 'text/html; charset=koi8-r')).toEqual({ charset: 'koi8-r', text: caps });
  });
});

describe('decodeBody: sniffing without any declaration', () => {
  it.each([
    ['utf-8', RUSSIAN],
    ['windows-1251', RUSSIAN],
    ['koi8-r', RUSSIAN],
    ['windows-1252', FRENCH],
    ['shift_jis', JAPANESE],
    ['gbk', CHINESE],
  ])('%s', (charset, text) => {
    expect(decodeBody(bytes(page(text), charset), undefined)).toEqual({ charset, text: page(text) });
  });

  it('UTF-8 with one stray byte stays UTF-8', () => {
    const good = iconv.encode(page(RUSSIAN), 'utf-8');
    const body = new Uint8Array([...good.subarray(0, 60), 0xff, ...good.subarray(60)]);
    const result = decodeBody(body, 'text/html; charset=utf-8');
    expect(result.charset).toBe('utf-8');
    expect(result.text).toContain('пострадали три человека');
  });
});
