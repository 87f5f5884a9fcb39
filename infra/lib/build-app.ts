import { type App, Aspects, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AtlasStack, type AtlasStackProps } from './atlas-stack.ts';
import { readAtlasContext } from './stage.ts';

export interface BuildOptions {
  env?: Environment;
  /** Overrides for tests: another web build folder, other Lambda entries. */
  webDistDir?: AtlasStackProps['webDistDir'];
  entries?: AtlasStackProps['entries'];
}

/**
 * Adds the stage's stack (`DtmAtlas-<stage>`, stage from context) to the app, with cdk-nag's AWS Solutions
 * checks as an aspect: any unsuppressed finding is an error annotation, and `cdk synth` fails on it. The CDK
 * app and the tests both build through here, so the tests check what synth produces.
 */
export function buildAtlasApp(app: App, options: BuildOptions = {}): AtlasStack {
  const context = readAtlasContext(app.node);
  const stack = new AtlasStack(app, `DtmAtlas-${context.stage}`, {
    context,
    ...(options.env ? { env: options.env } : {}),
    ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}),
    ...(options.entries ? { entries: options.entries } : {}),
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return stack;
}
