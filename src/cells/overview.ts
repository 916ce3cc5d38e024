/**
 * One line per technique for the contents page, each a real computation by src/lib with the
 * page's default numbers, so the overview previews what every page shows.
 */
import { l1Penalty, l2Penalty, softThreshold } from '../lib/penalties';
import { dropout } from '../lib/dropout';
import { smoothLabels } from '../lib/labelSmoothing';
import { earlyStopping } from '../lib/earlyStopping';
import { conv2dParams, linearParams } from '../lib/weightSharing';
import { adversarialLoss } from '../lib/fgsm';
import { batchNorm } from '../lib/batchNorm';
import { codebookPerplexity } from '../lib/vq';
import { flipHorizontal } from '../lib/augment';
import { formatNumber, formatVector } from '../lib/format';
import type { Lang } from '../i18n/ui';

const v = (xs: ArrayLike<number>, digits = 4) => formatVector(xs, { digits, trim: true });
const f = (x: number, digits = 4) => formatNumber(x, { digits, trim: true });

export function overviewPreviews(lang: Lang): Record<string, string> {
  const zh = lang === 'zh';
  const w = [1, -2, 0.5];
  const es = earlyStopping([0.2, 0.15, 0.1, 0.11, 0.12], { patience: 2, restoreBestWeights: true });
  const restored = (es.restoredEpoch ?? es.bestEpoch ?? 0) + 1;
  const adv = adversarialLoss([0.5, 0.5], { w: [1, -2], b: 0 }, 1, 0.1, 0.5);
  const bn = batchNorm([[1], [2], [3], [4]], { gamma: [1], beta: [0] });
  const img = { width: 3, height: 1, data: new Uint8ClampedArray([10, 10, 10, 255, 20, 20, 20, 255, 30, 30, 30, 255]) };
  const flipped = flipHorizontal(img).data.filter((_, i) => i % 4 === 0);
  const conv = conv2dParams({ inChannels: 3, outChannels: 16, kernelSize: 3 });
  const lin = linearParams({ inFeatures: 32 * 32 * 3, outFeatures: 16 });
  return {
    'l1-l2': `w = ${v(w)}, λ = 0.1: L1 = ${f(l1Penalty(w, 0.1))}, L2 = ${f(l2Penalty(w, 0.1))}; softshrink(w, 1) = ${v(softThreshold(w, 1))}`,
    'data-augmentation': zh
      ? `水平翻转：像素 [10, 20, 30] → ${v(flipped)}，标签不变`
      : `horizontal flip: pixels [10, 20, 30] → ${v(flipped)}, same label`,
    dropout: `dropout([1, 1, 1, 1, 1, 1], p = 0.5, seed = 1) = ${v(dropout([1, 1, 1, 1, 1, 1], 0.5, { seed: 1 }))}`,
    'label-smoothing': `K = 3, ε = 0.1: ${v(smoothLabels(0, 3, 0.1))}`,
    'early-stopping': zh
      ? `val_loss [0.2, 0.15, 0.1, 0.11, 0.12]，patience = 2：第 ${es.stoppedEpoch} 轮后停止，恢复第 ${restored} 轮的权重`
      : `val_loss [0.2, 0.15, 0.1, 0.11, 0.12], patience 2: stops after epoch ${es.stoppedEpoch}, restores epoch ${restored}`,
    'weight-sharing': zh
      ? `3→16 通道的 3×3 卷积：${conv} 个参数；32×32×3 → 16 的全连接层：${lin} 个`
      : `3×3 conv, 3→16 channels: ${conv} parameters; a 32×32×3 → 16 linear layer: ${lin}`,
    'adversarial-training': `FGSM ε = 0.1: x = [0.5, 0.5] → ${v(adv.xAdv)}, loss ${f(adv.clean)} → ${f(adv.adversarial)}`,
    'batch-norm': `[1, 2, 3, 4] → ${v(bn.y.map((r) => r[0]!))}`,
    vq: zh
      ? `索引 [0, 0, 1, 3]，K = 4：困惑度 = ${f(codebookPerplexity([0, 0, 1, 3], 4))}`
      : `indices [0, 0, 1, 3], K = 4: perplexity = ${f(codebookPerplexity([0, 0, 1, 3], 4))}`,
  };
}
