/** AWS Backup of the tables: the plan's two rules, the locked and encrypted vault, every table selected. */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { backupContextKeys, backupSettingsFromContext, TableBackup } from '../../infra/constructs/backup.ts';
import { tables } from '../../infra/inventory.ts';
import { arnOf, courtdesk, logicalId } from './support.ts';

const { stack, template } = courtdesk();

describe('TableBackup in the courtdesk stack', () => {
  it('backs up daily, kept 35 days, and monthly, kept seven years, by default', () => {
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'Daily',
            ScheduleExpression: 'cron(0 2 * * ? *)',
            Lifecycle: { DeleteAfterDays: 35 },
            TargetBackupVault: { 'Fn::GetAtt': [logicalId(stack.backup.vault), 'BackupVaultName'] },
          }),
          Match.objectLike({
            RuleName: 'Monthly',
            ScheduleExpression: 'cron(0 3 1 * ? *)',
            Lifecycle: { DeleteAfterDays: 2557 },
          }),
        ],
      },
    });
  });

  it('keeps them in a vault encrypted with its own key and locked: minimum the daily, maximum the monthly retention', () => {
    const vaults = template.findResources('AWS::Backup::BackupVault');
    expect(Object.keys(vaults)).toEqual([logicalId(stack.backup.vault)]);
    const vault = Object.values(vaults)[0] as {
      Properties: Record<string, unknown>;
      DeletionPolicy?: string;
    };
    expect(vault.Properties.EncryptionKeyArn).toEqual(arnOf(stack.backup.key));
    expect(vault.Properties.LockConfiguration).toEqual({
      MinRetentionDays: 35,
      MaxRetentionDays: 2557,
      ChangeableForDays: 3,
    });
    expect(vault.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'courtdesk: encrypts the backup vault of the tables',
      EnableKeyRotation: true,
    });
  });

  it('selects every table of the inventory, and only those', () => {
    const selections = Object.values(template.findResources('AWS::Backup::BackupSelection')) as {
      Properties: { BackupSelection: { Resources: unknown[] } };
    }[];
    expect(selections).toHaveLength(1);
    const expected = tables.map((spec) => arnOf(stack.data.table(spec.id).table));
    expect(selections[0]?.Properties.BackupSelection.Resources).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(2);
  });
});

describe('backup settings from context', () => {
  const settingsWith = (context: Record<string, unknown>) =>
    backupSettingsFromContext(new Stack(new App({ context }), 'Settings'));

  it('takes the retentions and the lock grace from context', () => {
    expect(
      settingsWith({
        [backupContextKeys.dailyRetentionDays]: 14,
        [backupContextKeys.monthlyRetentionDays]: '3653',
        [backupContextKeys.vaultLockGraceDays]: 7,
      }),
    ).toEqual({ dailyRetentionDays: 14, monthlyRetentionDays: 3653, vaultLockGraceDays: 7 });
    expect(settingsWith({ [backupContextKeys.vaultLockGraceDays]: 'governance' }).vaultLockGraceDays).toBe(
      'governance',
    );
  });

  it('refuses a grace shorter than AWS Backup allows, and a monthly retention shorter than the daily', () => {
    expect(() => settingsWith({ [backupContextKeys.vaultLockGraceDays]: 1 })).toThrow(
      /backupVaultLockGraceDays must be a whole number of days from 3/,
    );
    expect(() =>
      settingsWith({
        [backupContextKeys.dailyRetentionDays]: 40,
        [backupContextKeys.monthlyRetentionDays]: 30,
      }),
    ).toThrow(/backupMonthlyRetentionDays/);
    expect(() => settingsWith({ [backupContextKeys.dailyRetentionDays]: 'a month' })).toThrow();
  });

  it('in governance mode the lock has no grace after which it is fixed', () => {
    const trial = new Stack(new App(), 'Trial');
    const table = new TableV2(trial, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    new TableBackup(trial, 'Backup', { tables: [table], vaultLockGraceDays: 'governance' });
    Template.fromStack(trial).hasResourceProperties('AWS::Backup::BackupVault', {
      LockConfiguration: { MinRetentionDays: 35, MaxRetentionDays: 2557, ChangeableForDays: Match.absent() },
    });
  });
});
