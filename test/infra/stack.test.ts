import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { prefersHtml } from '../../functions/http/html-pages.ts';
import { CONTENT_SECURITY_POLICY, securityHeaders } from '../../functions/http/security-headers.ts';
import { DATASET_UPLOADS } from '../../functions/ingest/dataset-upload.ts';
import { INCOMING_PREFIX } from '../../functions/ingest/incoming.ts';
import { tableDefinition } from '../../functions/store/table.ts';
import { CSP, FORWARDED_HOST_HEADER, NORMALISED_ACCEPT } from '../../infra/lib/cdn-edge.ts';
import { DATA_PREFIXES, INGEST_REPORT_KEYS } from '../../infra/lib/data-store.ts';
import { readAtlasContext } from '../../infra/lib/stage.ts';
import { GLYPH_CONTENT_TYPE, WEB_DIST_MISSING } from '../../infra/lib/web-site.ts';
import { allStatements, flat, logicalId, roleStatements, type Synthesized, synth } from './synth.ts';

/** CloudFront's managed policies, by their fixed ids. */
const MANAGED = {
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  allViewerExceptHost: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
};
const WRITE_ACTION =
  /^(dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite|Create)|s3:(Put|Delete|Abort|Restore|Replicate))/;
const DOMAIN = {
  domainName: 'atlas.example.org',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
};

let dev: Synthesized;
let prod: Synthesized;

beforeAll(() => {
  dev = synth({ stage: 'dev' });
  prod = synth({ stage: 'prod' });
});

function ids(s: Synthesized) {
  const { stack } = s;
  const fn = (f: typeof stack.functions.tiles) => ({
    fn: logicalId(stack, f.fn),
    role: logicalId(stack, f.role),
    logs: logicalId(stack, f.logGroup),
  });
  return {
    table: logicalId(stack, stack.data.table),
    bucket: logicalId(stack, stack.data.bucket),
    webBucket: logicalId(stack, stack.web.bucket),
    distribution: logicalId(stack, stack.cdn.distribution),
    tiles: fn(stack.functions.tiles),
    api: fn(stack.functions.api),
    ingest: fn(stack.functions.ingest),
  };
}

function resource(s: Synthesized, id: string) {
  const found = s.template.toJSON().Resources[id];
  if (!found) throw new Error(`no resource ${id}`);
  return found;
}

function distributionConfig(s: Synthesized) {
  return resource(s, ids(s).distribution).Properties.DistributionConfig;
}

interface Behaviour {
  PathPattern: string;
  TargetOriginId: string;
  CachePolicyId: unknown;
  OriginRequestPolicyId?: unknown;
  ResponseHeadersPolicyId?: unknown;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
}

function behaviours(s: Synthesized): Record<string, Behaviour> {
  return Object.fromEntries(distributionConfig(s).CacheBehaviors.map((b: Behaviour) => [b.PathPattern, b]));
}

/** The behaviours that reach a function URL, and the paths whose answers name the public origin. */
const FUNCTION_PATHS = [
  '/tiles',
  '/tiles/*/tiles.json',
  '/tiles/*',
  '/styles/*',
  '/qgis/*',
  '/thumbnails/*',
  '/api/*',
  '/oembed',
  '/healthz',
];
const METADATA_PATHS = [
  '/tiles',
  '/tiles/*/tiles.json',
  '/styles/*',
  '/qgis/*',
  '/thumbnails/*',
  '/api/*',
  '/oembed',
];
/** The embed page's behaviours (web bucket, framable by any site), after the function-URL ones. */
const EMBED_PATHS = ['/embed', '/embed/*'];

/** A CloudFront Functions viewer-request event (only the parts the functions read). */
type ViewerRequest = {
  uri?: string;
  querystring?: Record<string, { value: string }>;
  headers: Record<string, { value: string; multiValue?: { value: string }[] }>;
};

/** The deployed code of a CloudFront Function, run as CloudFront would run it on a viewer request. */
function functionHandler(code: string): (request: ViewerRequest) => ViewerRequest {
  const handler = runInNewContext(`${code}\nhandler;`) as (event: {
    request: ViewerRequest;
  }) => ViewerRequest;
  return (request) => handler({ request });
}

/** The CloudFront Function with this construct's logical id, and its logical id. */
function cloudFrontFunction(s: Synthesized, construct: Parameters<typeof logicalId>[1]) {
  const id = logicalId(s.stack, construct);
  return { id, fn: resource(s, id) };
}

/** The two response headers policies' logical ids. */
function headerPolicies(s: Synthesized) {
  return {
    site: logicalId(s.stack, s.stack.cdn.responseHeaders),
    embed: logicalId(s.stack, s.stack.cdn.embedResponseHeaders),
  };
}

describe('DynamoDB table', () => {
  it('matches the local table definition: keys pk/sk, gsi1 on gsi1pk/gsi1sk, on-demand', () => {
    const local = tableDefinition('any');
    const table = resource(dev, ids(dev).table);
    expect(table.Type).toBe('AWS::DynamoDB::GlobalTable');
    expect(table.Properties.BillingMode).toBe(local.BillingMode);
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect(new Set(table.Properties.AttributeDefinitions)).toEqual(new Set(local.AttributeDefinitions));
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
  });

  it('has point-in-time recovery in every stage; deletion protection and Retain only in prod', () => {
    const devTable = resource(dev, ids(dev).table);
    const prodTable = resource(prod, ids(prod).table);
    for (const table of [devTable, prodTable]) {
      expect(table.Properties.Replicas).toHaveLength(1);
      expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
      });
    }
    expect(prodTable.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    expect(prodTable.DeletionPolicy).toBe('Retain');
    expect(prodTable.UpdateReplacePolicy).toBe('Retain');
    expect(devTable.Properties.Replicas[0].DeletionProtectionEnabled).toBe(false);
    expect(devTable.DeletionPolicy).toBe('Delete');
  });
});

describe('S3 buckets', () => {
  it('every bucket blocks all public access and is encrypted with S3-managed keys', () => {
    for (const s of [dev, prod]) {
      const buckets = Object.values(s.template.findResources('AWS::S3::Bucket'));
      expect(buckets).toHaveLength(3); // data, web, access logs
      for (const bucket of buckets) {
        expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        expect(bucket.Properties.BucketEncryption).toEqual({
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        });
      }
    }
  });

  it('every bucket policy denies any request without TLS', () => {
    for (const s of [dev, prod]) {
      const buckets = Object.keys(s.template.findResources('AWS::S3::Bucket'));
      const policies = Object.values(s.template.findResources('AWS::S3::BucketPolicy'));
      expect(policies.map((p) => p.Properties.Bucket.Ref).sort()).toEqual([...buckets].sort());
      for (const policy of policies) {
        const bucket = policy.Properties.Bucket.Ref;
        expect(policy.Properties.PolicyDocument.Statement).toContainEqual({
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Resource: [
            { 'Fn::GetAtt': [bucket, 'Arn'] },
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/*']] },
          ],
        });
      }
    }
  });

  it('the data bucket is versioned, logs access, and is retained in prod', () => {
    const data = resource(prod, ids(prod).bucket);
    expect(data.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(data.Properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'data-bucket/' });
    expect(data.Properties.OwnershipControls).toEqual({
      Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    });
    expect(data.DeletionPolicy).toBe('Retain');
    prod.template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    expect(resource(dev, ids(dev).bucket).DeletionPolicy).toBe('Delete');
  });

  it('uploads under incoming/ (only there) trigger the ingest function', () => {
    const { bucket, ingest } = ids(dev);
    dev.template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: bucket },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [ingest.fn, 'Arn'] },
          },
        ],
      },
    });
    dev.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [ingest.fn, 'Arn'] },
      Principal: 's3.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [bucket, 'Arn'] },
    });
  });

  it('the prefixes the grants use are the ones the functions use', () => {
    expect(DATA_PREFIXES.incoming).toBe(INCOMING_PREFIX);
    expect(INGEST_REPORT_KEYS).toBe('incoming/*.report.json');
    // Dataset manifests are uploaded under the prefix that triggers ingest; the registry lives outside it.
    expect(DATASET_UPLOADS.startsWith(INCOMING_PREFIX)).toBe(true);
    expect(DATA_PREFIXES.datasets.startsWith(INCOMING_PREFIX)).toBe(false);
  });
});

describe('Lambda functions', () => {
  const expected = {
    tiles: { memory: 1024, timeout: 28 },
    api: { memory: 512, timeout: 10 },
    ingest: { memory: 1024, timeout: 300 },
  } as const;

  it('are arm64 Node 22 ESM bundles with JSON logs into their own log group', () => {
    const all = ids(dev);
    for (const name of ['tiles', 'api', 'ingest'] as const) {
      const { fn, role, logs } = all[name];
      const props = resource(dev, fn).Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: expected[name].memory,
        Timeout: expected[name].timeout,
        Role: { 'Fn::GetAtt': [role, 'Arn'] },
        LoggingConfig: {
          LogFormat: 'JSON',
          LogGroup: { Ref: logs },
          ApplicationLogLevel: 'INFO',
          SystemLogLevel: 'WARN',
        },
      });
      expect(props.Environment.Variables).toMatchObject({
        TABLE_NAME: { Ref: all.table },
        BUCKET_NAME: { Ref: all.bucket },
      });
      // Without a fixed origin, tiles and api take the viewer's host from the header CloudFront sets
      // (the generated CloudFront name cannot be passed in without a dependency cycle).
      expect(props.Environment.Variables.PUBLIC_BASE_URL).toBeUndefined();
      expect(props.Environment.Variables.PUBLIC_HOST_HEADER).toBe(
        name === 'ingest' ? undefined : FORWARDED_HOST_HEADER,
      );
      expect(resource(dev, logs).Properties.RetentionInDays).toBe(14);
      expect(resource(prod, ids(prod)[name].logs).Properties.RetentionInDays).toBe(90);
      expect(resource(prod, ids(prod)[name].logs).DeletionPolicy).toBe('Retain');
      // No managed policies (no AWSLambdaBasicExecutionRole): logs are granted on the one log group.
      expect(resource(dev, role).Properties.ManagedPolicyArns).toBeUndefined();
      expect(roleStatements(dev.template, role)).toContainEqual(
        expect.objectContaining({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [{ 'Fn::GetAtt': [logs, 'Arn'] }],
        }),
      );
    }
  });

  it('tiles and api are reachable only through IAM-authenticated function URLs that CloudFront may invoke', () => {
    const all = ids(dev);
    dev.template.resourceCountIs('AWS::Lambda::Url', 2);
    for (const name of ['tiles', 'api'] as const) {
      dev.template.hasResourceProperties('AWS::Lambda::Url', {
        AuthType: 'AWS_IAM',
        TargetFunctionArn: { 'Fn::GetAtt': [all[name].fn, 'Arn'] },
      });
    }
    const permissions = Object.values(dev.template.findResources('AWS::Lambda::Permission')).filter(
      (p) => p.Properties.Principal === 'cloudfront.amazonaws.com',
    );
    expect(permissions.map((p) => p.Properties.Action).sort()).toEqual([
      'lambda:InvokeFunction',
      'lambda:InvokeFunction',
      'lambda:InvokeFunctionUrl',
      'lambda:InvokeFunctionUrl',
    ]);
    for (const permission of permissions) {
      expect(flat(permission.Properties.SourceArn)).toContain(`:distribution/<${all.distribution}>`);
    }
  });
});

describe('grants', () => {
  it('no allow statement anywhere grants every action, or every action of a service', () => {
    for (const s of [dev, prod]) {
      for (const statement of allStatements(s.template).filter((st) => st.Effect === 'Allow')) {
        for (const action of statement.Action) expect(action).not.toMatch(/^\*$|:\*$/);
      }
    }
  });

  it("the functions' own policies name every action (no wildcard at all)", () => {
    const all = ids(dev);
    for (const name of ['tiles', 'api', 'ingest'] as const) {
      for (const statement of roleStatements(dev.template, all[name].role)) {
        expect(statement.Effect).toBe('Allow');
        for (const action of statement.Action) expect(action).not.toContain('*');
      }
    }
  });

  it('tiles and api read the table and boundaries/; tiles writes offline packs under packs/ only', () => {
    const all = ids(dev);
    for (const name of ['tiles', 'api'] as const) {
      const statements = roleStatements(dev.template, all[name].role);
      const actions = statements.flatMap((st) => st.Action);
      const writes = statements.filter((st) => st.Action.some((action) => WRITE_ACTION.test(action)));
      // The tiles function stores the offline packs it builds (PutObject on packs/*), nothing else.
      expect(writes.flatMap((st) => st.Action)).toEqual(name === 'tiles' ? ['s3:PutObject'] : []);
      expect(writes.flatMap((st) => st.Resource.map(flat))).toEqual(
        name === 'tiles' ? [`<${all.bucket}.Arn>/packs/*`] : [],
      );
      expect(actions).toEqual(
        expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan']),
      );
      const objectReads = statements.filter((st) => st.Action.includes('s3:GetObject'));
      expect(objectReads.flatMap((st) => st.Resource.map(flat))).toEqual([
        `<${all.bucket}.Arn>/boundaries/*`,
        ...(name === 'tiles' ? [`<${all.bucket}.Arn>/packs/*`] : []),
      ]);
      const list = statements.filter((st) => st.Action.includes('s3:ListBucket'));
      expect(list.flatMap((st) => st.Resource.map(flat))).toEqual([`<${all.bucket}.Arn>`]);
      for (const statement of statements.filter((st) => st.Action.some((a) => a.startsWith('dynamodb:')))) {
        expect(statement.Resource.map(flat)).toEqual([`<${all.table}.Arn>`, `<${all.table}.Arn>/index/*`]);
      }
    }
  });

  it('only ingest writes: the table, its report next to an upload, added boundary sets and manifests', () => {
    const all = ids(dev);
    const statements = roleStatements(dev.template, all.ingest.role);
    const actions = statements.flatMap((st) => st.Action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:PutItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:Query',
        's3:PutObject',
      ]),
    );
    const objectWrites = statements.filter((st) => st.Action.some((a) => /^s3:(Put|Delete)/.test(a)));
    // PutObject only, never a delete: not on uploads (only their reports), on boundary sets and manifests.
    expect([...new Set(objectWrites.flatMap((st) => st.Action))]).toEqual(['s3:PutObject']);
    expect(objectWrites.flatMap((st) => st.Resource.map(flat)).sort()).toEqual([
      `<${all.bucket}.Arn>/boundaries/*`,
      `<${all.bucket}.Arn>/datasets/*`,
      `<${all.bucket}.Arn>/incoming/*.report.json`,
    ]);
    const objectReads = statements.filter((st) => st.Action.includes('s3:GetObject'));
    expect(objectReads.flatMap((st) => st.Resource.map(flat)).sort()).toEqual([
      `<${all.bucket}.Arn>/boundaries/*`,
      `<${all.bucket}.Arn>/datasets/*`,
      `<${all.bucket}.Arn>/incoming/*`,
    ]);
  });

  it('nothing but the three functions can write the table', () => {
    const all = ids(dev);
    const writers = Object.values(dev.template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).match(/dynamodb:(Put|BatchWrite|Update|Delete)/),
    );
    expect(writers.map((p) => p.Properties.Roles)).toEqual([[{ Ref: all.ingest.role }]]);
  });
});

describe('CloudFront', () => {
  it('routes the catalog, TileJSON, tiles, styles and QGIS files to tiles, /api/* and /healthz to api, the rest to the web bucket', () => {
    const config = distributionConfig(dev);
    const all = ids(dev);
    const originOf = (id: string) => config.Origins.find((o: { Id: string }) => o.Id === id);
    const byPath = behaviours(dev);
    // In CloudFront's order of precedence: TileJSON before the tiles pattern that would also match it.
    expect(Object.keys(byPath)).toEqual([...FUNCTION_PATHS, ...EMBED_PATHS]);
    const domainOf = (behaviour: Behaviour) => flat(originOf(behaviour.TargetOriginId).DomainName);
    const tilesUrl = logicalId(dev.stack, dev.stack.functions.tilesUrl);
    const apiUrl = logicalId(dev.stack, dev.stack.functions.apiUrl);
    for (const p of ['/tiles', '/tiles/*/tiles.json', '/tiles/*', '/styles/*', '/qgis/*', '/thumbnails/*']) {
      expect(domainOf(byPath[p] as Behaviour), p).toContain(`<${tilesUrl}.FunctionUrl>`);
    }
    for (const p of ['/api/*', '/oembed', '/healthz']) {
      expect(domainOf(byPath[p] as Behaviour), p).toContain(`<${apiUrl}.FunctionUrl>`);
    }
    expect(domainOf(config.DefaultCacheBehavior)).toBe(`<${all.webBucket}.RegionalDomainName>`);
    // The embed page comes from the same (single) web bucket origin as the rest of the site.
    for (const p of EMBED_PATHS) {
      expect(byPath[p]?.TargetOriginId, p).toBe(config.DefaultCacheBehavior.TargetOriginId);
    }
    expect(config.Origins).toHaveLength(3);
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.PriceClass).toBe('PriceClass_200');
    expect(config.HttpVersion).toBe('http2and3');
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
  });

  it('every behaviour allows only GET/HEAD/OPTIONS over HTTPS, compressed; only the embed page has the embed headers', () => {
    const config = distributionConfig(dev);
    const headers = headerPolicies(dev);
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      const embed = EMBED_PATHS.includes(behaviour.PathPattern);
      expect(behaviour, behaviour.PathPattern ?? 'default').toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        CachedMethods: ['GET', 'HEAD'],
        Compress: true,
        ViewerProtocolPolicy: 'redirect-to-https',
        ResponseHeadersPolicyId: { Ref: embed ? headers.embed : headers.site },
      });
    }
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: headers.site });
    const byPath = behaviours(dev);
    for (const p of EMBED_PATHS)
      expect(byPath[p]?.ResponseHeadersPolicyId, p).toEqual({ Ref: headers.embed });
    for (const p of FUNCTION_PATHS)
      expect(byPath[p]?.ResponseHeadersPolicyId, p).toEqual({ Ref: headers.site });
  });

  it('function origins are signed (OAC, SigV4) and never get the viewer Host header', () => {
    const config = distributionConfig(dev);
    const byPath = behaviours(dev);
    for (const p of FUNCTION_PATHS) {
      // Every viewer header except Host: x-forwarded-host, as the viewer-request function set it, included.
      expect(byPath[p]?.OriginRequestPolicyId, p).toBe(MANAGED.allViewerExceptHost);
    }
    // The web bucket gets no viewer header at all (nor the query string).
    for (const behaviour of [config.DefaultCacheBehavior, ...EMBED_PATHS.map((p) => byPath[p])]) {
      expect(behaviour?.OriginRequestPolicyId).toBeUndefined();
    }
    // No cache policy of ours puts Host in the key (that would forward it and break the signature).
    for (const policy of Object.values(dev.template.findResources('AWS::CloudFront::CachePolicy'))) {
      const headers =
        policy.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig;
      expect((headers.Headers ?? []).map((h: string) => h.toLowerCase())).not.toContain('host');
    }
    const lambdaOac = Object.entries(dev.template.findResources('AWS::CloudFront::OriginAccessControl')).find(
      ([, oac]) => oac.Properties.OriginAccessControlConfig.OriginAccessControlOriginType === 'lambda',
    );
    expect(lambdaOac?.[1].Properties.OriginAccessControlConfig).toMatchObject({
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const functionOrigins = config.Origins.filter(
      (o: { CustomOriginConfig?: unknown }) => o.CustomOriginConfig,
    );
    expect(functionOrigins).toHaveLength(2);
    for (const origin of functionOrigins) {
      expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [lambdaOac?.[0], 'Id'] });
      expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    }
  });

  it('sets x-forwarded-host from the viewer Host on every behaviour that reaches a function URL', () => {
    // Two functions: this one, and the web bucket's rewrite (below).
    expect(Object.keys(dev.template.findResources('AWS::CloudFront::Function'))).toHaveLength(2);
    const { id: fnId, fn } = cloudFrontFunction(dev, dev.stack.cdn.forwardHost);
    expect(fn.Properties).toMatchObject({
      AutoPublish: true,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
    });

    // Run the deployed code on viewer requests: the header is the viewer's Host, whatever the viewer sent.
    const handler = functionHandler(fn.Properties.FunctionCode);
    const run = (headers: ViewerRequest['headers']) => handler({ headers }).headers;
    expect(run({ host: { value: 'd111.cloudfront.net' } })[FORWARDED_HOST_HEADER]).toEqual({
      value: 'd111.cloudfront.net',
    });
    const spoofed = run({
      host: { value: 'atlas.example.org' },
      [FORWARDED_HOST_HEADER]: {
        value: 'evil.example',
        multiValue: [{ value: 'evil.example' }, { value: 'x' }],
      },
      accept: { value: '*/*' },
    });
    expect(spoofed[FORWARDED_HOST_HEADER]).toEqual({ value: 'atlas.example.org' });
    expect(spoofed.host).toEqual({ value: 'atlas.example.org' });
    expect(spoofed.accept).toEqual({ value: NORMALISED_ACCEPT.json });
    expect(
      run({ [FORWARDED_HOST_HEADER]: { value: 'evil.example' } })[FORWARDED_HOST_HEADER],
    ).toBeUndefined();

    // Associated as viewer request on each function-URL behaviour, and nowhere else (the web bucket).
    const byPath = behaviours(dev);
    for (const p of FUNCTION_PATHS) {
      expect(byPath[p]?.FunctionAssociations, p).toEqual([
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } },
      ]);
    }
    const web = [distributionConfig(dev).DefaultCacheBehavior, ...EMBED_PATHS.map((p) => byPath[p])];
    expect(JSON.stringify(web)).not.toContain(fnId);
  });

  it('serves /embed/index.html for /embed and /embed/ from the web bucket, query string kept, nothing else rewritten', () => {
    const { id: fnId, fn } = cloudFrontFunction(dev, dev.stack.cdn.webRewrite);
    expect(fn.Properties).toMatchObject({
      AutoPublish: true,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
    });

    // Run the deployed code on viewer requests as CloudFront builds them: the query string is its own field.
    const handler = functionHandler(fn.Properties.FunctionCode);
    const run = (url: string) => {
      const [uri = '', query] = url.split('?');
      const querystring = Object.fromEntries(
        [...new URLSearchParams(query ?? '')].map(([key, value]) => [key, { value }]),
      );
      const headers = { host: { value: 'd111.cloudfront.net' } };
      const out = handler({ uri, querystring, headers });
      // The headers always pass untouched.
      expect(out.headers).toEqual(headers);
      return { uri: out.uri, querystring: out.querystring };
    };
    expect(run('/embed')).toEqual({ uri: '/embed/index.html', querystring: {} });
    expect(run('/embed/')).toEqual({ uri: '/embed/index.html', querystring: {} });
    expect(run('/embed/?lang=fr')).toEqual({
      uri: '/embed/index.html',
      querystring: { lang: { value: 'fr' } },
    });
    expect(run('/embed?lang=fr&round=72')).toEqual({
      uri: '/embed/index.html',
      querystring: { lang: { value: 'fr' }, round: { value: '72' } },
    });
    // `/` is the default root object's job; files (and look-alikes) pass as they are.
    for (const uri of [
      '/',
      '/index.html',
      '/assets/x.js',
      '/embed/index.html',
      '/embed/assets/x.js',
      '/embedded',
      '/fonts/Noto%20Sans%20Regular/0-255.pbf',
    ]) {
      expect(run(uri), uri).toEqual({ uri, querystring: {} });
    }
    expect(run('/?lang=fr')).toEqual({ uri: '/', querystring: { lang: { value: 'fr' } } });

    // Viewer request on every behaviour that reaches the web bucket: the default one and the embed page's.
    const byPath = behaviours(dev);
    const config = distributionConfig(dev);
    for (const behaviour of [config.DefaultCacheBehavior, ...EMBED_PATHS.map((p) => byPath[p])]) {
      expect(behaviour?.FunctionAssociations).toEqual([
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } },
      ]);
    }
  });

  it('tile bodies are cached by path and data version, never by host, as long as the origin Cache-Control says', () => {
    const tileCache = logicalId(dev.stack, dev.stack.cdn.tileCache);
    expect(behaviours(dev)['/tiles/*']?.CachePolicyId).toEqual({ Ref: tileCache });
    expect(resource(dev, tileCache).Properties.CachePolicyConfig).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: 365 * 24 * 3600,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        // `v` decides between a year (immutable) and a minute: without it in the key, a versioned answer would
        // be served for the next version's URL.
        QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['v'] },
        // Accept as the edge folds it (JSON or HTML): an error is a page for a browser, JSON for a map client.
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['accept'] },
        CookiesConfig: { CookieBehavior: 'none' },
      },
    });
  });

  it("folds Accept into JSON or HTML at the edge by the app's own rule, so the cache keeps two copies at most", () => {
    const { fn } = cloudFrontFunction(dev, dev.stack.cdn.forwardHost);
    const handler = functionHandler(fn.Properties.FunctionCode);
    const fold = (accept: string | undefined) =>
      handler({ headers: accept === undefined ? {} : { accept: { value: accept } } }).headers.accept?.value;
    const headers = [
      undefined,
      '',
      '*/*',
      'application/json',
      'application/json, text/plain, */*',
      // Chromium and Firefox navigating, and Safari.
      'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'application/xhtml+xml,text/html;q=0.9,*/*;q=0.5',
      'text/html;q=0, */*',
      'application/json;q=0.5, text/html',
      'text/html, application/json',
      'application/json, text/html',
      'TEXT/HTML',
      'text/html;q=abc, application/json',
    ];
    for (const accept of headers) {
      const expected = prefersHtml(accept) ? NORMALISED_ACCEPT.html : NORMALISED_ACCEPT.json;
      expect(fold(accept), String(accept)).toBe(expected);
      // The folded value means the same to the app.
      expect(prefersHtml(fold(accept)), String(accept)).toBe(prefersHtml(accept));
    }
    expect(new Set(headers.map(fold)).size).toBe(2);
  });

  it('answers naming the host are keyed by query string and forwarded host; /healthz is never cached; the page uses CachingOptimized', () => {
    const config = distributionConfig(dev);
    const metadataCache = logicalId(dev.stack, dev.stack.cdn.metadataCache);
    const byPath = behaviours(dev);
    for (const p of METADATA_PATHS) expect(byPath[p]?.CachePolicyId, p).toEqual({ Ref: metadataCache });
    expect(byPath['/healthz']?.CachePolicyId).toBe(MANAGED.cachingDisabled);
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(MANAGED.cachingOptimized);
    for (const p of EMBED_PATHS) expect(byPath[p]?.CachePolicyId, p).toBe(MANAGED.cachingOptimized);
    expect(resource(dev, metadataCache).Properties.CachePolicyConfig).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        QueryStringsConfig: { QueryStringBehavior: 'all' },
        // In the key, and so also forwarded: a copy per host name the distribution answers to.
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: [FORWARDED_HOST_HEADER, 'accept'] },
        CookiesConfig: { CookieBehavior: 'none' },
      },
    });
  });

  it('two header policies, both with CORS for any origin exposing the same headers as the app (ETag, Content-Encoding, Content-Length), HSTS, nosniff and a referrer policy', () => {
    const policies = dev.template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    const ids = headerPolicies(dev);
    const config = (id: string) => resource(dev, id).Properties.ResponseHeadersPolicyConfig;
    for (const id of [ids.site, ids.embed]) {
      expect(config(id), id).toMatchObject({
        CorsConfig: {
          AccessControlAllowCredentials: false,
          AccessControlAllowHeaders: { Items: ['*'] },
          AccessControlAllowMethods: { Items: ['GET', 'HEAD', 'OPTIONS'] },
          AccessControlAllowOrigins: { Items: ['*'] },
          // The same headers the app's own CORS exposes (core/routes.ts CORS_EXPOSED_HEADERS).
          AccessControlExposeHeaders: {
            Items: ['ETag', 'Content-Encoding', 'Content-Length', 'Content-Range'],
          },
          AccessControlMaxAgeSec: 86_400,
          OriginOverride: true,
        },
        SecurityHeadersConfig: {
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 31_536_000,
            IncludeSubdomains: true,
            Override: true,
          },
        },
      });
    }
    // They differ only in who may frame the answer.
    const {
      FrameOptions: _site,
      ContentSecurityPolicy: _siteCsp,
      ...siteRest
    } = config(ids.site).SecurityHeadersConfig;
    const { ContentSecurityPolicy: _embedCsp, ...embedRest } = config(ids.embed).SecurityHeadersConfig;
    expect(embedRest).toEqual(siteRest);
    expect(config(ids.embed).CorsConfig).toEqual(config(ids.site).CorsConfig);
  });

  it("the app's CSP, framed by 'self' only with X-Frame-Options SAMEORIGIN; the embed page by any site, without it", () => {
    const ids = headerPolicies(dev);
    const security = (id: string) =>
      resource(dev, id).Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security(ids.site)).toMatchObject({
      ContentSecurityPolicy: {
        ContentSecurityPolicy: `${CONTENT_SECURITY_POLICY}; frame-ancestors 'self'`,
        Override: true,
      },
      FrameOptions: { FrameOption: 'SAMEORIGIN', Override: true },
    });
    expect(security(ids.embed)).toMatchObject({
      ContentSecurityPolicy: {
        ContentSecurityPolicy: `${CONTENT_SECURITY_POLICY}; frame-ancestors *`,
        Override: true,
      },
    });
    expect(security(ids.embed).FrameOptions).toBeUndefined();
    // One source of truth: the app's policy, no frame-ancestors of its own.
    expect(CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(CSP.site.startsWith(CONTENT_SECURITY_POLICY)).toBe(true);
    expect(CSP.embed.startsWith(CONTENT_SECURITY_POLICY)).toBe(true);
    // CloudFront caps a response headers policy's CSP at 1,783 characters.
    expect(CSP.site.length).toBeLessThanOrEqual(1783);
  });

  it('CloudFront sends the framing headers the app itself sends, path for path', async () => {
    const app = new Hono().use(securityHeaders()).get('*', (c) => c.text('ok'));
    const ids = headerPolicies(dev);
    const security = (id: string) =>
      resource(dev, id).Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const byPath = behaviours(dev);
    const policyOf = (path: string) => {
      // The behaviour CloudFront picks for these paths (no other pattern can match them).
      const pattern = path === '/embed' ? '/embed' : path.startsWith('/embed/') ? '/embed/*' : undefined;
      const behaviour = pattern ? byPath[pattern] : distributionConfig(dev).DefaultCacheBehavior;
      return (behaviour?.ResponseHeadersPolicyId as { Ref: string } | undefined)?.Ref ?? 'none';
    };
    for (const path of ['/', '/index.html', '/embed', '/embed/', '/embed/index.html', '/fonts/x/0-255.pbf']) {
      const res = await app.request(path);
      const edge = security(policyOf(path));
      expect(edge.ContentSecurityPolicy.ContentSecurityPolicy, path).toBe(
        res.headers.get('content-security-policy'),
      );
      expect(edge.FrameOptions?.FrameOption ?? null, path).toBe(res.headers.get('x-frame-options'));
    }
    expect(policyOf('/embed/')).toBe(ids.embed);
    expect(policyOf('/')).toBe(ids.site);
  });

  it('only this distribution may read the web bucket (S3 origin access control)', () => {
    const all = ids(dev);
    const policy = Object.values(dev.template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === all.webBucket,
    );
    const read = policy?.Properties.PolicyDocument.Statement.find(
      (st: { Principal?: { Service?: string } }) => st.Principal?.Service === 'cloudfront.amazonaws.com',
    );
    expect(read).toMatchObject({ Action: 's3:GetObject', Effect: 'Allow' });
    expect(flat(read.Condition.StringEquals['AWS:SourceArn'])).toContain(
      `:distribution/<${all.distribution}>`,
    );
    expect(flat(read.Resource)).toBe(`<${all.webBucket}.Arn>/*`);
  });
});

describe('web build', () => {
  it('uploads web/dist: hashed assets immutable and kept, glyphs typed and short-lived, pages short-lived and invalidated', () => {
    const deployments = Object.values(dev.template.findResources('Custom::CDKBucketDeployment')).map(
      (d) => d.Properties,
    );
    expect(deployments).toHaveLength(3);
    const byInclude = (include: string) => deployments.find((d) => d.Include?.[0] === include);
    expect(byInclude('assets/*')).toMatchObject({
      Exclude: ['*'],
      Include: ['assets/*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    // Glyph PBFs keep their names from build to build: not immutable, and typed here, since the upload's
    // content-type guess does not know .pbf; typed application/protobuf, which CloudFront compresses (it does
    // not compress application/x-protobuf). Not invalidated: a minute of the previous glyphs is harmless.
    const fonts = byInclude('fonts/*');
    expect(fonts).toMatchObject({
      Exclude: ['*'],
      Include: ['fonts/*'],
      Prune: true,
      SystemMetadata: { 'content-type': 'application/protobuf', 'cache-control': 'public, max-age=60' },
    });
    expect(GLYPH_CONTENT_TYPE).toBe('application/protobuf');
    expect(fonts?.DistributionPaths).toBeUndefined();
    const pages = deployments.find((d) => !d.Include);
    expect(pages).toMatchObject({
      Exclude: ['assets/*', 'fonts/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'public, max-age=60' },
      DistributionId: { Ref: ids(dev).distribution },
      // The embed page is cached under /embed/index.html whichever of /embed, /embed/ was asked for.
      DistributionPaths: ['/', '/index.html', '/embed/index.html'],
    });
    expect(pages?.SystemMetadata['content-type']).toBeUndefined();
    // Pages go last, once what they load is in place.
    const [pagesId] = Object.entries(dev.template.findResources('Custom::CDKBucketDeployment')).find(
      ([, d]) => !d.Properties.Include,
    ) as [string, any];
    const dependsOn = dev.template.toJSON().Resources[pagesId].DependsOn as string[];
    const others = Object.entries(dev.template.findResources('Custom::CDKBucketDeployment'))
      .filter(([id]) => id !== pagesId)
      .map(([id]) => id);
    expect(dependsOn).toEqual(expect.arrayContaining(others));
    expect(dev.stack.webDeployed).toBe(true);
  });

  it('without a web build the stack still synthesizes, without the upload, and says why', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'atlas-no-web-'));
    const s = synth({ stage: 'dev' }, { webDistDir: empty });
    s.template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    expect(s.stack.webDeployed).toBe(false);
    s.annotations.hasWarning('/DtmAtlas-dev/Web', Match.stringLikeRegexp('index.html not found'));
    expect(JSON.stringify(s.annotations.findWarning('*', Match.anyValue()))).toContain(WEB_DIST_MISSING);
  });
});

describe('outputs', () => {
  it('gives the site URL, the XYZ template and the upload prefix', () => {
    const all = ids(dev);
    const outputs = dev.template.toJSON().Outputs;
    const domain = `<${all.distribution}.DomainName>`;
    expect(flat(outputs.SiteUrl.Value)).toBe(`https://${domain}/`);
    expect(flat(outputs.TileUrlTemplate.Value)).toBe(
      `https://${domain}/tiles/{dataset}/{round}/{z}/{x}/{y}.mvt`,
    );
    expect(flat(outputs.UploadPrefix.Value)).toBe(`s3://<${all.bucket}>/incoming/`);
  });
});

describe('stages and context', () => {
  it('prod is termination-protected; dev is not', () => {
    expect(prod.stack.terminationProtection).toBe(true);
    expect(dev.stack.terminationProtection).toBe(false);
    expect(prod.stack.stackName).toBe('DtmAtlas-prod');
  });

  it('with a custom domain: alias, certificate, TLS 1.2 and PUBLIC_BASE_URL on tiles and api only', () => {
    const s = synth({ stage: 'prod', ...DOMAIN });
    const config = distributionConfig(s);
    expect(config.Aliases).toEqual([DOMAIN.domainName]);
    expect(config.ViewerCertificate).toMatchObject({
      AcmCertificateArn: DOMAIN.certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    const all = ids(s);
    const env = (name: 'tiles' | 'api' | 'ingest') =>
      resource(s, all[name].fn).Properties.Environment.Variables;
    expect(env('tiles').PUBLIC_BASE_URL).toBe('https://atlas.example.org');
    expect(env('api').PUBLIC_BASE_URL).toBe('https://atlas.example.org');
    expect(env('ingest').PUBLIC_BASE_URL).toBeUndefined();
    // The fixed origin wins; the forwarded host is then not consulted at all.
    for (const name of ['tiles', 'api', 'ingest'] as const)
      expect(env(name).PUBLIC_HOST_HEADER).toBeUndefined();
    expect(s.template.toJSON().Outputs.SiteUrl.Value).toBe('https://atlas.example.org/');
  });

  it('-c publicBaseUrl alone still fixes the origin of tiles and api', () => {
    const s = synth({ stage: 'dev', publicBaseUrl: 'https://d111.cloudfront.net' });
    const all = ids(s);
    for (const name of ['tiles', 'api'] as const) {
      const env = resource(s, all[name].fn).Properties.Environment.Variables;
      expect(env.PUBLIC_BASE_URL).toBe('https://d111.cloudfront.net');
      expect(env.PUBLIC_HOST_HEADER).toBeUndefined();
    }
  });

  it('rejects an unknown stage, a domain without certificate, and a base URL with a path', () => {
    const read = (context: Record<string, string>) => readAtlasContext(new App({ context }).node);
    expect(read({}).stage).toBe('dev');
    expect(() => read({ stage: 'staging' })).toThrow(/stage.*dev, prod/);
    expect(() => read({ domainName: 'atlas.example.org' })).toThrow(/certificateArn/);
    expect(() => read({ publicBaseUrl: 'https://example.org/atlas' })).toThrow(/publicBaseUrl/);
    expect(read({ publicBaseUrl: 'https://d111.cloudfront.net' }).publicBaseUrl).toBe(
      'https://d111.cloudfront.net',
    );
  });
});
