// Makes `npx syncro-etl` work inside this checkout right after `npm ci`:
// npm links the bins of dependencies into node_modules/.bin, never the
// project's own, so we add ours (a relative symlink to the built CLI).
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'cli', 'main.js');
const binDir = join(root, 'node_modules', '.bin');
const link = join(binDir, 'syncro-etl');
if (!existsSync(target)) {
  console.error('link-bin: dist/cli/main.js is missing; run npm run build first');
  process.exit(1);
}
chmodSync(target, 0o755);
mkdirSync(binDir, { recursive: true });
rmSync(link, { force: true });
symlinkSync(relative(binDir, target), link);
