// How a variant is made: a copy of a design under another name that answers one open
// question differently, declared as data (VariantOf) plus, where the answer is code, the
// install that implements it. A variant is a Design like any other.
import type { Design, KernelParams } from '../core/index.ts';
import { QUESTIONS, type QuestionKey, type Reading } from './questions.ts';

export interface VariantSpec {
  /** Appended to the base name after "+": "magic" makes "private-data+magic". */
  readonly suffix: string;
  readonly question: QuestionKey;
  readonly reading: Reading;
  /** The patch for this reading; the base's when the reading is only kernel parameters. */
  readonly install?: Design['install'];
  /** Kernel parameters this reading runs under, on top of the base's. */
  readonly params?: KernelParams;
}

/** A variant of `base` answering `spec.question` with `spec.reading`. */
export function defineVariant(base: Design, spec: VariantSpec): Design {
  const question = QUESTIONS[spec.question];
  const readings = { ...base.readings };
  delete readings[question];
  return {
    name: `${base.name}+${spec.suffix}`,
    variant: { of: base.name, question, reading: spec.reading.reading, source: spec.reading.source },
    readings,
    title: `${base.title}; ${spec.reading.label}`,
    origin: base.origin,
    summary: `${base.summary} Variant: ${spec.reading.reading}.`,
    obligations: base.obligations,
    params: { ...base.params, ...spec.params },
    install: spec.install ?? base.install,
  };
}

/** `design` with its own reading of one more question (a kernel parameter left at its default). */
export function withReading(design: Design, question: QuestionKey, reading: Reading): Design {
  return { ...design, readings: { ...design.readings, [QUESTIONS[question]]: reading.reading } };
}
