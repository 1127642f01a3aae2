import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode, type Ref } from 'react';

type Props = Record<string, unknown>;

/**
 * The slot's props merged into its child's, as Radix's Slot merges them: the child's value wins,
 * except that event handlers both run (the child's first), styles merge (the child's over the
 * slot's) and class names join.
 */
export function mergeSlotProps(slot: Props, child: Props): Props {
  const merged: Props = { ...slot, ...child };
  for (const key of Object.keys(child)) {
    const mine = slot[key];
    const theirs = child[key];
    if (/^on[A-Z]/.test(key) && typeof mine === 'function' && typeof theirs === 'function') {
      merged[key] = (...args: unknown[]) => {
        const result: unknown = (theirs as (...a: unknown[]) => unknown)(...args);
        (mine as (...a: unknown[]) => unknown)(...args);
        return result;
      };
    } else if (key === 'style' && mine && theirs) {
      merged[key] = { ...(mine as object), ...(theirs as object) };
    } else if (key === 'className') {
      merged[key] = [mine, theirs].filter(Boolean).join(' ');
    }
  }
  return merged;
}

function setRef<T>(ref: Ref<T> | undefined, value: T) {
  if (typeof ref === 'function') ref(value);
  else if (ref) ref.current = value;
}

/**
 * Renders its one child element with the slot's props merged in (`<Button asChild><Link/>`):
 * what @radix-ui/react-slot does for our primitives, without its code in every page's first
 * load. Works in server and client components (no hooks).
 */
export function Slot({ children, ref, ...props }: Props & { children?: ReactNode; ref?: Ref<HTMLElement> }) {
  if (!isValidElement(children)) return Children.count(children) > 1 ? Children.only(null) : null;
  const child = children as ReactElement<Props & { ref?: Ref<HTMLElement> }>;
  const childRef = child.props.ref;
  const mergedRef =
    ref && childRef
      ? (node: HTMLElement | null) => {
          setRef(ref, node);
          setRef(childRef, node);
        }
      : (ref ?? childRef);
  return cloneElement(child, { ...mergeSlotProps(props, child.props), ref: mergedRef });
}
