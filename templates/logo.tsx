// Native icon: the brand's mark — its name's initials on the brand colour, square or at the
// declared size; the brand kit's uploaded logo in its place when the kit has one.
import { h } from '../src/render/jsx.ts';
import type { Template } from '../src/render/types.ts';
import { inkOn } from './frame.ts';
import { FitText, Root } from './parts.tsx';

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [...words[0]!].slice(0, 1).concat([...words[1]!].slice(0, 1)) : [...(words[0] ?? 'V')].slice(0, 2);
  return letters.join('').toUpperCase();
}

export const logo: Template = {
  id: 'logo',
  version: 2,
  render(s, { measure }) {
    const { w, h: height } = s.size;
    const side = Math.min(w, height);
    // The brand kit's logo when it has one (a wordmark kept whole, centred on the kit's canvas colour).
    if (s.brand.logo) {
      const lw = Math.round(w * 0.86);
      const lh = Math.round(height * 0.86);
      return Root(s, { backgroundColor: s.brand.background, alignItems: 'center', justifyContent: 'center', borderRadius: Math.round(side * 0.18) }, [
        <img data-role="logo" src={s.brand.logo} width={lw} height={lh} style={{ width: lw, height: lh, objectFit: 'contain' }} />,
      ]);
    }
    return Root(s, { backgroundColor: s.brandColor, alignItems: 'center', justifyContent: 'center', borderRadius: Math.round(side * 0.18) }, [
      FitText(initials(s.brandName), { maxWidth: w * 0.8, maxLines: 1, fontSize: side * 0.46, minFontSize: side * 0.2, weight: 700, color: inkOn(s.brandColor), dir: 'ltr', role: 'logo' }, measure) ?? <div style={{ display: 'flex' }} />,
    ]);
  },
};
