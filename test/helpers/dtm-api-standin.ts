import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A stand-in for the DTM API v3 on loopback: serves the recorded Haiti responses (../shared/data/haiti/dtm,
 * SOURCES.md section 6) filtered by query as the real API filters them, answers 401 without the
 * `Ocp-Apim-Subscription-Key` header (Azure API Management's body), and injects faults the test switches on.
 */
export type Endpoint = 'admin0' | 'admin1' | 'admin2' | 'operation-list' | 'country-list';

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'slow-body'; stallMs: number }
  | { kind: 'malformed' }
  | { kind: 'not-success'; message: string }
  | { kind: 'drop-field'; field: string; index: number };

export interface SeenRequest {
  endpoint: string;
  query: string;
  key: string | undefined;
}

export interface DtmApiStandIn {
  origin: string;
  requests: SeenRequest[];
  /** Faults by endpoint; `times` answers with the fault, then the endpoint recovers (Infinity: never). */
  fault(endpoint: Endpoint, fault: Fault, times?: number): void;
  clearFaults(): void;
  /** The key accepted from now on (a rotated key): the old one is answered 401. */
  setKey(key: string): void;
  /** Changes the records an endpoint serves (after filtering): a new DTM publication. */
  edit(endpoint: Endpoint, change: ((records: Record<string, unknown>[]) => void) | undefined): void;
  close(): Promise<void>;
}

const FILES: Record<Endpoint, string> = {
  admin0: 'dtm_api_v3_displacement_admin0_hti.json',
  admin1: 'dtm_api_v3_displacement_admin1_hti.json',
  admin2: 'dtm_api_v3_displacement_admin2_hti.json',
  'operation-list': 'dtm_api_v3_operation_list.json',
  'country-list': 'dtm_api_v3_country_list.json',
};

/** Query parameters of the admin endpoints (dtmapi `get_idp_admin*_data`) and the record field each filters. */
const FILTERS: Record<string, (record: Record<string, any>, value: string) => boolean> = {
  Admin0Pcode: (r, v) => String(r.admin0Pcode).toUpperCase() === v.toUpperCase(),
  CountryName: (r, v) => String(r.admin0Name).toLowerCase() === v.toLowerCase(),
  Operation: (r, v) => String(r.operation).toLowerCase() === v.toLowerCase(),
  Admin1Pcode: (r, v) => r.admin1Pcode === v,
  Admin2Pcode: (r, v) => r.admin2Pcode === v,
  FromRoundNumber: (r, v) => Number(r.roundNumber) >= Number(v),
  ToRoundNumber: (r, v) => Number(r.roundNumber) <= Number(v),
  FromReportingDate: (r, v) => String(r.reportingDate).slice(0, 10) >= v,
  ToReportingDate: (r, v) => String(r.reportingDate).slice(0, 10) <= v,
};

export async function startDtmApiStandIn(dataDir: string, firstKey: string): Promise<DtmApiStandIn> {
  let key = firstKey;
  const records = Object.fromEntries(
    Object.entries(FILES).map(([endpoint, file]) => [
      endpoint,
      JSON.parse(readFileSync(path.join(dataDir, 'haiti/dtm', file), 'utf8')).result,
    ]),
  ) as Record<Endpoint, Record<string, unknown>[]>;
  const faults = new Map<string, { fault: Fault; left: number }>();
  const edits = new Map<string, (records: Record<string, unknown>[]) => void>();
  const requests: SeenRequest[] = [];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const endpoint = url.pathname.replace(/^\/v3\/displacement\//, '');
    const header = req.headers['ocp-apim-subscription-key'];
    requests.push({ endpoint, query: url.search, key: typeof header === 'string' ? header : undefined });
    if (header !== key) {
      return send(res, 401, {
        statusCode: 401,
        message:
          'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
      });
    }
    const all = records[endpoint as Endpoint];
    if (!all) return send(res, 404, { statusCode: 404, message: 'Resource not found' });
    const active = faults.get(endpoint);
    if (active && active.left > 0) {
      active.left--;
      return answerFault(req, res, active.fault, () => selected(endpoint, all, url, edits));
    }
    const result = selected(endpoint, all, url, edits);
    if (!result)
      return send(res, 200, envelope([], false, ['Please provide Operation, CountryName or Admin0Pcode']));
    send(res, 200, envelope(result));
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    fault: (endpoint, fault, times = 1) => faults.set(endpoint, { fault, left: times }),
    clearFaults: () => faults.clear(),
    setKey: (next) => {
      key = next;
    },
    edit: (endpoint, change) => (change ? edits.set(endpoint, change) : edits.delete(endpoint)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The records an admin endpoint answers with (a copy, edited), or undefined when no required filter is given. */
function selected(
  endpoint: string,
  all: Record<string, unknown>[],
  url: URL,
  edits: Map<string, (records: Record<string, unknown>[]) => void>,
): Record<string, unknown>[] | undefined {
  const params = [...url.searchParams.entries()];
  const isList = endpoint.endsWith('-list');
  if (!isList && !params.some(([name]) => ['Operation', 'CountryName', 'Admin0Pcode'].includes(name)))
    return undefined;
  let result = all.map((record) => ({ ...record }));
  for (const [name, value] of params) {
    const filter = FILTERS[name];
    if (filter && !isList) result = result.filter((record) => filter(record, value));
  }
  edits.get(endpoint)?.(result);
  return result;
}

function answerFault(
  req: IncomingMessage,
  res: ServerResponse,
  fault: Fault,
  result: () => unknown[] | undefined,
) {
  if (fault.kind === 'status') {
    const headers: Record<string, string> = fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {};
    return send(
      res,
      fault.status,
      { statusCode: fault.status, message: `stand-in fault ${fault.status}` },
      headers,
    );
  }
  if (fault.kind === 'malformed') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end('{"result": [{"operation": "Countrywide monitoring", "admin0Pcode": "HTI"');
  }
  if (fault.kind === 'not-success') return send(res, 200, envelope([], false, [fault.message]));
  const records = result() ?? [];
  if (fault.kind === 'drop-field') {
    delete (records[fault.index] as Record<string, unknown> | undefined)?.[fault.field];
    return send(res, 200, envelope(records));
  }
  // A slow body: the headers and the first bytes at once, the rest after a stall.
  const body = JSON.stringify(envelope(records));
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.write(body.slice(0, 100));
  const timer = setTimeout(() => res.end(body.slice(100)), fault.stallMs);
  req.once('close', () => clearTimeout(timer));
}

function envelope(result: unknown[], isSuccess = true, errorMessages: string[] = []) {
  return { result, statusCode: 200, isSuccess, errorMessages, totalRecordsCount: result.length };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
