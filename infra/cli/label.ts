import type { CommandIo } from './io';
import { CliError } from './io';
import { parseCommandArgs } from './args';
import { openLocalStores } from '../local/stores';
import { StoriesRepository } from '../../shared/store/stories-repo';
import { ConflictError, LabelError, parseHumanLabelInput } from '../../shared/stories/labels';
import { loadConfig } from '../../shared/config/load';
import { createDeskService } from '../../shared/desks/create';
import { DEMO_CONFIG } from '../local/paths';

const USAGE = 'usage: cchc label STORY_ID (--areas AREA[,AREA…] | --not-relevant) [--by NAME] [--config FILE]\n';

/** `cchc label`: a person's correction of a story's relevance and areas. */
export async function run(argv: string[], io: CommandIo): Promise<number> {
  const storyId = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
  const rest = storyId ? argv.slice(1) : argv;
  const values = parseCommandArgs(rest, { areas: { type: 'string' }, 'not-relevant': { type: 'boolean' }, by: { type: 'string' }, config: { type: 'string' } }, USAGE, io);
  if (!values) return 0;
  if (!storyId) throw new CliError(`label needs a story id — ${USAGE.trim()}`);
  if (values['not-relevant'] === (values.areas !== undefined)) throw new CliError(`give either --areas or --not-relevant — ${USAGE.trim()}`);
  let label;
  try {
    label = parseHumanLabelInput(
      values['not-relevant'] ? { relevant: false, areas: [] } : { relevant: true, areas: values.areas!.split(',').map((a) => a.trim()).filter(Boolean) },
    );
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const config = await loadConfig(values.config ?? DEMO_CONFIG).catch((error: Error) => {
    throw new CliError(error.message);
  });
  const stores = await openLocalStores({ log: (line) => io.stderr(`${line}\n`) });
  try {
    const stories = new StoriesRepository(stores.clients);
    const story = await stories.get(storyId);
    if (!story) throw new CliError(`no story with id ${storyId}`, 1);
    const by = values.by ?? process.env.USER ?? 'cli';
    // The same function as the desks' form: recorded in the history, and the story re-routed.
    const desks = createDeskService(stores.clients, config.desks ?? []);
    const saved = await desks.correctLabels({ storyId, raw: label, version: story.version, by, now: new Date() });
    io.stdout(`${JSON.stringify({ id: saved.id, relevant: saved.relevant, areas: saved.areas, by, version: saved.version })}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConflictError || error instanceof LabelError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    await stores.stop();
  }
}
