/**
 * One line per technique for the contents page, each a real computation by src/lib with the
 * page's default numbers, so the overview previews what every page shows.
 */
import { l1Penalty, l2Penalty, softThreshold } from '../lib/penalties';
import { dropout } from '../lib/dropout';
import { smoothLabels } from '../lib/labelSmoothing';
import { earlyStopping } from '../lib/earlyStopping';
import { fullyConnectedEquivalent } from '../lib/weightSharing';
import { defaults } from '../lib/query';
import { formatCount, weightSharingSchema } from './weightSharing';
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
  // The weight-sharing page's count cell at its defaults: the convolution against the linear layer
  // between the same flattened input and output shapes (like for like: both map the whole image to
  // cout × outHeight × outWidth values).
  const ws = defaults(weightSharingSchema);
  const fc = fullyConnectedEquivalent({
    height: ws.height, width: ws.width, inChannels: ws.cin, outChannels: ws.cout, kernelSize: ws.ksize,
    stride: ws.stride, padding: ws.pad, bias: ws.usebias === 1,
  });
  const k = `${ws.ksize}×${ws.ksize}`;
  const input = `${ws.height}×${ws.width}×${ws.cin}`;
  const shapes = `${formatCount(fc.inFeatures)} → ${formatCount(fc.outFeatures)}`;
  return {
    'l1-l2': `w = ${v(w)}, λ = 0.1: L1 = ${f(l1Penalty(w, 0.1))}, L2 = ${f(l2Penalty(w, 0.1))}; softshrink(w, 1) = ${v(softThreshold(w, 1))}`,
    'data-augmentation': zh
      ? `水平翻转：像素 [10, 20, 30] → ${v(flipped)}，标签不变`
      : `horizontal flip: pixels [10, 20, 30] → ${v(flipped)}, same label`,
    dropout: `dropout([1, 1, 1, 1, 1, 1], p = 0.5, seed = 1) = ${v(dropout([1, 1, 1, 1, 1, 1], 0.5, { seed: 1 }))}`,
    'label-smoothing': zh
      ? `K = 3，ε = 0.1：${v(smoothLabels(0, 3, 0.1))}`
      : `K = 3, ε = 0.1: ${v(smoothLabels(0, 3, 0.1))}`,
    'early-stopping': zh
      ? `val_loss [0.2, 0.15, 0.1, 0.11, 0.12]，patience = 2：第 ${es.stoppedEpoch} 轮后停止，恢复第 ${restored} 轮的权重`
      : `val_loss [0.2, 0.15, 0.1, 0.11, 0.12], patience 2: stops after epoch ${es.stoppedEpoch}, restores epoch ${restored}`,
    'weight-sharing': zh
      ? `在 ${input} 的输入上，${ws.cin}→${ws.cout} 通道的 ${k} 卷积：${formatCount(fc.convParams)} 个参数；输入、输出形状与它相同（${shapes}）的全连接层：${formatCount(fc.linearParams)} 个`
      : `${k} conv, ${ws.cin}→${ws.cout} channels on a ${input} input: ${formatCount(fc.convParams)} parameters; the linear layer between the same shapes (${shapes}): ${formatCount(fc.linearParams)}`,
    'adversarial-training': zh
      ? `FGSM ε = 0.1：x = [0.5, 0.5] → ${v(adv.xAdv)}，损失 ${f(adv.clean)} → ${f(adv.adversarial)}`
      : `FGSM ε = 0.1: x = [0.5, 0.5] → ${v(adv.xAdv)}, loss ${f(adv.clean)} → ${f(adv.adversarial)}`,
    'batch-norm': `[1, 2, 3, 4] → ${v(bn.y.map((r) => r[0]!))}`,
    vq: zh
      ? `码本索引 [0, 0, 1, 3]，K = 4：困惑度 = ${f(codebookPerplexity([0, 0, 1, 3], 4))}`
      : `indices [0, 0, 1, 3], K = 4: perplexity = ${f(codebookPerplexity([0, 0, 1, 3], 4))}`,
  };
}
