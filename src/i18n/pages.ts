/** The site's topics, in the seed's order, with their titles in both languages. */
import type { Lang } from './ui';

export interface Topic {
  slug: string;
  title: Record<Lang, string>;
  /** Which group of the seed's taxonomy the technique belongs to. */
  group: Record<Lang, string>;
  /** False until the page exists; the overview lists it without a link. */
  live: boolean;
}

/** Slugs that have an English page file: a topic goes live when its page lands. */
const pageFiles = Object.keys(import.meta.glob('../pages/en/*.{mdx,astro}'));
const hasPage = (slug: string) => pageFiles.some((f) => f.endsWith(`/${slug}.mdx`) || f.endsWith(`/${slug}.astro`));

export const topics: Topic[] = [
  { slug: 'l1-l2', title: { zh: 'L1 / L2 正则化', en: 'L1 / L2 regularization' }, group: { zh: '参数正则化', en: 'Parameter' }, live: hasPage('l1-l2') },
  { slug: 'data-augmentation', title: { zh: '数据增强', en: 'Data augmentation' }, group: { zh: '数据正则化', en: 'Data' }, live: hasPage('data-augmentation') },
  { slug: 'dropout', title: { zh: 'Dropout', en: 'Dropout' }, group: { zh: '结构正则化', en: 'Structural' }, live: hasPage('dropout') },
  { slug: 'label-smoothing', title: { zh: '标签平滑', en: 'Label smoothing' }, group: { zh: '标签正则化', en: 'Label' }, live: hasPage('label-smoothing') },
  { slug: 'early-stopping', title: { zh: '早停', en: 'Early stopping' }, group: { zh: '结构正则化', en: 'Structural' }, live: hasPage('early-stopping') },
  { slug: 'weight-sharing', title: { zh: '权重共享', en: 'Weight sharing' }, group: { zh: '结构正则化', en: 'Structural' }, live: hasPage('weight-sharing') },
  { slug: 'adversarial-training', title: { zh: '对抗训练', en: 'Adversarial training' }, group: { zh: '对抗训练', en: 'Adversarial' }, live: hasPage('adversarial-training') },
  { slug: 'batch-norm', title: { zh: '批归一化', en: 'Batch normalization' }, group: { zh: '批归一化', en: 'Batch norm' }, live: hasPage('batch-norm') },
  { slug: 'vq', title: { zh: '向量量化（VQ）', en: 'Vector quantization (VQ)' }, group: { zh: 'VQ 正则化', en: 'VQ' }, live: hasPage('vq') },
];
