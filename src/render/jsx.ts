// A tiny JSX factory producing satori element objects (no React). Templates use it via the
// classic `h` pragma; the same trees are serialized to HTML by html.ts.
import type { VChild, VNode } from './types.ts';

type Props = Record<string, unknown> | null;
type Component = (props: Record<string, unknown>) => VNode;

function flatten(children: unknown[], out: VChild[] = []): VChild[] {
  for (const c of children) {
    if (Array.isArray(c)) flatten(c, out);
    else if (c !== null && c !== undefined && c !== false && c !== true) out.push(c as VChild);
  }
  return out;
}

export function h(type: string | Component, props: Props, ...children: unknown[]): VNode {
  const kids = flatten(children);
  const all: Record<string, unknown> = { ...(props ?? {}) };
  if (kids.length === 1) all.children = kids[0];
  else if (kids.length > 1) all.children = kids;
  if (typeof type === 'function') return type(all);
  return { type, props: all as VNode['props'] };
}

export function Fragment(props: { children?: VChild | VChild[] }): VNode {
  // satori has no fragments; a display:contents-free wrapper is the closest equivalent.
  return { type: 'div', props: { style: { display: 'flex' }, children: props.children } };
}

// Lets TSX type-check without React's typings.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = VNode;
    interface IntrinsicElements {
      div: Record<string, unknown>;
      img: Record<string, unknown>;
      span: Record<string, unknown>;
      svg: Record<string, unknown>;
      path: Record<string, unknown>;
      rect: Record<string, unknown>;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}
