// A fake OpenAI-compatible chat-completions endpoint on 127.0.0.1: each request is recorded, and
// the test says what the "model" answers (or that it answers late, or with an error).
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; temperature?: number };
}

/** What the fake model does with one request: the content of its answer, or a status, or a delay first. */
export type Reply = { content: string; delayMs?: number } | { status: number };

export interface FakeOpenAI {
  url: string;
  requests: ChatRequest[];
  /** Decides each answer; by default every message is "not an ad". */
  reply: (request: ChatRequest) => Reply;
  close(): Promise<void>;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const fake: FakeOpenAI = {
    url: '',
    requests: [],
    reply: () => ({ content: JSON.stringify({ ad: false, reason: '正常交流' }) }),
    close: () => new Promise((done) => server.close(() => done())),
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const request: ChatRequest = { authorization: req.headers.authorization, body: JSON.parse(raw) as ChatRequest['body'] };
      fake.requests.push(request);
      const reply = fake.reply(request);
      const send = () => {
        if ('status' in reply) {
          res.writeHead(reply.status, { 'content-type': 'application/json' }).end('{"error":{"message":"refused"}}');
          return;
        }
        const body = { id: `chatcmpl-${fake.requests.length}`, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }] };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if ('delayMs' in reply && reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });
  // A client that gave up (time-out) leaves a socket the server must not wait for on close.
  server.on('connection', (socket) => socket.unref());
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const close = fake.close;
  fake.close = () => {
    server.closeAllConnections();
    return close();
  };
  return fake;
}
