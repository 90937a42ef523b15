// GraphiQL 4 leaves a few WCAG failures that axe-core reports as serious: unlabelled CodeMirror
// text areas, scroll areas a keyboard cannot reach, tabs with buttons nested in them. Until
// upstream fixes them, this patches the rendered DOM as GraphiQL updates it (its colours are
// fixed in ide.css).

const EDITOR_LABELS: [selector: string, label: string][] = [
  ['.graphiql-query-editor', 'Query editor'],
  ['.graphiql-editor-tool .graphiql-editor:nth-child(1)', 'Variables (JSON)'],
  ['.graphiql-editor-tool .graphiql-editor:nth-child(2)', 'Headers (JSON), e.g. Authorization'],
  ['.graphiql-response', 'Response'],
];

function patch(root: HTMLElement): void {
  for (const [selector, label] of EDITOR_LABELS) {
    for (const area of root.querySelectorAll<HTMLTextAreaElement>(`${selector} textarea`)) {
      if (area.getAttribute('aria-label') !== label) area.setAttribute('aria-label', label);
    }
  }
  for (const scroller of root.querySelectorAll<HTMLElement>('.CodeMirror-scroll')) {
    // CodeMirror gives its scroller tabindex -1; a keyboard must reach it to scroll.
    if (scroller.tabIndex !== 0) scroller.tabIndex = 0;
  }
  // The tab role belongs on the button the user activates, not on the list item around it.
  for (const item of root.querySelectorAll<HTMLLIElement>('li.graphiql-tab')) {
    const button = item.querySelector<HTMLButtonElement>('.graphiql-tab-button');
    if (!button) continue;
    const selected = String(item.classList.contains('graphiql-tab-active'));
    if (item.getAttribute('role') !== 'none') item.setAttribute('role', 'none');
    item.removeAttribute('aria-selected');
    if (button.getAttribute('role') !== 'tab') button.setAttribute('role', 'tab');
    if (button.getAttribute('aria-selected') !== selected)
      button.setAttribute('aria-selected', selected);
  }
}

export function patchAccessibility(root: HTMLElement): void {
  patch(root);
  new MutationObserver(() => patch(root)).observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['class'],
  });
}
