import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageSettings } from './stage.ts';

/** What every bucket of the stack shares; each caller adds only what is specific to it. */
export interface PrivateBucketProps extends Omit<s3.BucketProps, 'removalPolicy' | 'autoDeleteObjects'> {
  settings: StageSettings;
}

/**
 * A bucket nobody reaches from the internet: all public access blocked, S3-managed encryption, TLS-only bucket
 * policy (`aws:SecureTransport`), ACLs off unless a caller needs them. Removal follows the stage: kept in prod,
 * emptied and deleted with a dev stack.
 */
export function privateBucket(scope: Construct, id: string, props: PrivateBucketProps): s3.Bucket {
  const { settings, ...rest } = props;
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: settings.removalPolicy,
    autoDeleteObjects: settings.autoDeleteObjects,
    ...rest,
  });
}
