/**
 * UI strings per language. Page prose lives in the pages themselves; only words that components
 * and scripts print come from here, so both languages always have the same controls.
 */
export const languages = ['zh', 'en'] as const;
export type Lang = (typeof languages)[number];

export function isLang(x: string | undefined): x is Lang {
  return x === 'zh' || x === 'en';
}

export const ui = {
  zh: {
    siteTitle: '正则化，实时演算',
    siteTagline: '每个公式旁都有可编辑的实时计算单元',
    otherLanguage: 'English',
    otherLanguageLabel: '切换到英文版（保留当前参数）',
    theme: '配色',
    themeSystem: '跟随系统',
    themeLight: '浅色',
    themeDark: '深色',
    chooseLanguage: '选择语言',
    skipToContent: '跳到正文',
    home: '目录',
    invalidValue: '无效的值',
    keptLastValid: '保留了上一个有效状态。',
    cellFailed: '这个单元的脚本未能加载，下面是默认参数下的结果',
    dataFailed: '无法加载数据：{why}。',
    pytorchView: 'PyTorch：用当前参数复现这些数字',
    copyLink: '复制链接',
    linkCopied: '链接已复制',
    chartTable: '图表数据（表格）',
    loading: '加载中…',
    comingSoon: '即将上线',
    errata: '勘误',
    search: '搜索',
    searchLabel: '搜索全站（中文和英文）',
    searchNoJs: '搜索需要 JavaScript；也可以使用目录页。',
    lab: '实验：正则化真的有用吗？',
    labBlurb: '在真实的留出数据上，用多个随机种子并排训练有正则化与无正则化的网络。',
  },
  en: {
    siteTitle: 'Regularization, live',
    siteTagline: 'Every formula beside a live cell you can edit',
    otherLanguage: '中文',
    otherLanguageLabel: 'Switch to Chinese (keeps the current parameters)',
    theme: 'Theme',
    themeSystem: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
    chooseLanguage: 'Choose a language',
    skipToContent: 'Skip to content',
    home: 'Contents',
    invalidValue: 'Invalid value',
    keptLastValid: 'The last valid state is kept.',
    cellFailed: 'This cell’s script did not load; it shows the results for the default parameters',
    dataFailed: 'Could not load the data: {why}. ',
    pytorchView: 'PyTorch: reproduce these numbers with the current parameters',
    copyLink: 'Copy link',
    linkCopied: 'Link copied',
    chartTable: 'Chart data (table)',
    loading: 'Loading…',
    comingSoon: 'coming soon',
    errata: 'Errata',
    search: 'Search',
    searchLabel: 'Search the site (Chinese and English)',
    searchNoJs: 'Search needs JavaScript; the contents page lists every topic.',
    lab: 'Lab: does it help?',
    labBlurb: 'train with and without regularization side by side, over several seeds, on real held-out data.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type UiKey = keyof (typeof ui)['en'];

export function t(lang: Lang, key: UiKey): string {
  return ui[lang][key];
}
