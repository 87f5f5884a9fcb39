import { App } from 'aws-cdk-lib';
import { buildAtlasApp } from '../lib/build-app.ts';

/**
 * The CDK app (cdk.json): `npx cdk synth` builds the dev stack, `npx cdk deploy -c stage=prod` the prod one.
 * Account and region come from the CLI's profile when deploying; synth needs neither, nor any network.
 */
buildAtlasApp(new App(), {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
