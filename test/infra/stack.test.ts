import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { INCOMING_PREFIX } from '../../functions/ingest/incoming.ts';
import { tableDefinition } from '../../functions/store/table.ts';
import { CONTENT_SECURITY_POLICY, FORWARDED_HOST_HEADER } from '../../infra/lib/cdn.ts';
import { DATA_PREFIXES, INGEST_REPORT_KEYS } from '../../infra/lib/data-store.ts';
import { readAtlasContext } from '../../infra/lib/stage.ts';
import { WEB_DIST_MISSING } from '../../infra/lib/web-site.ts';
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
  '/api/*',
  '/healthz',
];
const METADATA_PATHS = ['/tiles', '/tiles/*/tiles.json', '/styles/*', '/qgis/*', '/api/*'];

/** A CloudFront Functions viewer-request event (only the parts the function reads). */
type ViewerRequest = { headers: Record<string, { value: string; multiValue?: { value: string }[] }> };

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
  });
});

describe('Lambda functions', () => {
  const expected = {
    tiles: { memory: 1024, timeout: 15 },
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

  it('tiles and api only read: the table, and the bucket under boundaries/', () => {
    const all = ids(dev);
    for (const name of ['tiles', 'api'] as const) {
      const statements = roleStatements(dev.template, all[name].role);
      const actions = statements.flatMap((st) => st.Action);
      expect(actions.filter((action) => WRITE_ACTION.test(action))).toEqual([]);
      expect(actions).toEqual(
        expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan']),
      );
      const objectReads = statements.filter((st) => st.Action.includes('s3:GetObject'));
      expect(objectReads.flatMap((st) => st.Resource.map(flat))).toEqual([
        `<${all.bucket}.Arn>/boundaries/*`,
      ]);
      const list = statements.filter((st) => st.Action.includes('s3:ListBucket'));
      expect(list.flatMap((st) => st.Resource.map(flat))).toEqual([`<${all.bucket}.Arn>`]);
      for (const statement of statements.filter((st) => st.Action.some((a) => a.startsWith('dynamodb:')))) {
        expect(statement.Resource.map(flat)).toEqual([`<${all.table}.Arn>`, `<${all.table}.Arn>/index/*`]);
      }
    }
  });

  it('only ingest writes: the table, and its report next to an upload; it reads uploads and boundaries', () => {
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
    expect(objectWrites.flatMap((st) => st.Action)).toEqual(['s3:PutObject']);
    expect(objectWrites.flatMap((st) => st.Resource.map(flat))).toEqual([
      `<${all.bucket}.Arn>/incoming/*.report.json`,
    ]);
    const objectReads = statements.filter((st) => st.Action.includes('s3:GetObject'));
    expect(objectReads.flatMap((st) => st.Resource.map(flat)).sort()).toEqual([
      `<${all.bucket}.Arn>/boundaries/*`,
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
    expect(Object.keys(byPath)).toEqual(FUNCTION_PATHS);
    const domainOf = (behaviour: Behaviour) => flat(originOf(behaviour.TargetOriginId).DomainName);
    const tilesUrl = logicalId(dev.stack, dev.stack.functions.tilesUrl);
    const apiUrl = logicalId(dev.stack, dev.stack.functions.apiUrl);
    for (const p of ['/tiles', '/tiles/*/tiles.json', '/tiles/*', '/styles/*', '/qgis/*']) {
      expect(domainOf(byPath[p] as Behaviour), p).toContain(`<${tilesUrl}.FunctionUrl>`);
    }
    for (const p of ['/api/*', '/healthz']) {
      expect(domainOf(byPath[p] as Behaviour), p).toContain(`<${apiUrl}.FunctionUrl>`);
    }
    expect(domainOf(config.DefaultCacheBehavior)).toBe(`<${all.webBucket}.RegionalDomainName>`);
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.PriceClass).toBe('PriceClass_200');
    expect(config.HttpVersion).toBe('http2and3');
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
  });

  it('every behaviour allows only GET/HEAD/OPTIONS over HTTPS, compressed, with the response headers policy', () => {
    const config = distributionConfig(dev);
    const headers = logicalId(dev.stack, dev.stack.cdn.responseHeaders);
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behaviour).toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        CachedMethods: ['GET', 'HEAD'],
        Compress: true,
        ViewerProtocolPolicy: 'redirect-to-https',
        ResponseHeadersPolicyId: { Ref: headers },
      });
    }
  });

  it('function origins are signed (OAC, SigV4) and never get the viewer Host header', () => {
    const config = distributionConfig(dev);
    for (const behaviour of config.CacheBehaviors) {
      // Every viewer header except Host: x-forwarded-host, as the viewer-request function set it, included.
      expect(behaviour.OriginRequestPolicyId).toBe(MANAGED.allViewerExceptHost);
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
    const fns = Object.entries(dev.template.findResources('AWS::CloudFront::Function'));
    expect(fns).toHaveLength(1);
    const [fnId, fn] = fns[0] as [string, any];
    expect(fn.Properties).toMatchObject({
      AutoPublish: true,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
    });
    expect(fnId).toBe(logicalId(dev.stack, dev.stack.cdn.forwardHost));

    // Run the deployed code on viewer requests: the header is the viewer's Host, whatever the viewer sent.
    const handler = runInNewContext(`${fn.Properties.FunctionCode}\nhandler;`) as (event: {
      request: ViewerRequest;
    }) => ViewerRequest;
    const run = (headers: ViewerRequest['headers']) => handler({ request: { headers } }).headers;
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
    expect(spoofed.accept).toEqual({ value: '*/*' });
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
    expect(distributionConfig(dev).DefaultCacheBehavior.FunctionAssociations).toBeUndefined();
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
        HeadersConfig: { HeaderBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
      },
    });
  });

  it('answers naming the host are keyed by query string and forwarded host; /healthz is never cached; the page uses CachingOptimized', () => {
    const config = distributionConfig(dev);
    const metadataCache = logicalId(dev.stack, dev.stack.cdn.metadataCache);
    const byPath = behaviours(dev);
    for (const p of METADATA_PATHS) expect(byPath[p]?.CachePolicyId, p).toEqual({ Ref: metadataCache });
    expect(byPath['/healthz']?.CachePolicyId).toBe(MANAGED.cachingDisabled);
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(MANAGED.cachingOptimized);
    expect(resource(dev, metadataCache).Properties.CachePolicyConfig).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        QueryStringsConfig: { QueryStringBehavior: 'all' },
        // In the key, and so also forwarded: a copy per host name the distribution answers to.
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: [FORWARDED_HOST_HEADER] },
        CookiesConfig: { CookieBehavior: 'none' },
      },
    });
  });

  it('adds CORS for any origin exposing ETag, HSTS, nosniff, a referrer policy and the map CSP', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        CorsConfig: {
          AccessControlAllowCredentials: false,
          AccessControlAllowHeaders: { Items: ['*'] },
          AccessControlAllowMethods: { Items: ['GET', 'HEAD', 'OPTIONS'] },
          AccessControlAllowOrigins: { Items: ['*'] },
          AccessControlExposeHeaders: { Items: ['ETag'] },
          OriginOverride: true,
        },
        SecurityHeadersConfig: {
          ContentSecurityPolicy: {
            ContentSecurityPolicy:
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors *",
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000 }),
          FrameOptions: Match.absent(),
        },
      },
    });
    expect(CONTENT_SECURITY_POLICY).toContain('frame-ancestors *');
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
  it('uploads web/dist: hashed assets immutable and kept, pages short-lived and invalidated', () => {
    dev.template.resourceCountIs('Custom::CDKBucketDeployment', 2);
    dev.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      Include: ['assets/*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    dev.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      Exclude: ['assets/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'public, max-age=60' },
      DistributionId: { Ref: ids(dev).distribution },
      DistributionPaths: ['/', '/index.html'],
    });
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
