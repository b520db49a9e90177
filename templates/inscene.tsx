// CTV in-scene unit (IAB CTV ad portfolio): a product card placed into the programme's scene at
// the slot's declared size (e.g. 1400x400), filling it edge to edge, laid out in a row when wide.
import type { Template } from '../src/render/types.ts';
import { ctvCard } from './ctv-card.tsx';
import { Root } from './parts.tsx';

export const inscene: Template = {
  id: 'inscene',
  version: 3,
  render(s, { measure }) {
    const { w, h } = s.size;
    return Root(s, {}, [ctvCard(s, { w, h, vertical: w / h < 1.2, bg: 'rgba(17,24,39,0.88)', ink: '#ffffff', radius: Math.round(Math.min(w, h) * 0.05) }, measure)]);
  },
};
