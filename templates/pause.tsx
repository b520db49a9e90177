// CTV pause ad (IAB CTV ad portfolio): shown while the viewer has paused the programme. The
// paused frame stays visible; the card sits on a translucent band on the right third (wide
// canvases) or fills the canvas (anything squarer), at exactly the player's declared size.
import type { Template } from '../src/render/types.ts';
import { ctvCard } from './ctv-card.tsx';
import { Root } from './parts.tsx';

export const pause: Template = {
  id: 'pause',
  version: 2,
  render(s, { measure }) {
    const { w, h } = s.size;
    const wide = w / h >= 1.3;
    const cw = wide ? Math.round(w * 0.36) : w;
    const margin = wide ? Math.round(h * 0.06) : 0;
    const ch = h - 2 * margin;
    return Root(s, { flexDirection: 'row', justifyContent: 'flex-end', alignItems: 'center', paddingRight: wide ? Math.round(w * 0.04) : 0 }, [
      ctvCard(s, { w: cw, h: ch, vertical: true, bg: 'rgba(17,24,39,0.92)', ink: '#ffffff', radius: wide ? Math.round(ch * 0.04) : 0 }, measure),
    ]);
  },
};
