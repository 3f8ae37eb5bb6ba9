import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { TableSpec } from '../inventory.ts';
import { ById } from './by-id.ts';
import { pascalCase } from './naming.ts';
import { rotatingKey } from './rotating-key.ts';

/** Properties of {@link Data}. */
export interface DataProps {
  /** The tables to create, normally the inventory's `tables` (tickets and audit). */
  readonly tables: readonly TableSpec[];
}

/** A table together with the inventory entry it was made from. */
export interface DataTable {
  readonly spec: TableSpec;
  readonly table: Table;
}

/**
 * The DynamoDB tables of the inventory: on demand, point-in-time recovery, deletion protection and
 * encryption with a customer-managed key. The audit table lives here too until the audit sealer
 * (hourly signed digests in an Object Lock bucket) gets its own construct.
 */
export class Data extends Construct {
  /** Encrypts every table; rotated yearly. */
  public readonly key = rotatingKey(this, 'Key', 'courtdesk: encrypts the DynamoDB tables (tickets, audit)');
  private readonly tablesById = new ById<TableSpec['id'], DataTable>('Data', 'table');

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);

    for (const spec of props.tables) {
      const table = new Table(this, `${pascalCase(spec.id)}Table`, {
        partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
        sortKey: { name: spec.sortKey, type: AttributeType.STRING },
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        ...(spec.timeToLiveAttribute ? { timeToLiveAttribute: spec.timeToLiveAttribute } : {}),
        // Each change with the item before and after it, for the table-stream triggers.
        ...(spec.stream === 'new-and-old-images' ? { stream: StreamViewType.NEW_AND_OLD_IMAGES } : {}),
        // Tickets and audit records are the court's records: never dropped with the stack (nor the
        // figures, which a rebuild could recompute, but only at the cost of reading every ticket).
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of spec.globalIndexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
          sortKey: { name: index.sortKey, type: AttributeType.STRING },
          ...(index.include
            ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
            : {}),
        });
      }
      this.tablesById.set(spec.id, { spec, table });
    }
  }

  /** The table with the inventory id `id`; throws if the inventory has no such table. */
  public table(id: TableSpec['id']): DataTable {
    return this.tablesById.get(id);
  }

  /** Every table, in inventory order. */
  public get tables(): readonly DataTable[] {
    return this.tablesById.all;
  }
}
