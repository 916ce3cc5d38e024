/**
 * The header's theme switch: light, dark or the system's (the default), remembered in localStorage.
 * public/theme.js applies the stored choice before the first paint (no flash of the other theme);
 * this module shows the switch (hidden without JavaScript, where it could not work), sets it to the
 * stored choice and applies a new one at once. The colours are CSS light-dark() pairs
 * (src/styles/global.css), so charts drawn with currentColor follow too.
 */
type Theme = 'system' | 'light' | 'dark';

function stored(): Theme {
  try {
    const t = localStorage.getItem('theme');
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

function apply(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  try {
    if (theme === 'system') localStorage.removeItem('theme');
    else localStorage.setItem('theme', theme);
  } catch {
    /* not remembered; applied for this page */
  }
}

export function mountThemeSwitch(): void {
  document.querySelectorAll<HTMLElement>('[data-theme-switch]').forEach((wrap) => {
    const select = wrap.querySelector<HTMLSelectElement>('select')!;
    select.value = stored();
    wrap.hidden = false;
    select.addEventListener('change', () => apply(select.value === 'light' || select.value === 'dark' ? select.value : 'system'));
  });
}
