import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of a local service that answers chosen requests itself (a 429, a 503), so a test
 * sees a client meet a throttled or failing service without mocking the client.
 */
export interface FaultProxy {
  url: string;
  /** The next `count` requests matching `method` get `status` with an Azure-style error body. */
  failNext(status: number, count?: number, method?: string): void;
  requests: { method: string; path: string; status: number }[];
  stop(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const faults: { status: number; left: number; method?: string }[] = [];
  const requests: FaultProxy['requests'] = [];
  const server = http.createServer((req, res) => {
    const fault = faults.find((f) => f.left > 0 && (!f.method || f.method === req.method));
    if (fault) {
      fault.left--;
      requests.push({ method: req.method ?? '', path: req.url ?? '', status: fault.status });
      req.resume();
      const code = fault.status === 429 ? 'TooManyRequests' : fault.status === 503 ? 'ServerBusy' : 'InternalError';
      res.writeHead(fault.status, { 'content-type': 'application/json', 'x-ms-request-id': `fault-${requests.length}`, ...(fault.status === 429 ? { 'retry-after': '1' } : {}) });
      res.end(JSON.stringify({ 'odata.error': { code, message: { lang: 'en-US', value: `Injected ${fault.status} by the test's fault proxy.` } } }));
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        requests.push({ method: req.method ?? '', path: req.url ?? '', status: answer.statusCode ?? 0 });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, '')}`,
    failNext: (status, count = 1, method) => void faults.push({ status, left: count, method }),
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
