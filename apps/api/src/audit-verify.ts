import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AuditService } from './core/audit/audit.service';
import { describeStartupFailure, prepareDatabase } from './startup';

/** `npm run audit:verify`: recomputes the audit hash chain; exits 1 when a record was altered. */
async function verify(): Promise<number> {
  const { embedded } = await prepareDatabase();
  process.env.SEED_DEMO = 'false';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const result = await app.get(AuditService).verify();
    if (result.ok) {
      process.stdout.write(
        `監査ログは改ざんされていません（${result.checked}件を確認）。 The audit log is intact (${result.checked} events checked).\n`,
      );
      return 0;
    }
    process.stdout.write(
      `監査ログの記録 ${result.brokenAt} 番が一致しません。 Audit event ${result.brokenAt} does not match the chain.\n`,
    );
    return 1;
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

verify().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${describeStartupFailure(error)}\n`);
    process.exit(2);
  },
);
