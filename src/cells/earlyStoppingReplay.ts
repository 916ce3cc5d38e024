/**
 * The small early-stopping cell: Keras's EarlyStopping replayed, epoch by epoch, on a val_loss
 * sequence the reader types. Every row of the table is one `on_epoch_end` call of the callback.
 * Cell.astro renders it from `cell` (end of file); mountCells.ts runs the same view on every edit.
 */
import { createEarlyStopping, type EarlyStoppingStep } from '../lib/earlyStopping';
import { formatNumber as fmt, formatTyped as v } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell, fill } from './define';
import { pyFloat, pyList } from './python';

export const replaySchema = {
  vals: { kind: 'vector', minLength: 1, maxLength: 40, min: -1e9, max: 1e9, default: [0.2, 0.15, 0.1, 0.11, 0.12] },
  vpatience: { kind: 'integer', min: 0, max: 40, default: 2 },
  vdelta: { kind: 'number', min: 0, max: 1e6, step: 0.001, default: 0 },
} as const satisfies Schema;

export type ReplayState = StateOf<typeof replaySchema>;

export const replayParamOf: Record<string, keyof ReplayState> = {
  values: 'vals', patience: 'vpatience', minDelta: 'vdelta',
};

export interface ReplayView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：Keras 的早停规则，逐轮回放',
    fields: {
      vals: { label: '每轮的 val_loss' },
      vpatience: { label: 'patience', hint: '0 到 40：连续多少轮没有改进就停止' },
      vdelta: { label: 'min_delta', hint: '≥ 0：改进必须超过它才算数' },
    },
    caption: '每一轮结束时回调做的判断（on_epoch_end）',
    colEpoch: '轮次', colValue: 'val_loss', colTest: '改进？当前 + min_delta < best', colWait: 'wait', colBest: 'best', colAction: '操作',
    stop: '结果', bestLabel: '最佳', restore: '恢复',
    test: '{x} + {delta} < {best}？{answer}',
    improved: '改进：best ← 当前值，wait ← 0',
    waiting: '未改进：wait = {wait} < {patience}，继续',
    stopping: '未改进：wait = {wait} ≥ {patience}，停止训练',
    notRun: '（已停止，这一轮不会训练）',
    yes: '是',
    no: '否',
    stopped: '第 {e} 轮后触发早停，停止训练',
    notStopped: '{n} 轮全部跑完，没有触发早停',
    bestText: '最佳值 {v} 在第 {e} 轮（下标 {i}）',
    restoreText: 'restore_best_weights=True 时恢复第 {e} 轮（下标 {i}）结束时的权重',
  },
  en: {
    title: 'Live cell: Keras’s early-stopping rule, epoch by epoch',
    fields: {
      vals: { label: 'val_loss per epoch' },
      vpatience: { label: 'patience', hint: '0 to 40: epochs without improvement before stopping' },
      vdelta: { label: 'min_delta', hint: '≥ 0: an improvement must beat the best by more than this' },
    },
    caption: 'What the callback decides at the end of each epoch (on_epoch_end)',
    colEpoch: 'Epoch', colValue: 'val_loss', colTest: 'Improvement? current + min_delta < best', colWait: 'wait', colBest: 'best', colAction: 'Action',
    stop: 'Outcome', bestLabel: 'Best', restore: 'Restore',
    test: '{x} + {delta} < {best}? {answer}',
    improved: 'improvement: best ← current, wait ← 0',
    waiting: 'no improvement: wait = {wait} < {patience}, go on',
    stopping: 'no improvement: wait = {wait} ≥ {patience}, stop training',
    notRun: '(stopped: this epoch never runs)',
    yes: 'yes',
    no: 'no',
    stopped: 'Epoch {e}: early stopping',
    notStopped: 'All {n} epochs ran: early stopping never fired',
    bestText: 'best value {v} at epoch {e} (index {i})',
    restoreText: 'restore_best_weights=True restores the weights from the end of epoch {e} (index {i})',
  },
} as const;


export function replayView(s: ReplayState, lang: Lang): ReplayView {
  const w = words[lang];
  const monitor = createEarlyStopping({ patience: s.vpatience, minDelta: s.vdelta, restoreBestWeights: true });
  const rows: string[][] = [];
  let last: EarlyStoppingStep | null = null;
  let best: number | null = null;
  const d = v(s.vdelta);
  const patience = s.vpatience;
  for (let i = 0; i < s.vals.length; i++) {
    const x = s.vals[i]!;
    if (last?.stop) {
      rows.push([String(i + 1), v(x), '—', '—', '—', w.notRun]);
      continue;
    }
    const step = monitor.update(x);
    const test = fill(w.test, { x: v(x), delta: d, best: best === null ? '∞' : v(best), answer: step.improved ? w.yes : w.no });
    const action = step.improved
      ? w.improved
      : fill(step.stop ? w.stopping : w.waiting, { wait: step.wait, patience });
    rows.push([String(i + 1), v(x), test, String(step.wait), v(step.bestValue!), action]);
    best = step.bestValue;
    last = step;
  }
  const r = monitor.result();
  const bestEpoch = r.bestEpoch!;
  const stop = r.stoppedEpoch === null ? fill(w.notStopped, { n: s.vals.length }) : fill(w.stopped, { e: r.stoppedEpoch });
  const bestText = fill(w.bestText, { v: v(r.bestValue!), e: bestEpoch + 1, i: bestEpoch });
  return {
    text: {
      stop,
      best: bestText,
      restore: fill(w.restoreText, { e: bestEpoch + 1, i: bestEpoch }),
      summary: summary(lang, [['停止', 'Stop', stop], ['最佳', 'best', bestText]]),
      pytorch: replayCode(s),
    },
    rows: { epochs: rows },
  };
}


/** Plain Python (no Keras) that applies Keras's EarlyStopping rules to the same values. */
export function replayCode(s: ReplayState): string {
  return [
    '# keras.callbacks.EarlyStopping(monitor="val_loss", mode="min", patience, min_delta,',
    '#                               restore_best_weights=True), replayed on a val_loss history.',
    '# In a PyTorch loop, call on_epoch_end(val_loss) after each epoch and break when it returns True.',
    'import math',
    '',
    '',
    'class EarlyStopping:',
    '    def __init__(self, patience=0, min_delta=0.0):',
    '        self.patience, self.min_delta = patience, abs(min_delta)',
    '        self.best, self.best_epoch, self.wait, self.epoch = math.inf, None, 0, 0',
    '',
    '    def on_epoch_end(self, current):  # returns True when training should stop',
    '        epoch, self.epoch = self.epoch, self.epoch + 1',
    '        self.wait += 1',
    '        if current + self.min_delta < self.best:  # Keras: current - (-|min_delta|) < best',
    '            self.best, self.best_epoch, self.wait = current, epoch, 0',
    '            return False  # (here: best_state = copy.deepcopy(model.state_dict()))',
    '        return self.wait >= self.patience and epoch > 0',
    '',
    '',
    `val_losses = ${pyList(s.vals)}`,
    `es = EarlyStopping(patience=${s.vpatience}, min_delta=${pyFloat(s.vdelta)})`,
    'for epoch, val_loss in enumerate(val_losses):',
    '    stop = es.on_epoch_end(val_loss)',
    '    print(f"epoch {epoch + 1}: {val_loss=} wait={es.wait} best={es.best}")',
    '    if stop:',
    '        print(f"Epoch {epoch + 1}: early stopping")',
    '        break',
    'print(f"best {es.best} at epoch {es.best_epoch + 1} (index {es.best_epoch}): restore those weights")',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'es-replay',
  prefix: 'esr',
  schema: replaySchema,
  paramOf: replayParamOf,
  words,
  layout: [
    { fields: ['vals', 'vpatience', { param: 'vdelta', slider: false }] },
    { table: 'epochs', caption: 'caption', head: ['colEpoch', 'colValue', 'colTest', 'colWait', 'colBest', 'colAction'] },
    { result: 'stop', label: 'stop', output: true },
    { result: 'best', label: 'bestLabel' },
    { result: 'restore', label: 'restore' },
    { code: 'pytorch' },
  ],
  view: replayView,
});
