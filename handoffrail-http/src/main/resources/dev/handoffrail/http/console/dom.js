// Building DOM nodes from data. Every piece of text becomes a text node (textContent): packet content is never
// parsed as HTML. There is deliberately no helper that takes markup, and the page's policy (Trusted Types) makes
// any assignment of a string to an HTML sink throw.

/**
 * h('p', {class: 'hint', id: 'x'}, 'text', childNode, [more]): an element with attributes and children. Strings,
 * numbers and booleans become text nodes; null, undefined and false children are skipped.
 */
export function h(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      node.className = value;
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

/** Appends children as h() does. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Sets an element's text, or hides it when the text is empty. */
export function setText(node, text) {
  node.textContent = text || '';
  node.hidden = !text;
}

export function byId(id) {
  return document.getElementById(id);
}
