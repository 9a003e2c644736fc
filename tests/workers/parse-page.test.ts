import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/workers/parse-page.js';

const PAGE = `<html><head><title>Мост закрыт</title></head><body><article><h1>Мост закрыт</h1>
<p>Губернатор области сообщил, что мост через реку закрыт после обстрела в понедельник утром.</p>
<p>По его словам, движение восстановят не раньше среды, а ремонтные бригады уже работают на месте.</p>
</article></body></html>`;

describe('parsePage', () => {
  it('parses undecoded bytes exactly as the text they decode to, by the Content-Type header', () => {
    const bytes = new Uint8Array(iconv.encode(PAGE, 'windows-1251'));
    const fromBytes = parsePage({ bytes, contentTypeHeader: 'text/html; charset=windows-1251' }, 'text/html', 'https://news.example/bridge');
    expect(fromBytes).toEqual(parsePage(PAGE, 'text/html', 'https://news.example/bridge'));
    expect(fromBytes.text).toContain('мост через реку закрыт');
  });

  it('reads plain text as text, from bytes too', () => {
    const text = 'Three people were injured in the shelling, the governor said on Monday.';
    expect(parsePage({ bytes: new TextEncoder().encode(text), contentTypeHeader: 'text/plain' }, 'text/plain', null)).toEqual(parsePage(text, 'text/plain', null));
  });
});
