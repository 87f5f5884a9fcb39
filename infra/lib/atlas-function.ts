import type { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LOCKFILE, REPO_ROOT } from './paths.ts';
import type { StageSettings } from './stage.ts';

/** The Lambda runtime of every function: Node 22, which the pinned AWS SDK releases keep supporting. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_22_X;

/**
 * How every entry is bundled. esbuild runs locally (it is a devDependency), never in Docker. ESM output
 * (`index.mjs`); the banner gives CommonJS dependencies inside the bundle a `require` for Node built-ins.
 * The AWS SDK is bundled rather than taken from the runtime, so Lambda runs the exact SDK versions the tests
 * ran (package.json pins them), not whatever the runtime ships that month.
 */
export const LAMBDA_BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  banner:
    "import { createRequire as __atlasCreateRequire } from 'node:module'; const require = __atlasCreateRequire(import.meta.url);",
  bundleAwsSDK: true,
  // Nothing external: every dependency is plain JavaScript or WebAssembly (sql.js, resvg-wasm), whose .wasm
  // files are copied beside the bundle (`assets`), so the bundles run on arm64 as they do here on x64.
  externalModules: [],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
};

export interface AtlasFunctionProps {
  /** Absolute path of the entry file; it must export `handler`. */
  entry: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  settings: StageSettings;
  /** Files copied next to the bundle (absolute paths), for code that loads them at run time (.wasm, fonts). */
  assets?: readonly string[];
}

/**
 * One of the service's functions: arm64, Node 22, JSON logs into its own log group (retention per stage), and
 * its own role that can write only to that log group. No managed policy: every data permission is granted
 * by the caller, explicitly.
 */
export class AtlasFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AtlasFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.settings.logRetention,
      removalPolicy: props.settings.removalPolicy,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (execution role)`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCKFILE,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      description: props.description,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      environment: {
        ...props.environment,
        // Stack traces point into the TypeScript sources (the bundle ships a source map).
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: props.assets?.length
        ? {
            ...LAMBDA_BUNDLING,
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (_input: string, output: string) =>
                (props.assets ?? []).map((file) => `cp "${file}" "${output}/"`),
            },
          }
        : LAMBDA_BUNDLING,
    });
  }
}
