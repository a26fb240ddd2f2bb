import { blockingKeyHashes } from '../src/match/blocking.js';
import { prepareRecord } from '../src/match/prepare.js';
import { generateContacts } from './contact-generator.js';
const g = generateContacts(100000, 42);
const P = g.incoming.map((r) => prepareRecord(r, []));
const ctx = { companyTokenCount: () => 5 };
for (let rep = 0; rep < 3; rep++) {
  const c0 = process.cpuUsage();
  let n = 0;
  for (const r of P) n += blockingKeyHashes(r, ctx).length;
  const c1 = process.cpuUsage(c0);
  console.log('keys us/rec', (c1.user / 1e5).toFixed(1), 'keys/rec', n / P.length);
}
