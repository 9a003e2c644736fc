import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../../src/pipeline/parse/parse-article.js';
import { parseTelegramPost, parseViews } from '../../../../src/pipeline/parse/sites/telegram.js';

// Invented post, shaped like the t.me embed view (?embed=1&mode=tme).
const EMBED = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Telegram Widget</title></head>
<body class="body_widget_post emoji_image nodark">
<div class="tgme_widget_message_wrap js-widget_message_wrap">
 <div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="test_channel/123">
  <div class="tgme_widget_message_user"><a href="https://t.me/test_channel"><i class="tgme_widget_message_user_photo"></i></a></div>
  <div class="tgme_widget_message_bubble">
   <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/test_channel"><span dir="auto">Тестовый канал</span></a></div>
   <a class="tgme_widget_message_photo_wrap" href="https://t.me/test_channel/123" style="width:800px;background-image:url('https://cdn.example.org/photo.jpg')"></a>
   <div class="tgme_widget_message_text js-message_text" dir="auto">Утром над регионом сбиты <b>12 ракет</b>.<br/>Пострадавших нет.<br/><br/>Подробности: <a href="https://example.org/news/1?utm_source=tg" target="_blank">сайт министерства</a> <a href="?q=%23Белгород">#Белгород</a></div>
   <div class="tgme_widget_message_footer compact js-message_footer">
    <div class="tgme_widget_message_info short js-message_info">
     <span class="tgme_widget_message_views">12.3K</span><span class="copyonly"> views</span>
     <span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/test_channel/123"><time datetime="2024-01-03T07:15:42+00:00" class="time">07:15</time></a></span>
    </div>
   </div>
  </div>
 </div>
</div></body></html>`;

describe('parseTelegramPost', () => {
  it('reads text, date, channel, views and links of the embed view', () => {
    const post = parseTelegramPost(EMBED, 'https://t.me/test_channel/123');
    expect(post.text).toBe('Утром над регионом сбиты 12 ракет.\nПострадавших нет.\n\nПодробности: сайт министерства #Белгород');
    expect(post.publishedAt).toBe('2024-01-03T07:15:42+00:00');
    expect(post.channel).toBe('Тестовый канал');
    expect(post.siteName).toBe('Тестовый канал');
    expect(post.views).toBe(12_300);
    expect(post.language).toBe('ru');
    expect(post.image).toBe('https://cdn.example.org/photo.jpg');
    expect(post.tags).toEqual(['#Белгород']);
    expect(post.references).toEqual([{ url: 'https://example.org/news/1', text: 'сайт министерства' }]);
  });

  it('is what parseArticle returns for a t.me URL, without the extra fields', () => {
    const article = parseArticle({ html: EMBED, url: 'https://t.me/test_channel/123' });
    expect(article.url).toBe('https://t.me/test_channel/123');
    expect(article.canonicalUrl).toBe('https://t.me/test_channel/123');
    expect(article.text).toContain('Пострадавших нет.');
    expect(article).not.toHaveProperty('views');
  });

  it('throws NO_ARTICLE for a post without text', () => {
    const html = '<div class="tgme_widget_message"><div class="tgme_widget_message_error">Post not found</div></div>';
    expect(() => parseArticle({ html, url: 'https://t.me/test_channel/9' })).toThrow(expect.objectContaining({ code: 'SITREP_ERR_NO_ARTICLE' }));
  });
});

describe('parseViews', () => {
  it('reads Telegram view counters', () => {
    expect(parseViews('950')).toBe(950);
    expect(parseViews('1.2M')).toBe(1_200_000);
    expect(parseViews('views')).toBeNull();
  });
});
