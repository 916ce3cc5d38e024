/**
 * Some tests run each cell's "PyTorch" code with Debian's /usr/bin/python3 and compare what it
 * prints with the page. On a machine without python3-torch they skip; CI sets REQUIRE_TORCH=1 so
 * that a missing interpreter fails loudly instead of skipping silently.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';

it.runIf(process.env.REQUIRE_TORCH === '1')('Debian python3 with torch, torchvision and skimage is available for the code-view tests', () => {
  expect(existsSync('/usr/bin/python3'), '/usr/bin/python3 is missing: apt-get install -y python3-torch python3-torchvision python3-skimage').toBe(true);
  const out = execFileSync('/usr/bin/python3', ['-c', 'import torch, torchvision, skimage; print(torch.__version__)'], { encoding: 'utf8' });
  expect(out).toMatch(/^1\./);
});
