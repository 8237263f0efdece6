import { writeFileSync } from 'node:fs';
import type { CommandIo } from './io';
import { parseCommandArgs } from './args';
import { openLocalStores } from '../local/stores';
import { StoriesRepository } from '../../shared/store/stories-repo';

const USAGE = 'usage: cchc export-labels [--out FILE]\n';

/**
 * `cchc export-labels`: every human-labelled story in the development set's
 * format (JSON Lines: id, title, summary, relevant, areas, variant), for the
 * next round of tuning.
 */
export async function run(argv: string[], io: CommandIo): Promise<number> {
  const values = parseCommandArgs(argv, { out: { type: 'string' } }, USAGE, io);
  if (!values) return 0;
  const stores = await openLocalStores({ log: (line) => io.stderr(`${line}\n`) });
  try {
    const labelled = await new StoriesRepository(stores.clients).listHumanLabelled();
    const lines = labelled
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((story) =>
        JSON.stringify({
          id: story.id,
          title: story.title,
          summary: story.summary ?? '',
          relevant: story.humanLabel!.relevant,
          areas: story.humanLabel!.relevant ? story.humanLabel!.areas : [],
          // Collected text is stored as NFC with its diacritics: the clean variant.
          variant: 'clean',
        }),
      );
    const text = lines.length ? `${lines.join('\n')}\n` : '';
    if (values.out) {
      writeFileSync(values.out, text);
      io.stderr(`Đã xuất ${lines.length} tin có nhãn của người vào ${values.out}\n`);
    } else {
      io.stdout(text);
    }
    return 0;
  } finally {
    await stores.stop();
  }
}
