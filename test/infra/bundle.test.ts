import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDeployment } from '../../functions/entry/seed-aws.ts';
import { SQL_WASM_FILE } from '../../functions/entry/sql-wasm.ts';
import { RESVG_WASM_FILE, THUMBNAIL_FONT_FILES } from '../../functions/entry/thumbnail-assets.ts';
import { createS3Client } from '../../functions/store/clients.ts';
import { FORWARDED_HOST_HEADER } from '../../infra/lib/cdn-edge.ts';
import { INGEST_REPORT_KEYS } from '../../infra/lib/data-store.ts';
import { baselineCsv, MOPTI, SEGOU } from '../helpers/fixtures.ts';
import { inkIn, thumbnailTextBands } from '../helpers/png-ink.ts';
import { startSeededService, type TestService } from '../helpers/service.ts';
import { logicalId, synth } from './synth.ts';

/**
 * The Lambda bundles exactly as deployed: the stack is synthesized with bundling on, so NodejsFunction runs
 * esbuild with the stack's own options (entry, platform node, target node22, ESM, SDK bundled), and the test
 * imports the resulting `index.mjs` from the cloud assembly, outside the repository (no node_modules to
 * lean on), then invokes it in-process against the local stand-ins.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
type Name = 'tiles' | 'api' | 'ingest';
/** A static `import … from "x"` in esbuild's minified output. */
const STATIC_IMPORT = /\bimport\s*(?:\{[^}]*\}|\*\s*as\s*[\w$]+|[\w$]+)\s*from\s*["']([^"']+)["']/g;
type Handler = (event: unknown, context: unknown) => Promise<any>;

const outdir = mkdtempSync(path.join(tmpdir(), 'atlas-cdk-'));
const bundles = {} as Record<Name, string>;
let service: TestService;

beforeAll(async () => {
  const { stack, template } = synth({ stage: 'dev' }, { bundle: true, outdir });
  const assets = JSON.parse(readFileSync(path.join(outdir, `${stack.artifactId}.assets.json`), 'utf8'));
  for (const name of ['tiles', 'api', 'ingest'] as const) {
    const fn = template.toJSON().Resources[logicalId(stack, stack.functions[name].fn)];
    const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
    bundles[name] = path.join(outdir, assets.files[hash].source.path, 'index.mjs');
  }
  service = await startSeededService();
  // Each entry reads its configuration from the environment at cold start (module load), as on AWS, where
  // tiles and api get PUBLIC_HOST_HEADER from the stack when no fixed public origin is configured.
  const deployedEnv = (name: 'tiles' | 'api') =>
    template.toJSON().Resources[logicalId(stack, stack.functions[name].fn)].Properties.Environment.Variables;
  expect(deployedEnv('tiles').PUBLIC_HOST_HEADER).toBe(FORWARDED_HOST_HEADER);
  expect(deployedEnv('api').PUBLIC_HOST_HEADER).toBe(FORWARDED_HOST_HEADER);
  Object.assign(process.env, {
    PUBLIC_HOST_HEADER: deployedEnv('tiles').PUBLIC_HOST_HEADER,
    TABLE_NAME: service.standIns.tableName,
    BUCKET_NAME: service.standIns.bucketName,
    DYNAMODB_ENDPOINT: service.standIns.aws.dynamoEndpoint,
    S3_ENDPOINT: service.standIns.aws.s3Endpoint,
    AWS_REGION: 'us-east-1',
  });
  // Bundling three functions and seeding a service: minutes when the two shared cores are busy.
}, 300_000);

afterAll(async () => {
  await service?.close();
  rmSync(outdir, { recursive: true, force: true });
});

async function invoke(name: Name, event: unknown) {
  const { handler } = (await import(pathToFileURL(bundles[name]).href)) as { handler: Handler };
  return handler(event, {
    awsRequestId: 'bundle-test',
    functionName: name,
    getRemainingTimeInMillis: () => 10_000,
  });
}

async function apiGatewayEvent(rawPath: string, rawQueryString = '', headers: Record<string, string> = {}) {
  const event = JSON.parse(await readFile(path.join(here, '../fixtures/apigw-v2-tile-event.json'), 'utf8'));
  return {
    ...event,
    rawPath,
    rawQueryString,
    headers: { ...event.headers, ...headers },
    requestContext: { ...event.requestContext, http: { ...event.requestContext.http, path: rawPath } },
  };
}

/** What CloudFront's viewer-request function adds for a viewer of the distribution's own name. */
const FROM_CLOUDFRONT = { [FORWARDED_HOST_HEADER]: 'd111.cloudfront.net' };

describe('Lambda bundles (esbuild through NodejsFunction)', () => {
  it('are self-contained ESM files with a source map and the AWS SDK inside', () => {
    for (const file of Object.values(bundles)) {
      expect(existsSync(file)).toBe(true);
      expect(existsSync(`${file}.map`)).toBe(true);
      const code = readFileSync(file, 'utf8');
      // Only Node built-ins are imported; everything else, the SDK included, is in the file. (The tests
      // below import these files from a temporary folder, where no node_modules could resolve anything.)
      const imports = [...code.matchAll(STATIC_IMPORT)].map((m) => m[1] ?? '');
      expect(imports).toContain('node:module');
      expect(imports.filter((specifier) => !isBuiltin(specifier))).toEqual([]);
      // (Booleans, not toMatch: a failure must not print a megabyte of minified code.)
      expect(/export\s*\{[^}]*\bhandler\b/.test(code), `${file} exports handler`).toBe(true);
    }
  });

  it('the tiles bundle answers the API Gateway v2 event with the same bytes as the local server', async () => {
    const event = JSON.parse(await readFile(path.join(here, '../fixtures/apigw-v2-tile-event.json'), 'utf8'));
    const result = await invoke('tiles', event);
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(true);
    expect(result.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(result.headers['content-encoding']).toBe('gzip');
    const local = await service.app.request(`http://127.0.0.1:8080${event.rawPath}`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(local.status).toBe(200);
    expect(Buffer.from(result.body, 'base64')).toEqual(Buffer.from(await local.arrayBuffer()));
    expect(result.headers.etag).toBe(local.headers.get('ETag'));
    expect(result.headers['cache-control']).toBe(local.headers.get('Cache-Control'));
  });

  it("the tiles bundle carries sql.js's WebAssembly beside it and builds an MBTiles pack with it", async () => {
    // esbuild does not follow sql.js's own lookup of its .wasm: the bundle must find the copy next to it (the
    // bundle runs from a temporary folder here, where no node_modules could supply one).
    expect(existsSync(path.join(path.dirname(bundles.tiles), SQL_WASM_FILE))).toBe(true);
    const result = await invoke('tiles', await apiGatewayEvent('/tiles/hti/10/pack.mbtiles'));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('application/vnd.sqlite3');
    expect(result.isBase64Encoded).toBe(true);
    const file = Buffer.from(result.body, 'base64');
    expect(file.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(Number(result.headers['content-length'])).toBe(file.length);
    // A pack build takes seconds, and longer when the shared cores are busy.
  }, 180_000);

  it("the tiles bundle carries resvg's WebAssembly and the fonts beside it and draws the local server's thumbnail", async () => {
    // No native module and no system fonts on Lambda: the .wasm and the fonts must be next to the bundle
    // (here a temporary folder, where no node_modules could supply them).
    for (const file of [RESVG_WASM_FILE, ...THUMBNAIL_FONT_FILES])
      expect(existsSync(path.join(path.dirname(bundles.tiles), file)), file).toBe(true);
    const query = 'indicator=idps_ind&lang=fr&w=480';
    const result = await invoke('tiles', await apiGatewayEvent('/thumbnails/mli/72/adm1.png', query));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('image/png');
    const png = Buffer.from(result.body, 'base64');
    const image = PNG.sync.read(png);
    expect([image.width, image.height]).toEqual([480, 300]);
    // The title and the credit line are written (fonts found), and the picture is the local server's, byte
    // for byte: one code path (resvg's WebAssembly, the same fonts) on x64 here and arm64 on AWS.
    const { title, credit } = thumbnailTextBands(480, 300);
    expect(inkIn(image, title).count).toBeGreaterThan(300);
    expect(inkIn(image, credit).count).toBeGreaterThan(150);
    const local = await service.app.request(`http://127.0.0.1:8080/thumbnails/mli/72/adm1.png?${query}`);
    expect(png.equals(Buffer.from(await local.arrayBuffer()))).toBe(true);
  }, 120_000);

  it('the api bundle, which answers /oembed, carries the same files and hands out a thumbnail_url', async () => {
    for (const file of [RESVG_WASM_FILE, ...THUMBNAIL_FONT_FILES])
      expect(existsSync(path.join(path.dirname(bundles.api), file)), file).toBe(true);
    const page = encodeURIComponent('https://d111.cloudfront.net/#dataset=mli&round=72&lang=fr');
    const result = await invoke(
      'api',
      await apiGatewayEvent('/oembed', `format=json&maxwidth=480&url=${page}`, FROM_CLOUDFRONT),
    );
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body);
    expect(body.thumbnail_url).toMatch(/^https:\/\/d111\.cloudfront\.net\/thumbnails\/mli\/72\/adm1\.png\?/);
    expect([body.thumbnail_width, body.thumbnail_height]).toEqual([480, 300]);
  }, 60_000);

  it('the api bundle answers with the same JSON as the local server', async () => {
    const route = '/api/v1/datasets/mli/rounds/72/figures';
    const result = await invoke('api', await apiGatewayEvent(route, 'level=adm1'));
    expect(result.statusCode).toBe(200);
    const local = await service.app.request(`http://127.0.0.1:8080${route}?level=adm1`);
    expect(JSON.parse(result.body)).toEqual(await local.json());
  });

  it('the tiles and api bundles write the host CloudFront forwards into TileJSON, styles and links', async () => {
    const tileJson = await invoke(
      'tiles',
      await apiGatewayEvent('/tiles/mli/72/tiles.json', '', FROM_CLOUDFRONT),
    );
    expect(tileJson.statusCode).toBe(200);
    const { tiles } = JSON.parse(tileJson.body) as { tiles: string[] };
    expect(tiles.length).toBeGreaterThan(0);
    for (const url of tiles) expect(url).toMatch(/^https:\/\/d111\.cloudfront\.net\/tiles\/mli\/72\//);

    const style = await invoke(
      'tiles',
      await apiGatewayEvent('/styles/mli/latest/style.json', 'indicator=idps_ind', FROM_CLOUDFRONT),
    );
    expect(style.statusCode).toBe(200);
    expect(style.body).toContain('https://d111.cloudfront.net/tiles/mli/latest/tiles.json');
    expect(style.body).not.toContain('execute-api');

    const datasets = await invoke('api', await apiGatewayEvent('/api/v1/datasets', '', FROM_CLOUDFRONT));
    expect(datasets.statusCode).toBe(200);
    const mali = JSON.parse(datasets.body).datasets.find((d: { id: string }) => d.id === 'mli');
    expect(mali.links.tilejson).toBe('https://d111.cloudfront.net/tiles/mli/latest/tiles.json');

    // Without the header (not through CloudFront), the request's own origin, never a made-up one.
    const direct = await invoke('tiles', await apiGatewayEvent('/tiles/mli/72/tiles.json'));
    expect(JSON.parse(direct.body).tiles[0]).not.toContain('d111.cloudfront.net');
  });

  it('the ingest bundle imports an upload and writes its report where its role allows', async () => {
    const key = 'incoming/mli/bundle-1/Round upload.csv';
    const s3 = createS3Client(service.standIns.aws);
    await s3.send(
      new PutObjectCommand({
        Bucket: service.standIns.bucketName,
        Key: key,
        Body: baselineCsv([SEGOU, MOPTI]),
      }),
    );
    const event = JSON.parse(await readFile(path.join(here, '../fixtures/s3-put-event.json'), 'utf8'));
    const record = event.Records[0];
    record.s3.bucket.name = service.standIns.bucketName;
    record.s3.object.key = key.replace(/ /g, '+');

    const result = await invoke('ingest', event);
    expect(result.outcomes).toEqual([{ key, reportKey: `${key}.report.json`, status: 'imported' }]);
    // The report key falls under the one PutObject grant of the ingest role.
    const grant = new RegExp(`^${INGEST_REPORT_KEYS.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
    expect(result.outcomes[0].reportKey).toMatch(grant);
    const report = await s3.send(
      new GetObjectCommand({ Bucket: service.standIns.bucketName, Key: result.outcomes[0].reportKey }),
    );
    expect(JSON.parse(await (report.Body?.transformToString() ?? '""'))).toMatchObject({
      status: 'imported',
    });
  });

  it('seeding a deployment (functions/entry/seed-aws.ts) writes nothing that is already there', async () => {
    const lines: string[] = [];
    const summary = await seedDeployment(process.env, (line) => lines.push(line));
    expect(summary.boundarySets.length).toBeGreaterThan(0);
    expect(summary.boundarySets.every((set) => set.outcome === 'unchanged')).toBe(true);
    expect(summary.rounds.every((round) => round.outcome === 'unchanged')).toBe(true);
    expect(lines[0]).toContain(`table ${service.standIns.tableName}`);
  });
});
