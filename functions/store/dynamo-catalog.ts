import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { unavailable } from '../core/errors.ts';
import type { JoinReport } from '../core/join.ts';
import { compareRounds } from '../core/rounds.ts';
import type { AreaFigures, DatasetMeta, RoundMeta, Site } from '../core/types.ts';
import type { CatalogWriter, PublishOutcome } from './ports.ts';
import { figureFromItem, publishConflict } from './stored-items.ts';
import { keys } from './table.ts';

const BATCH_SIZE = 25;

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];
const MAX_BATCH_ATTEMPTS = 8;

/** The catalog (datasets, rounds, figures, join reports) in one DynamoDB table. */
export class DynamoCatalog implements CatalogWriter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async listDatasets(): Promise<DatasetMeta[]> {
    // Datasets are few; a Scan filtered to META items is the simplest correct read.
    const result: DatasetMeta[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :meta',
          ExpressionAttributeValues: { ':meta': 'META' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) result.push(item.meta as DatasetMeta);
      start = page.LastEvaluatedKey;
    } while (start);
    return result.sort((a, b) => a.id.localeCompare(b.id));
  }

  async getDataset(id: string): Promise<DatasetMeta | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.dataset(id) }),
    );
    return Item?.meta as DatasetMeta | undefined;
  }

  async putDataset(meta: DatasetMeta): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.dataset(meta.id), meta } }),
    );
  }

  async listRounds(dataset: string): Promise<RoundMeta[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.dataset(dataset).pk, ':prefix': keys.roundPrefix },
    });
    return items
      .map((item) => item.round as RoundMeta)
      .filter((round) => round.status === 'published')
      .sort(compareRounds);
  }

  async getRound(dataset: string, key: string): Promise<RoundMeta | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.round(dataset, key), ConsistentRead: true }),
    );
    return Item?.round as RoundMeta | undefined;
  }

  async getFigures(dataset: string, key: string, version: string): Promise<AreaFigures[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :adm)',
      ExpressionAttributeValues: { ':pk': keys.versionPartition(dataset, key, version), ':adm': 'ADM' },
    });
    return items.map(figureFromItem);
  }

  async getReport(dataset: string, key: string, version: string): Promise<JoinReport | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: keys.versionPartition(dataset, key, version), sk: keys.reportSort },
      }),
    );
    return Item ? (JSON.parse(Item.report as string) as JoinReport) : undefined;
  }

  async getSites(dataset: string, key: string, version: string): Promise<Site[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :site)',
      ExpressionAttributeValues: {
        ':pk': keys.versionPartition(dataset, key, version),
        ':site': keys.sitePrefix,
      },
    });
    return items.map(({ pk: _pk, sk: _sk, ...site }) => site as unknown as Site);
  }

  async writeDraft(
    round: RoundMeta,
    figures: AreaFigures[],
    report: JoinReport,
    sites: Site[] = [],
  ): Promise<void> {
    const pk = keys.versionPartition(round.dataset, round.key, round.version);
    const items: Record<string, unknown>[] = figures.map((figure) => ({
      pk,
      sk: keys.figureSort(figure.level, figure.pcode),
      ...figure,
    }));
    for (const site of sites) items.push({ pk, sk: `${keys.sitePrefix}${site.id}`, ...site });
    // The report is stored as a JSON string: nested lists of mixed objects are awkward as DynamoDB maps.
    items.push({ pk, sk: keys.reportSort, report: JSON.stringify(report) });
    for (let i = 0; i < items.length; i += BATCH_SIZE) {
      await this.batchWrite(items.slice(i, i + BATCH_SIZE).map((Item) => ({ PutRequest: { Item } })));
    }
  }

  async publish(round: RoundMeta, expectedVersion: string | undefined): Promise<PublishOutcome> {
    if (expectedVersion === round.version) return 'unchanged';
    const published: RoundMeta = { ...round, status: 'published' };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.round(round.dataset, round.key), round: published },
          ConditionExpression:
            expectedVersion === undefined ? 'attribute_not_exists(pk)' : '#round.#version = :expected',
          ...(expectedVersion === undefined
            ? {}
            : {
                ExpressionAttributeNames: { '#round': 'round', '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
      return 'published';
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error as Error).name === 'ConditionalCheckFailedException'
      ) {
        // The SDK retries a write whose answer timed out; if the first try had landed, the retry finds the
        // round already at this version: that is this import's own write, not a rival's.
        const current = await this.getRound(round.dataset, round.key);
        if (current?.status === 'published' && current.version === round.version) return 'published';
        throw publishConflict(round);
      }
      throw error;
    }
  }

  async removeDataset(id: string): Promise<void> {
    const { pk } = keys.dataset(id);
    // The dataset item first: the dataset leaves the catalog at once, whatever happens next.
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.dataset(id) }));
    const rounds = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ProjectionExpression: 'pk, sk',
    });
    await this.deleteAll(rounds);
    // Figures live in one partition per round version (published, replaced or drafted and never published):
    // only a Scan finds them all. Removing a dataset is rare, so its cost is acceptable.
    const versions = await this.scanAll('begins_with(pk, :prefix)', { ':prefix': `${pk}#R#` });
    await this.deleteAll(versions);
  }

  private async deleteAll(itemKeys: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < itemKeys.length; i += BATCH_SIZE)
      await this.batchWrite(itemKeys.slice(i, i + BATCH_SIZE).map((Key) => ({ DeleteRequest: { Key } })));
  }

  private async scanAll(filter: string, values: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: filter,
          ExpressionAttributeValues: values,
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** BatchWrite with retries of unprocessed items (exponential backoff with jitter); never drops an item. */
  private async batchWrite(requests: WriteRequests): Promise<void> {
    let pending = requests;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_BATCH_ATTEMPTS) {
        throw unavailable(`DynamoDB kept ${pending.length} items unprocessed after ${attempt} attempts`);
      }
      if (attempt > 0) await this.sleep(Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2));
      const result = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      pending = result.UnprocessedItems?.[this.tableName] ?? [];
    }
  }

  private async queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
