// The reader's theme, applied before the page paints: a blocking script in <head> (the site's policy
// allows script files only, no inline code). 'light' or 'dark' as chosen with the header's theme
// switch (src/components/theme.ts) and kept in localStorage; otherwise nothing, and the system's
// preference holds (src/styles/global.css).
try {
  var t = localStorage.getItem('theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch (e) {
  /* storage refused (private mode, a sandbox): the system's theme */
}
