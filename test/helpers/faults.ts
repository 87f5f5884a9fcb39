import type { CatalogReader } from '../../functions/store/ports.ts';

/**
 * Fault injection: the real catalog, except that while `state.down` every call fails as DynamoDB throttling
 * does. Switch `down` back and the same catalog works again, as a dependency that recovers.
 */
export function switchableCatalog(real: CatalogReader) {
  const state = { down: false };
  const catalog = new Proxy(real, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (state.down) {
          const error = new Error('Rate of requests exceeds the allowed throughput.');
          error.name = 'ThrottlingException';
          return Promise.reject(error);
        }
        return value.apply(target, args);
      };
    },
  });
  return { catalog, state };
}

/** Endpoints nothing listens on (the discard port), with dummy keys: a dependency that is unreachable. */
export const UNREACHABLE_AWS = {
  region: 'us-east-1',
  dynamoEndpoint: 'http://127.0.0.1:9',
  s3Endpoint: 'http://127.0.0.1:9',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
};
