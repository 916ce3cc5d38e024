/** A page's prose numbers: key → the formatted number (computed once, on first use). */
export type ProseNumbers = Record<string, () => string>;
