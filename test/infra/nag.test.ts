import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synth } from './synth.ts';

const VARIANTS = {
  dev: { stage: 'dev' },
  prod: { stage: 'prod' },
  'prod with a custom domain': {
    stage: 'prod',
    domainName: 'atlas.example.org',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
  },
};

/** A cdk-nag suppression as stored in a resource's metadata. */
interface Suppression {
  id: string;
  reason: string;
  applies_to?: unknown[];
}

describe('cdk-nag AWS Solutions checks', () => {
  for (const [name, context] of Object.entries(VARIANTS)) {
    it(`${name}: no unsuppressed error or warning, and every suppression says why`, () => {
      const { annotations, template } = synth(context);
      const findings = [
        ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
        ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ].map((m) => `${m.id}: ${String(m.entry.data).split('\n')[0]}`);
      expect(findings).toEqual([]);

      const suppressions = Object.values(template.toJSON().Resources as Record<string, any>).flatMap(
        (r) => (r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as Suppression[],
      );
      expect(suppressions.length).toBeGreaterThan(0);
      for (const suppression of suppressions) {
        expect(suppression.id).toMatch(/^AwsSolutions-/);
        expect(suppression.reason.length, suppression.id).toBeGreaterThan(40);
      }
      // Only the findings we chose to accept, never a blanket one on the distribution's TLS with a certificate.
      const ids = new Set(suppressions.map((s) => s.id));
      expect([...ids].sort()).toEqual(
        [
          'AwsSolutions-CFR1',
          'AwsSolutions-CFR2',
          ...('certificateArn' in context ? [] : ['AwsSolutions-CFR4']),
          'AwsSolutions-IAM4',
          'AwsSolutions-IAM5',
          'AwsSolutions-L1',
          'AwsSolutions-S1',
        ].sort(),
      );
    });
  }
});
