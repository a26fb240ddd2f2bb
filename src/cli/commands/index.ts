/** Every command, one thin file each. Order is the order `--help` lists them. */
import type { CommandModule } from 'yargs';
import type { CommandOutcome } from '../app.js';
import type { CliIO } from '../io.js';
import { applyCommand } from './apply.js';
import { auditCommand } from './audit.js';
import { importCommand } from './import.js';
import { sandboxCommand } from './sandbox.js';
import { undoCommand } from './undo.js';
import { templatesCommand } from './templates.js';
import { validateCommand } from './validate.js';
import { exportCommand } from './export.js';
import { dedupeCommand } from './dedupe.js';
import { doctorCommand } from './doctor.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandFactory = (io: CliIO, outcome: CommandOutcome) => CommandModule<any, any>;

export const COMMANDS: CommandFactory[] = [
  importCommand,
  applyCommand,
  undoCommand,
  auditCommand,
  sandboxCommand,
  validateCommand,
  templatesCommand,
  exportCommand,
  dedupeCommand,
  doctorCommand,
];
