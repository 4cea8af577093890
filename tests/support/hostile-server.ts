/** A feed server that misbehaves on purpose, on 127.0.0.1, for the ingestion robustness tests. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

const item = (t: string) => `<item><title>${t}</title><link>https://tidning.example/${encodeURIComponent(t)}</link></item>`;
export const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title>${items}</channel></rss>`;

export interface HostileServer {
  url: string;
  stop(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  // 50 MB of zeros gzip to about 50 kB: the classic decompression bomb.
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    switch (path) {
      case '/ok':
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' });
        res.end(rss(item('Kommunfullmäktige i Skövde')));
        return;
      case '/billion-laughs':
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(
          `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><rss version="2.0"><channel><title>&lol9;</title>${item('&lol9;')}</channel></rss>`,
        );
        return;
      case '/xxe':
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>x</title>${item('&xxe;')}</channel></rss>`);
        return;
      case '/huge': {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const write = () => {
          while (sent < 50) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', write);
          }
          res.end();
        };
        res.on('close', () => (sent = 50));
        write();
        return;
      }
      case '/gzip-bomb':
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
        res.end(bomb);
        return;
      case '/drip': {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const timer = setInterval(() => res.write('<'), 1000);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/moved':
        res.writeHead(301, { location: '/ok' }).end();
        return;
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!DOCTYPE html><html><head><title>Nyheter</title></head><body><h1>Välkommen</h1></body></html>');
        return;
      case '/empty':
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end();
        return;
      case '/cp1252-as-utf8':
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(iconv.encode(rss(item('\u201dElpriset\u201d \u2013 så påverkas Luleå')), 'windows-1252'));
        return;
      case '/429':
        res.writeHead(429, { 'retry-after': '120' }).end();
        return;
      case '/410':
        res.writeHead(410).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
