/**
 * The site's seeded PRNG (`createRng` in random.ts, mulberry32 + Box–Muller) written in Python, so a
 * cell's "PyTorch" view can regenerate the page's random numbers (initial weights, data batches,
 * dropout masks) and run as is. PyTorch's own generator cannot be reproduced in a browser; this
 * twin can: `next()` returns the same doubles bit for bit (32-bit integer arithmetic only), and
 * `normal()` agrees to the last bit or two (it calls the platform's log/cos/sin).
 *
 * tests/unit/randomPython.test.ts runs this source with /usr/bin/python3 and compares streams.
 */
export const PYTHON_RNG_SOURCE = `class Mulberry32:
    """The page's seeded generator (src/lib/random.ts), bit for bit."""

    def __init__(self, seed):
        self.state, self.spare = seed & 0xFFFFFFFF, None

    def next(self):  # uniform in [0, 1)
        self.state = (self.state + 0x6D2B79F5) & 0xFFFFFFFF
        t = self.state
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t = (t ^ (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF))) & 0xFFFFFFFF
        return (t ^ (t >> 14)) / 4294967296

    def uniform(self, a, b):
        return a + (b - a) * self.next()

    def normal(self):  # Box-Muller, one spare kept
        if self.spare is not None:
            s, self.spare = self.spare, None
            return s
        r = math.sqrt(-2 * math.log(1 - self.next()))
        theta = 2 * math.pi * self.next()
        self.spare = r * math.sin(theta)
        return r * math.cos(theta)`;
