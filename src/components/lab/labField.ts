/** One control of the lab cell, as LabCell.astro lists them and LabControl.astro renders them. */
import type { LabState } from '../../cells/lab';

export type LabField =
  | { kind: 'number'; id: string; param: keyof LabState; label: string; hint: string; min: number; max: number; step: number | 'any'; slider?: boolean }
  | { kind: 'check'; id: string; param: keyof LabState; label: string; hint: string }
  | { kind: 'vector'; id: string; param: keyof LabState; label: string; hint: string }
  | { kind: 'optimizer'; id: string; param: keyof LabState; label: string };
