// The build-time pictures of painted canvases (src/components/cell/builtImages.ts), one PNG file each.
import type { APIRoute } from 'astro';
import { builtImages } from '../../components/cell/builtImages';
import { encodePng } from '../../components/vq/png';

export function getStaticPaths() {
  return [...builtImages().keys()].map((name) => ({ params: { name } }));
}

export const GET: APIRoute = ({ params }) => {
  const img = builtImages().get(params.name ?? '');
  if (!img) return new Response(null, { status: 404 });
  return new Response(encodePng(img.width, img.height, img.data), { headers: { 'Content-Type': 'image/png' } });
};
