import { DomHandler, type AnyNode } from 'domhandler';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { SkippingTokenizer } from '../../../src/pipeline/parse/skipping-tokenizer.js';

/** The tree as nested plain values (type, name, text, attributes), to compare two parses. */
function shape(node: AnyNode): unknown {
  const n = node as unknown as { type: string; name?: string; data?: string; attribs?: Record<string, string>; children?: AnyNode[] };
  return [n.type, n.name, n.data, n.attribs, n.children?.map(shape)];
}

function parse(html: string, skipping: boolean): unknown {
  const handler = new DomHandler();
  const options = skipping ? { Tokenizer: SkippingTokenizer as unknown as NonNullable<ConstructorParameters<typeof Parser>[1]>['Tokenizer'] } : {};
  new Parser(handler, options).end(html);
  return shape(handler.root);
}

const PAGES = [
  '<p>Plain text, then <b>bold</b> &amp; more &copy 2024 &#x27;quoted&#39; &notanentity; & alone</p>',
  '<a href="/x?a=1&amp;b=2&c=3" title=\'single &quot;q&quot;\' data-x=unquoted&amp;y class="a  b">link</a>',
  '<script>if (a < b && c > d) { x = "</p>"; } </scr + ipt></script><p>after</p>',
  '<style>a::before { content: "<" } </style ><title>Tom &amp; Jerry &lt;3</title>',
  '<!-- a comment with < and & and -- inside --><p>x</p><!--->',
  '<div>text at the end without a tag & an ampersand',
  '<p attr="never closed &amp; ends',
  '<textarea>a < b &amp; c</textarea><xmp>raw</xmp><![CDATA[ cdata < ]]><?pi x?>',
  '<</script><p>&#128512; &#xD83D; &lt &gt;&#0;</p>',
  '',
  'no markup at all & some entity &eacute;',
];

describe('SkippingTokenizer', () => {
  it('builds the same tree as htmlparser2 stock tokenizer', () => {
    for (const html of PAGES) expect(parse(html, true), html).toEqual(parse(html, false));
  });
});
