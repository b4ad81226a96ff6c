import { loadConfig } from '../../config.ts';
import { openDatabase } from '../db/client.ts';
import { Audit } from './audit.ts';

// `npm run audit:verify`: checks every sealed audit row against its seal, names each altered, deleted
// or inserted row, and reports the unsealed tail (rows committed after the last seal).
const config = loadConfig({ REDIS_URL: 'redis://unused:6379', ...process.env });
const database = await openDatabase(config);
const result = await new Audit(database.db, config.auditSecret).verify();
await database.close();
const out = (line: string) => process.stdout.write(`${line}\n`);
const { unsealed } = result;
const tail = unsealed.rows === 0 ? 'no unsealed rows' : `${unsealed.rows} unsealed rows from seq ${unsealed.firstSeq} (oldest ${unsealed.oldestAt}), not yet tamper-evident`;
if (result.problems.length === 0 && result.brokenSeals.length === 0) {
  out(`audit log intact: ${result.rows} sealed rows in ${result.batches} seals verified; ${tail}`);
} else {
  out(`audit log TAMPERED: ${result.problems.length} of ${result.rows} sealed rows do not verify: ${result.problems.map((p) => `seq ${p.seq} ${p.problem}`).join(', ')}`);
  if (result.brokenSeals.length) out(`seals that do not verify or chain: batch ${result.brokenSeals.join(', ')}`);
  out(tail);
  process.exitCode = 1;
}
