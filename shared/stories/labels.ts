import * as z from 'zod';
import { AREA_IDS, type AreaId } from '../config/areas';

/** What a classifier says of a story's text. */
export interface Classification {
  relevant: boolean;
  /** Primary first; empty when not relevant. */
  areas: AreaId[];
  confidence: number;
  /** The phrases that decided. */
  evidence: string[];
}

/** A classifier as the pipeline uses it: its version travels with every label. */
export interface StoryClassifier {
  version: string;
  classify(input: { title: string; summary?: string | null; body?: string | null }): Classification;
}

/** The machine's label of a story, kept beside any human's. */
export interface MachineLabel extends Classification {
  version: string;
  at: string;
}

/** A person's correction of a story's relevance and areas; it wins over the machine's everywhere. */
export interface HumanLabel {
  relevant: boolean;
  areas: AreaId[];
  by: string;
  at: string;
}

/** The label that counts: a human's when there is one, else the machine's, else none. */
export function effectiveLabel(machine: MachineLabel | undefined, human: HumanLabel | undefined): { relevant: boolean; areas: AreaId[]; confidence: number } | undefined {
  if (human) return { relevant: human.relevant, areas: human.relevant ? human.areas : [], confidence: 1 };
  if (machine) return { relevant: machine.relevant, areas: machine.areas, confidence: machine.confidence };
  return undefined;
}

/** The machine label of a text, stamped with the classifier's version and the time. */
export function machineLabelOf(
  classifier: StoryClassifier,
  text: { title: string; summary?: string | null; body?: string | null },
  now: Date,
): MachineLabel {
  return { ...classifier.classify(text), version: classifier.version, at: now.toISOString() };
}

/** Refused label input, with a message for the person who sent it. */
export class LabelError extends Error {
  override name = 'LabelError';
}

/** Someone else changed the story first; the caller must reload. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    readonly changedBy: string | null,
    readonly changedAt: string | null,
  ) {
    super(`changed by ${changedBy ?? 'someone'} at ${changedAt ?? 'an unknown time'} — reload`);
  }
}

/** A human label as people send it (CLI, API, form), validated at the boundary. */
export const humanLabelInputSchema = z
  .object({
    relevant: z.boolean(),
    areas: z.array(z.enum(AREA_IDS)).default([]),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.relevant && input.areas.length === 0) ctx.addIssue({ code: 'custom', path: ['areas'], message: 'a relevant story needs at least one area' });
    if (!input.relevant && input.areas.length > 0) ctx.addIssue({ code: 'custom', path: ['areas'], message: 'a story that is not relevant has no areas' });
    if (new Set(input.areas).size !== input.areas.length) ctx.addIssue({ code: 'custom', path: ['areas'], message: 'an area is listed twice' });
  });

/** Validates a human label; the error names the field. */
export function parseHumanLabelInput(raw: unknown): { relevant: boolean; areas: AreaId[] } {
  const result = humanLabelInputSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new LabelError(`${issue.path.join('.') || 'label'}: ${issue.message}`);
  }
  return result.data;
}
