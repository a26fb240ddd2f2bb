/**
 * `syncro-etl templates`: list the built-in column-mapping templates;
 * `syncro-etl templates show NAME|PATH`: one template in full.
 */
import type { Template } from '../../templates/schema.js';
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';

function describe(t: Template): string {
  return [
    `${t.name}  (${t.entity === 'contacts' ? 'one row per contact, grouped into customers' : 'one row per customer'})`,
    `  ${t.label}`,
    `  ${t.description}`,
    `  Detected by: ${t.fallback ? 'fallback when no specific template fits' : t.detect.join(', ')}`,
  ].join('\n');
}

export const templatesCommand: CommandFactory = (io, outcome) =>
  defineCommand({
    command: 'templates [action] [name]',
    describe: 'List the column-mapping templates, or show one (templates show NAME|PATH)',
    builder: (y) =>
      y
        .positional('action', { type: 'string', choices: ['list', 'show'], default: 'list', describe: 'list (default) or show' })
        .positional('name', { type: 'string', describe: 'With show: a template name or the path of a template file' }),
    handler: async (args) => {
      const { builtinTemplates, builtinTemplateDir, loadTemplate } = await import('../../templates/registry.js');
      if (args.action === 'show') {
        if (!args.name) {
          const { SyncroEtlError } = await import('../../errors.js');
          throw new SyncroEtlError('INVALID_ARGUMENT', `Name the template to show, e.g. 'syncro-etl templates show autotask'.`);
        }
        const t = loadTemplate(args.name);
        io.out(args.json ? JSON.stringify(t, null, 2) : `${describe(t)}\n\n${JSON.stringify(t, null, 2)}`);
      } else {
        const list = builtinTemplates();
        if (args.json) {
          io.out(
            JSON.stringify(
              list.map((t) => ({
                name: t.name,
                label: t.label,
                description: t.description,
                entity: t.entity,
                detect: t.detect,
                fallback: t.fallback,
              })),
              null,
              2,
            ),
          );
        } else {
          io.out(
            `${list.map(describe).join('\n\n')}\n\nBuilt-in templates live in ${builtinTemplateDir()}; write your own in the same format (templates/README.md) and pass --template path/to/it.json.`,
          );
        }
      }
      outcome.exitCode = 0;
    },
  });
