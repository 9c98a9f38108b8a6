// Recognises an HTML page where the API's JSON was expected: what a proxy, gateway or captive
// portal answers. Its title is the most useful thing to show a user, cleared of control
// characters like every API text shown (display-text.ts).
import { cutText, stripControls } from './display-text';

/** The <title> of an HTML page ("" when it has none), or undefined when the text is not HTML. */
export function htmlTitle(page: string): string | undefined {
  if (!/^\s*<(!doctype\s+html|html)\b/i.test(page)) return undefined;
  // Only the start of the page: a title is near the top, and the regexes below must not run over
  // a huge page (an unclosed <script> makes the tag stripping quadratic).
  const text = page.slice(0, 8 * 1024);
  const m = /<title[^>]*>([^<]*)<\/title>/i.exec(text);
  // No title: the page's text, so that "<html>Bad gateway</html>" still says something.
  const label = m ? m[1] : text.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return cutText(stripControls(label).replace(/\s+/g, ' ').trim(), 79); // at most 80 with the "…"
}
