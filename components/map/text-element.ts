// Leaflet's string content (popups, tooltips, divIcon html) goes to innerHTML. Where Leaflet needs an
// element, we build it here from text nodes only, so data can never become markup.
export function textElement(className: string, text: string, tag: keyof HTMLElementTagNameMap = "span"): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}
