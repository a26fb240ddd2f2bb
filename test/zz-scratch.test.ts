import { test } from 'vitest';
import { runCli } from '../src/cli/app.js';
import { memoryIO } from '../src/cli/io.js';
test('x', async () => {
  for (const argv of [['validate', 'fixtures/generic/client-list.csv', '--rejects', '/tmp/rt/rej.csv'], ['templates'], ['templates', 'show', 'atera'], ['validate', 'fixtures/nope.csv'], ['validate', 'fixtures/syncro/customers.csv', '--json', '--rejects', '/tmp/rt/r2.csv']]) {
    const io = memoryIO();
    const code = await runCli(argv, io);
    console.log(argv.join(' '), '=>', code, '\n', io.stdout.join('\n').slice(0, 2500), '\nERR:', io.stderr.join('\n'));
  }
});
