import { loadConfig } from '../../config.ts';
import { openDatabase } from '../db/client.ts';
import { Audit } from './audit.ts';

// `npm run audit:verify`: walks the audit hash chain and names every row that does not verify.
const config = loadConfig({ REDIS_URL: 'redis://unused:6379', ...process.env });
const database = await openDatabase(config);
const result = await new Audit(database.db, config.auditSecret).verify();
await database.close();
if (result.broken.length === 0) {
  process.stdout.write(`audit log intact: ${result.rows} rows verified\n`);
} else {
  process.stdout.write(`audit log TAMPERED: ${result.broken.length} of ${result.rows} rows do not verify: seq ${result.broken.join(', ')}\n`);
  process.exitCode = 1;
}
