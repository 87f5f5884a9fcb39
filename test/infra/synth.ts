import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type CfnResource } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { AtlasStack } from '../../infra/lib/atlas-stack.ts';
import { type BuildOptions, buildAtlasApp } from '../../infra/lib/build-app.ts';
import { REPO_ROOT } from '../../infra/lib/paths.ts';

/** cdk.json's context (feature flags, default stage): the tests synthesize with exactly what `cdk synth` uses. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8'),
).context;

export interface Synthesized {
  app: App;
  stack: AtlasStack;
  template: Template;
  annotations: Annotations;
}

export interface SynthOptions extends BuildOptions {
  /** Run esbuild for the functions (slow); by default bundling is skipped and a placeholder asset is used. */
  bundle?: boolean;
  outdir?: string;
}

/** Builds the app as infra/bin/app.ts does, with extra context (e.g. `{ stage: 'prod' }`), and synthesizes it. */
export function synth(context: Record<string, unknown> = {}, options: SynthOptions = {}): Synthesized {
  const { bundle, outdir, ...build } = options;
  const app = new App({
    ...(outdir ? { outdir } : {}),
    context: {
      ...CDK_JSON_CONTEXT,
      // No stack is bundled: NodejsFunction then stages a placeholder instead of running esbuild.
      ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...context,
    },
  });
  const stack = buildAtlasApp(app, build);
  return { app, stack, template: Template.fromStack(stack), annotations: Annotations.fromStack(stack) };
}

/** The logical id CloudFormation knows a construct's main resource by. */
export function logicalId(stack: AtlasStack, construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnResource);
}

/** A policy statement as synthesized, with Action and Resource always arrays. */
export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: unknown[];
  Principal?: unknown;
  Condition?: unknown;
  Sid?: string;
}

function normalise(statement: Record<string, unknown>): Statement {
  const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  return {
    ...(statement as unknown as Statement),
    Action: list(statement.Action) as string[],
    Resource: list(statement.Resource),
  };
}

/** Every statement of every IAM policy attached to the role with this logical id. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement.map(normalise));
}

/** Every statement of every IAM policy and bucket policy in the template. */
export function allStatements(template: Template): Statement[] {
  return [
    ...Object.values(template.findResources('AWS::IAM::Policy')),
    ...Object.values(template.findResources('AWS::S3::BucketPolicy')),
  ].flatMap((policy) => policy.Properties.PolicyDocument.Statement.map(normalise));
}

/** A CloudFormation value (Fn::Join, Fn::GetAtt, literal) flattened to text, for pattern checks on ARNs. */
export function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flat).join('');
  if (value && typeof value === 'object') {
    const [key, inner] = Object.entries(value)[0] ?? [];
    if (key === 'Fn::Join') return (inner as [string, unknown[]])[1].map(flat).join((inner as [string])[0]);
    if (key === 'Fn::GetAtt') return `<${(inner as string[]).join('.')}>`;
    if (key === 'Ref') return `<${inner as string}>`;
    return `${key}(${Array.isArray(inner) ? inner.map(flat).join(',') : flat(inner)})`;
  }
  return String(value);
}
