/** Every command, one thin file each. Order is the order `--help` lists them. */
import type { CommandFactory } from '../command.js';
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
