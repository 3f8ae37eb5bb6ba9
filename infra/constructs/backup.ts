import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct, type IConstruct } from 'constructs';
import { acknowledgeNagFinding } from './nag.ts';
import { rotatingKey } from './rotating-key.ts';

/** Context keys of the backup settings (see {@link backupSettingsFromContext}). */
export const backupContextKeys = {
  dailyRetentionDays: 'courtdesk:backupDailyRetentionDays',
  monthlyRetentionDays: 'courtdesk:backupMonthlyRetentionDays',
  vaultLockGraceDays: 'courtdesk:backupVaultLockGraceDays',
} as const;

/** The settings {@link TableBackup} takes from context, with their defaults. */
export interface BackupSettings {
  /** Days a daily backup is kept. @default 35 */
  readonly dailyRetentionDays: number;
  /** Days a monthly backup is kept. @default 2557 (seven years) */
  readonly monthlyRetentionDays: number;
  /**
   * Days after deployment within which the vault lock can still be changed or removed; after them
   * it is in compliance mode: nobody, root included, can shorten a retention or delete a backup
   * early. `governance`: never locked for good (a trial stack; removable with IAM permission).
   * @default 3 (the least AWS Backup allows)
   */
  readonly vaultLockGraceDays: number | 'governance';
}

export const defaultBackupSettings: BackupSettings = {
  dailyRetentionDays: 35,
  monthlyRetentionDays: 2557,
  vaultLockGraceDays: 3,
};

/**
 * The backup settings from the context of `scope`, checked: whole numbers of days, the monthly
 * retention not shorter than the daily, a grace of at least the 3 days AWS Backup requires.
 */
export function backupSettingsFromContext(scope: IConstruct): BackupSettings {
  const days = (key: string, fallback: number, least: number): number => {
    const raw: unknown = scope.node.tryGetContext(key);
    if (raw === undefined || raw === null || raw === '') return fallback;
    const text = String(raw);
    if (!/^\d{1,5}$/.test(text) || Number(text) < least)
      throw new Error(`Context ${key} must be a whole number of days from ${least}, not ${text}`);
    return Number(text);
  };
  const dailyRetentionDays = days(
    backupContextKeys.dailyRetentionDays,
    defaultBackupSettings.dailyRetentionDays,
    1,
  );
  const monthlyRetentionDays = days(
    backupContextKeys.monthlyRetentionDays,
    defaultBackupSettings.monthlyRetentionDays,
    dailyRetentionDays,
  );
  const grace: unknown = scope.node.tryGetContext(backupContextKeys.vaultLockGraceDays);
  const vaultLockGraceDays =
    grace === 'governance' ? 'governance' : days(backupContextKeys.vaultLockGraceDays, 3, 3);
  return { dailyRetentionDays, monthlyRetentionDays, vaultLockGraceDays };
}

/** Properties of {@link TableBackup}. */
export interface TableBackupProps extends Partial<BackupSettings> {
  /** The tables backed up: every table of the inventory. */
  readonly tables: readonly ITable[];
}

/**
 * AWS Backup of the tables, beside their point-in-time recovery and deletion protection, which an
 * administrator can switch off: a daily backup kept 35 days and a monthly one kept seven years, in
 * a vault of their own, encrypted with a key of its own and locked (Vault Lock): a backup cannot be
 * deleted, nor its retention shortened, before the vault's minimum retention (the daily rule's),
 * nor kept beyond its maximum (the monthly rule's). Once the grace days are over the lock itself
 * cannot be removed.
 */
export class TableBackup extends Construct {
  public readonly key = rotatingKey(this, 'VaultKey', 'courtdesk: encrypts the backup vault of the tables');
  public readonly vault: BackupVault;
  public readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    const settings = { ...defaultBackupSettings, ...props };
    if (settings.monthlyRetentionDays < settings.dailyRetentionDays)
      throw new Error('TableBackup: the monthly retention must not be shorter than the daily');

    this.vault = new BackupVault(this, 'Vault', {
      encryptionKey: this.key,
      // The vault cannot be deleted while it holds backups anyway; never with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
      lockConfiguration: {
        minRetention: Duration.days(settings.dailyRetentionDays),
        maxRetention: Duration.days(settings.monthlyRetentionDays),
        ...(settings.vaultLockGraceDays === 'governance'
          ? {}
          : { changeableFor: Duration.days(settings.vaultLockGraceDays) }),
      },
    });

    this.plan = new BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'Daily',
          // 02:00 UTC, after the night's sweeps; AWS Backup starts within the hour.
          scheduleExpression: Schedule.cron({ hour: '2', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(settings.dailyRetentionDays),
        }),
        new BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: Schedule.cron({ day: '1', hour: '3', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(settings.monthlyRetentionDays),
        }),
      ],
    });
    const selection = this.plan.addSelection('Tables', {
      resources: props.tables.map((table) => BackupResource.fromDynamoDbTable(table)),
    });
    acknowledgeNagFinding(
      selection,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      "AWS Backup's own service-role policy, maintained by AWS for the resource types it backs up; the selection names which resources: courtdesk's tables only.",
    );
  }
}
