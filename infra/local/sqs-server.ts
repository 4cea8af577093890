/**
 * The local SQS-compatible server (fauxqs), bound to the address asked for. fauxqs 2 listens on
 * 0.0.0.0 whatever host it is given, so anyone on the network could read or inject queue messages
 * while `npm start` runs; here its listen call is held to the requested host (loopback) for the
 * moment it starts, and nothing else is touched.
 */
import { Server } from 'node:net';
import { startFauxqs } from 'fauxqs';

type FauxqsOptions = Parameters<typeof startFauxqs>[0] & { host: string };

let starting: Promise<unknown> = Promise.resolve();

export async function startSqsServer(opts: FauxqsOptions): Promise<Awaited<ReturnType<typeof startFauxqs>>> {
  // One start at a time: the listen patch below must see only this server's listen call.
  const previous = starting;
  let done!: () => void;
  starting = new Promise<void>((r) => (done = r));
  await previous;
  const listen = Server.prototype.listen;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    const first = args[0];
    if (first && typeof first === 'object' && (first as { host?: string }).host === '0.0.0.0') args[0] = { ...(first as object), host: opts.host };
    return (listen as (...a: unknown[]) => Server).apply(this, args);
  } as typeof listen;
  try {
    return await startFauxqs(opts);
  } finally {
    Server.prototype.listen = listen;
    done();
  }
}
