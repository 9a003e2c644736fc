import { request, type ClientRequest, type IncomingMessage } from 'node:http';

export interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

export interface EventStream {
  response: IncomingMessage;
  /** The next event, waiting for it if need be. */
  next(): Promise<ServerSentEvent>;
  close(): void;
}

/** A minimal SSE reader over a real socket (what a browser's EventSource does, minus reconnects). */
export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest;
    const queue: ServerSentEvent[] = [];
    const waiting: Array<(e: ServerSentEvent) => void> = [];
    let buffer = '';
    const push = (e: ServerSentEvent) => (waiting.length ? waiting.shift()!(e) : queue.push(e));
    req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerSentEvent = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon === 0) continue; // comment
            const [field, value] = colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') {
              event.data += (hasData ? '\n' : '') + value;
              hasData = true;
            }
          }
          if (hasData) push(event);
        }
      });
      resolve({
        response,
        next: () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((r) => waiting.push(r))),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
