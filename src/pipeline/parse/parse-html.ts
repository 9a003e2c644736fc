import { DomHandler, type Document } from 'domhandler';
import { Parser, type Handler } from 'htmlparser2';

/**
 * HTML → domhandler document, as cheerio/slim parses it (htmlparser2, default options), with the
 * open-element stack capped. htmlparser2 (10.x, and 12.0 still) keeps that stack with
 * `Array#unshift`, so every open tag costs the current depth: `<b><i><u>…` nested 100k deep took
 * seconds. At MAX_OPEN_ELEMENTS, a start tag first closes the innermost open element, so the new
 * element becomes its sibling rather than its child: the page is flattened, not rejected, every
 * element and its text is kept (links, scripts), and each tag costs at most the cap.
 */

/** Open elements htmlparser2 may hold; real pages stay under ~100. */
export const MAX_OPEN_ELEMENTS = 256;

/** The Parser's internals the cap reads and resets (htmlparser2 10.x field names). */
interface ParserState {
  stack: string[];
  foreignContext: unknown[];
  cbs: Partial<Handler>;
}

/** Elements whose end htmlparser2 pairs with a foreignContext entry. */
const FOREIGN_CONTEXT = new Set(['math', 'svg', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

class DepthCappedParser extends Parser {
  override onopentagname(start: number, endIndex: number): void {
    const state = this as unknown as ParserState;
    if (state.stack.length >= MAX_OPEN_ELEMENTS) {
      const innermost = state.stack.shift()!;
      if (FOREIGN_CONTEXT.has(innermost)) state.foreignContext.shift();
      state.cbs.onclosetag?.(innermost, true);
    }
    super.onopentagname(start, endIndex);
  }
}

export function parseHtml(html: string): Document {
  const handler = new DomHandler();
  new DepthCappedParser(handler).end(html);
  return handler.root;
}
