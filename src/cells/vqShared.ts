/**
 * Pieces shared by the VQ page's cells: the seed's VectorQuantizer with its errata fixed (as
 * Python source for the "PyTorch" views), number formatting helpers and colour helpers.
 */
import { formatNumber as fmt } from '../lib/format';

/**
 * The seed's layer, runnable: `import torch.nn as nn` added (erratum 5), the distance comment
 * corrected (erratum 4), and the perplexity computed from the mean of one-hot encodings (erratum 1).
 * Everything else is the seed's code.
 */
export const VECTOR_QUANTIZER_SOURCE = `import torch
import torch.nn as nn  # missing in the seed (erratum 5)
import torch.nn.functional as F


class VectorQuantizer(nn.Module):
    def __init__(self, num_embeddings, embedding_dim, commitment_cost):
        super(VectorQuantizer, self).__init__()
        self.embedding_dim = embedding_dim
        self.num_embeddings = num_embeddings
        self.commitment_cost = commitment_cost
        self.embedding = nn.Embedding(num_embeddings, embedding_dim)
        self.embedding.weight.data.uniform_(-1 / num_embeddings, 1 / num_embeddings)

    def forward(self, x):
        flat_x = x.view(-1, self.embedding_dim)
        # squared Euclidean distances (no square root is taken: erratum 4)
        distances = (
            torch.sum(flat_x**2, dim=1, keepdim=True)
            + torch.sum(self.embedding.weight**2, dim=1)
            - 2 * torch.matmul(flat_x, self.embedding.weight.t())
        )
        encoding_indices = torch.argmin(distances, dim=1).unsqueeze(1)
        quantized = torch.index_select(self.embedding.weight, 0, encoding_indices.view(-1)).view_as(x)
        e_latent_loss = F.mse_loss(quantized.detach(), x)
        q_latent_loss = F.mse_loss(quantized, x.detach())
        loss = q_latent_loss + self.commitment_cost * e_latent_loss
        quantized = x + (quantized - x).detach()
        # usage distribution = mean of one-hot encodings (erratum 1)
        encodings = F.one_hot(encoding_indices.view(-1), self.num_embeddings).float()
        avg_probs = encodings.mean(dim=0)
        perplexity = torch.exp(-torch.sum(avg_probs * torch.log(avg_probs + 1e-10)))
        return quantized, loss, perplexity`;



/** Rows of a flat K×D array. */
export function rowsOf(a: ArrayLike<number>, d: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.length; i += d) out.push(Array.from({ length: d }, (_, t) => a[i + t]!));
  return out;
}

/** A number as typed by the reader: shortest form, typographic minus. */
export const num = (x: number, digits = 4) => fmt(x, { digits, trim: true });
/** Parenthesized when negative, for substituted formulas. */
export const paren = (x: number, digits = 4) => (x < 0 ? `(${num(x, digits)})` : num(x, digits));
export const vec = (xs: ArrayLike<number>, digits = 4) => `[${Array.from(xs, (x) => num(x, digits)).join(', ')}]`;
export const mat = (m: ArrayLike<ArrayLike<number>>, digits = 4) => `[${Array.from(m, (r) => vec(r, digits)).join(', ')}]`;

/** "#rrggbb" of an RGB triple in [0, 1] (clamped). */
export function hexColor(r: number, g: number, b: number): string {
  const h = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}

/**
 * A distinct colour per code index for index maps (golden-angle hues, alternating lightness),
 * as [r, g, b] bytes. Deterministic, so the map legend and the chart agree.
 */
export function indexColor(j: number): [number, number, number] {
  const h = ((j * 137.508) % 360) / 360;
  const l = j % 2 === 0 ? 0.5 : 0.38;
  const s = 0.7;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const hue = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [Math.round(hue(h + 1 / 3) * 255), Math.round(hue(h) * 255), Math.round(hue(h - 1 / 3) * 255)];
}
