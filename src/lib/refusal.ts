/**
 * Errors that say, as data, what they refused: the RangeError/TypeError of src/lib/validate.ts and
 * src/lib/query.ts carry a `Refusal` beside their English message, so a page can explain it in the
 * reader's language with the field's own label (src/i18n/refusal.ts) instead of parsing the text.
 * Every other RangeError/TypeError of src/lib carries at least its parameter (`rule: 'message'`,
 * see `paramRangeError`), so no page guesses it from the message (issue #12 §4).
 * Not re-exported by src/lib/index.ts: callers outside the site see plain RangeError/TypeError.
 */

/**
 * What was refused, as data: the pages explain it in the reader's language with the field's own label
 * (src/i18n/refusal.ts), while `message` stays the library's English sentence for code and logs.
 * `param` is the name as the caller gave it, an element's index included ("logits[1]").
 */
export type Refusal =
  | { param: string; rule: 'number' | 'finite' | 'integer'; received: string }
  | { param: string; rule: 'range'; min: number; max: number; received: string }
  | { param: string; rule: 'atLeast' | 'greaterThan'; min: number; received: string }
  | { param: string; rule: 'count' | 'rows' | 'cols' | 'chars'; min: number; max: number; received: string }
  | { param: string; rule: 'sameCount'; count: number; received: string }
  | { param: string; rule: 'choice'; values: readonly string[]; received: string }
  /** Explained only by the error's English sentence, which names `param`. */
  | { param: string; rule: 'message' };

/**
 * A RangeError / TypeError that also says, as data, what it refused. The refusal is a non-enumerable
 * property, so the error still compares, prints and serializes as the plain error it is.
 */
function withRefusal<E extends Error>(error: E, refusal: Refusal): E {
  Object.defineProperty(error, 'refusal', { value: refusal, enumerable: false });
  return error;
}

export const rangeRefusal = (message: string, refusal: Refusal): RangeError => withRefusal(new RangeError(message), refusal);
export const typeRefusal = (message: string, refusal: Refusal): TypeError => withRefusal(new TypeError(message), refusal);

/**
 * A plain RangeError / TypeError whose only data is the parameter its message names (`param` exactly
 * as the message writes it: "lr", "x[3]", "opts.epochs", "train.y").
 */
export const paramRangeError = (param: string, message: string): RangeError => withRefusal(new RangeError(message), { param, rule: 'message' });
export const paramTypeError = (param: string, message: string): TypeError => withRefusal(new TypeError(message), { param, rule: 'message' });

/** The refusal an error carries, if it is one of ours. */
export function refusalOf(e: unknown): Refusal | null {
  if (!(e instanceof RangeError || e instanceof TypeError)) return null;
  return (e as Error & { refusal?: Refusal }).refusal ?? null;
}

/**
 * The bare name of the parameter an error refused, or null when it carries none: its leading name,
 * without element index or field ("logits[1]" → "logits", "train.x[3]" → "train", "value (epoch 2)"
 * → "value"), an option named by itself ("opts.epochs" → "epochs", "options.kernel" → "kernel";
 * "opts" alone stays). A refusal of a computed quantity ("the parameter count", "the weights") names
 * no parameter: null.
 */
export function refusedParam(e: unknown): string | null {
  const param = refusalOf(e)?.param;
  if (param === undefined || /^the\s/.test(param)) return null;
  return /^(?:(?:opts|options)\.(?=[A-Za-z_$]))?([A-Za-z_$][\w$]*)/.exec(param)?.[1] ?? null;
}
