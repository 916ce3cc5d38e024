/** URLs under the site's base path (root or a sub-path such as GitHub project pages). */
import type { Lang } from '../i18n/ui';

const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** "/base/zh/label-smoothing/" for ('zh', 'label-smoothing'); "/base/zh/" for an empty slug. */
export function pageUrl(lang: Lang, slug = ''): string {
  return slug === '' ? `${base}${lang}/` : `${base}${lang}/${slug}/`;
}

export function rootUrl(): string {
  return base;
}
