// Serves the built site (dist/) with Astro's static preview server and prints the URL.
// Kept as a script so `npm start` works the same at the root or under BASE_PATH.
import { preview } from 'astro';

const server = await preview({ root: process.cwd(), logLevel: 'warn' });
const base = (process.env.BASE_PATH ?? '/').replace(/^\/*/, '/').replace(/\/*$/, '/');
console.log(`\n  Regularization, live is served at http://127.0.0.1:${server.port}${base}\n  (Ctrl+C to stop)\n`);
