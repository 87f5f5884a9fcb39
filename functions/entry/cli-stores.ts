import { findRunningStandIns } from '../local/endpoints.ts';
import { type StandIns, startStandIns } from '../local/standins.ts';
import { createDocumentClient, createS3Client } from '../store/clients.ts';
import { DynamoCatalog } from '../store/dynamo-catalog.ts';
import { S3Boundaries } from '../store/s3-boundaries.ts';
import { S3Registry } from '../store/s3-registry.ts';

/** The stores a CLI works on, and how to let go of them. */
export interface CliStores {
  catalog: DynamoCatalog;
  boundaries: S3Boundaries;
  registry: S3Registry;
  close(): Promise<void>;
}

/**
 * The stores of the state folder: through the running `npm start`'s stand-ins when there is one (its
 * LevelDB is locked, and it then serves what the CLI writes at once), else stand-ins of the CLI's own.
 */
export async function openCliStores(stateDir: string, log: (line: string) => void): Promise<CliStores> {
  const running = await findRunningStandIns(stateDir);
  const own: StandIns | undefined = running ? undefined : await startStandIns({ dataDir: stateDir });
  const connection = running ?? (own as StandIns);
  log(running ? `using the stand-ins of the running server (pid ${running.pid})` : `opened ${stateDir}`);
  const s3 = createS3Client(connection.aws);
  return {
    catalog: new DynamoCatalog(createDocumentClient(connection.aws), connection.tableName),
    boundaries: new S3Boundaries(s3, connection.bucketName),
    registry: new S3Registry(s3, connection.bucketName),
    close: async () => {
      await own?.close();
    },
  };
}
