import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one DynamoDB table. Keys are generic (`pk`, `sk`) so one table holds datasets, rounds, figures and
 * reports; `gsi1` serves an area's series across rounds. The CDK stack and the local stand-in both use this.
 */
export const TABLE_KEYS = {
  partition: 'pk',
  sort: 'sk',
  seriesIndex: 'gsi1',
  seriesPartition: 'gsi1pk',
  seriesSort: 'gsi1sk',
};

export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' },
      { AttributeName: 'gsi1sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/** Item keys. Figures live under a versioned partition, so a new version never touches the published one. */
export const keys = {
  dataset: (dataset: string) => ({ pk: `DS#${dataset}`, sk: 'META' }),
  round: (dataset: string, key: string) => ({ pk: `DS#${dataset}`, sk: `ROUND#${key}` }),
  roundPrefix: 'ROUND#',
  versionPartition: (dataset: string, key: string, version: string) => `DS#${dataset}#R#${key}#V#${version}`,
  figureSort: (level: number, pcode: string) => `ADM${level}#${pcode}`,
  reportSort: 'REPORT',
  sitePrefix: 'SITE#',
};
