import { createElement, createRef } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { Button } from './button';
import { mergeSlotProps, Slot } from './slot';

describe('Slot (Button asChild)', () => {
  it("renders the child element with the button's classes joined to its own", () => {
    const html = renderToStaticMarkup(
      createElement(
        Button,
        { asChild: true, size: 'lg', title: 'cta' },
        createElement('a', { href: '/book-repair', className: 'w-full' }, 'Book'),
      ),
    );
    expect(html).toMatch(/^<a /);
    expect(html).toContain('href="/book-repair"');
    expect(html).toContain('title="cta"');
    expect(html).toMatch(/class="inline-flex [^"]*h-12 px-6 text-lg w-full"/);
    expect(html).toContain('>Book</a>');
    expect(html).not.toContain('<button');
  });

  it("merges like Radix's Slot: handlers both run (the child's first), styles merge, the child's value wins", () => {
    const calls: string[] = [];
    const merged = mergeSlotProps(
      { onClick: () => calls.push('slot'), style: { color: 'red', margin: 1 }, title: 'slot', id: 'a' },
      { onClick: () => calls.push('child'), style: { color: 'blue' }, title: 'child' },
    );
    (merged.onClick as () => void)();
    expect(calls).toEqual(['child', 'slot']);
    expect(merged.style).toEqual({ color: 'blue', margin: 1 });
    expect(merged.title).toBe('child');
    expect(merged.id).toBe('a');
  });

  it('hands the ref to the child element, with the child’s own ref too', () => {
    const outer = createRef<HTMLElement>();
    const inner = vi.fn();
    const element = Slot({ ref: outer, children: createElement('a', { ref: inner }) }) as {
      props: { ref: (node: unknown) => void };
    };
    const node = { tagName: 'A' };
    element.props.ref(node);
    expect(outer.current).toBe(node);
    expect(inner).toHaveBeenCalledWith(node);
  });

  it('renders nothing for no element, and refuses several children', () => {
    expect(Slot({ children: 'text' })).toBeNull();
    expect(() =>
      Slot({ children: [createElement('a', { key: 1 }), createElement('b', { key: 2 })] }),
    ).toThrow();
  });
});
