/**
 * `cchc classify`: JSON Lines in, one JSON line out per input line, in
 * order. Streams stdin line by line so a large batch never sits in memory,
 * and a malformed line costs only its own answer.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { classify } from '../../shared/classify/classify';
import { parseCommandArgs } from './args';
import type { CommandIo } from './io';

const USAGE = `usage: cchc classify < items.jsonl

Reads JSON Lines on stdin, each {"id": string, "title": string, "summary"?: string, "body"?: string},
and writes one line per input, in order:
  {"id", "relevant", "areas", "confidence", "evidence"}
A malformed line yields {"id": <id or null>, "error": "…"} and the rest still go through.
`;

const ItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().nullish(),
  body: z.string().nullish(),
});

/** The answer line for one input line (exported for tests). */
export function classifyLine(line: string): string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    return JSON.stringify({ id: null, error: `invalid JSON: ${(error as Error).message}` });
  }
  const parsed = ItemSchema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : null;
    const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ');
    return JSON.stringify({ id, error: reason });
  }
  const { id, title, summary, body } = parsed.data;
  const result = classify({ title, summary, body });
  return JSON.stringify({ id, relevant: result.relevant, areas: result.areas, confidence: result.confidence, evidence: result.evidence });
}

/**
 * Runs `cchc classify` over `input` (process.stdin by default). Blank lines
 * are skipped; every other line gets exactly one output line. Exit 0.
 */
export async function run(argv: string[], io: CommandIo, input: Readable = process.stdin): Promise<number> {
  if (parseCommandArgs(argv, {}, USAGE, io) === null) return 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let batch: string[] = [];
  for await (const line of lines) {
    if (line.trim() === '') continue;
    batch.push(classifyLine(line));
    // Write in chunks: one write per line would dominate the cost on big inputs.
    if (batch.length >= 256) {
      io.stdout(batch.join('\n') + '\n');
      batch = [];
    }
  }
  if (batch.length > 0) io.stdout(batch.join('\n') + '\n');
  return 0;
}
