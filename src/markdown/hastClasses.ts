/** The class names of a hast node (none for text and other non-elements). */
import type { Root, RootContent } from 'hast';

export const classesOf = (node: RootContent | Root): string[] =>
  node.type === 'element' && Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
