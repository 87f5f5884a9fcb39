import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { AtlasError } from '../core/errors.ts';
import { cachedKey, type KeySource } from '../sync/key-source.ts';

/** Where SSM is: real AWS with the role's credentials, or (tests) an endpoint and the emulator keys. */
export interface SsmConnection {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** An SSM client that gives up in seconds, not minutes: a sync run should fail fast and say why. */
export function createSsmClient(connection: SsmConnection): SSMClient {
  return new SSMClient({
    region: connection.region,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    ...(connection.credentials ? { credentials: connection.credentials } : {}),
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 2000,
      requestTimeout: 5000,
      throwOnRequestTimeout: true,
    }),
  });
}

/**
 * The DTM API key read from an SSM Parameter Store SecureString (`GetParameter`, `WithDecryption`), when first
 * needed and kept; read again when the API refuses it, so a key rotated with `aws ssm put-parameter
 * --overwrite` is used by the next request that fails, without a redeploy. Errors name the parameter and what
 * SSM said (SSM's messages carry no parameter values), never the key.
 */
export function ssmKeySource(client: Pick<SSMClient, 'send'>, name: string): KeySource {
  const origin = `SSM parameter "${name}"`;
  return cachedKey(origin, async () => {
    let value: string | undefined;
    try {
      const answer = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      value = answer.Parameter?.Value;
    } catch (error) {
      const { name: kind, message } = error as Error;
      const found = kind === 'ParameterNotFound' || kind === 'ParameterVersionNotFound';
      // The SDK says "UnknownError" for an error answer without a message (SSM's ParameterNotFound has none).
      const said = message && message !== kind && message !== 'UnknownError' ? `: ${message}` : '';
      throw new AtlasError(found ? 'not_found' : 'unavailable', `could not read ${origin} (${kind}${said})`);
    }
    if (!value?.trim()) throw new AtlasError('not_found', `${origin} is empty`);
    return value.trim();
  });
}
