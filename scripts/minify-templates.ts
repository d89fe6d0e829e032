import { parseSync, Visitor, type Plugin } from 'vite';

/**
 * Squeezes the whitespace out of Lit's `css` and `html` tagged templates in our
 * own sources. A JS minifier cannot: template text is a string value to it.
 * Only rewrites that cannot change what the browser renders are made:
 *
 * - `css`: comments go, whitespace collapses, and the spaces around `{ } ; ,`
 *   and after a declaration's `:` go (never before a `:`, since `a :hover`
 *   differs from `a:hover`). Quoted strings keep their spaces (an attribute
 *   selector's value loses its quotes when it is an identifier); a template
 *   with a backslash (an escape) is left alone.
 * - `html`: a run of whitespace that holds a line break becomes one space,
 *   which is what the HTML parser's collapsing makes of it anyway (none of our
 *   templates use `<pre>`, `<textarea>` or `white-space: pre`).
 *
 * It works on the parsed source, so `${…}` expressions are never touched.
 */
export function minifyTemplates(): Plugin {
  return {
    name: 'oauth-connect:minify-templates',
    apply: 'build',
    transform: {
      filter: { id: /\/src\/.*\.ts$/ },
      handler(code, id) {
        const edits: Array<{ start: number; end: number; text: string }> = [];
        new Visitor({
          TaggedTemplateExpression(node) {
            const tag = node.tag.type == 'Identifier' ? node.tag.name : '';
            const squeeze = tag == 'css' ? squeezeCss : tag == 'html' ? squeezeHtml : undefined;
            if (!squeeze) return;
            for (const quasi of node.quasi.quasis) {
              const raw = quasi.value.raw;
              // oxc's span may include the delimiters (`, }, ${): find the text inside it.
              const start = code.indexOf(raw, quasi.start);
              if (start < 0 || start + raw.length > quasi.end) return;
              const text = squeeze(raw, node.quasi.quasis.length == 1);
              if (text != raw) edits.push({ start, end: start + raw.length, text });
            }
          },
        }).visit(parseSync(id, code, { lang: 'ts', sourceType: 'module' }).program);
        if (!edits.length) return;
        let out = code;
        for (const { start, end, text } of edits.sort((a, b) => b.start - a.start))
          out = out.slice(0, start) + text + out.slice(end);
        return { code: out, map: null };
      },
    },
  };
}

/**
 * `whole`: the text is the entire template, so its ends may be trimmed (next
 * to a `${…}` a space can matter). Quoted strings are kept as they are.
 */
export function squeezeCss(css: string, whole: boolean): string {
  if (css.includes('\\')) return css;
  const squeezed = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('[^'\n]*'|"[^"\n]*")/)
    .map((part, i, parts) =>
      i % 2
        ? // An attribute selector's value that is an identifier needs no quotes (`[part=icon]`).
          parts[i - 1]?.endsWith('=') && /^.-?[a-z_][\w-]*.$/i.test(part)
          ? part.slice(1, -1)
          : part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
  return whole ? squeezed.trim() : squeezed;
}

export function squeezeHtml(html: string, _whole: boolean): string {
  return html.replace(/\s*\n\s*/g, ' ');
}
