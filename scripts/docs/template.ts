// The template language of templates/**/*.md.tmpl: Markdown with `{{ … }}` placeholders, a small
// subset of what HashiCorp's tfplugindocs accepts (its templates are Go templates), so the
// templates read the same:
//   {{ .Name }}  {{ .SchemaMarkdown }}  {{ .SchemaMarkdown | trimspace }}   a field of the page
//   {{ tffile "examples/…/resource.tf" }}  {{ tffile .ExampleFile }}         a ```terraform block
//   {{ codefile "shell" "examples/…/import.sh" }}  {{ codefile "shell" .ImportFile }}
// Anything else between `{{` and `}}` is an error naming the template, its line and what is known,
// so a typo never reaches a page.

/** A page field: its text, or why this page has none (e.g. no import file). */
export type Field = string | { unavailable: string };

export interface TemplateInput {
  /** Repository-relative path of the template, for messages. */
  source: string;
  text: string;
  fields: Readonly<Record<string, Field>>;
  /** A repository file's text, or undefined when it does not exist. */
  readFile: (relPath: string) => string | undefined;
}

const PLACEHOLDER = /\{\{-?\s*(.*?)\s*-?\}\}/gs;
const TOKEN = /"(?:[^"\\]|\\.)*"|\||[.\w-]+/g;

/** A fenced code block of a repository file, trailing blank lines dropped. */
export function codeBlock(language: string, text: string): string {
  const fence = text.includes('```') ? '````' : '```';
  return `${fence}${language}\n${text.replace(/\s+$/, '')}\n${fence}`;
}

function tokens(expr: string): string[] {
  const out: string[] = [];
  for (const m of expr.matchAll(TOKEN)) out.push(m[0]);
  return out;
}

/** Renders a template; throws an Error whose message starts with "<source>:<line>:". */
export function renderTemplate(input: TemplateInput): string {
  const fieldNames = Object.keys(input.fields)
    .map((f) => `.${f}`)
    .join(', ');
  return input.text.replace(PLACEHOLDER, (whole: string, expr: string, offset: number) => {
    const where = `${input.source}:${input.text.slice(0, offset).split('\n').length}`;
    const fail = (why: string): never => {
      throw new Error(`${where}: ${whole}: ${why}`);
    };
    const field = (token: string): string => {
      if (!token.startsWith('.')) return fail(`"${token}" is not a field (fields: ${fieldNames})`);
      const value = input.fields[token.slice(1)] as Field | undefined;
      if (value === undefined) return fail(`unknown field ${token} (fields: ${fieldNames})`);
      if (typeof value !== 'string') return fail(value.unavailable);
      return value;
    };
    // A file argument: a "quoted path" or a field holding one.
    const literal = (token: string): string => {
      try {
        return JSON.parse(token) as string;
      } catch {
        return fail(`${token} is not a valid "quoted string"`);
      }
    };
    const fileArg = (token: string | undefined): string => {
      if (token === undefined) return fail('a file path is missing');
      const rel = token.startsWith('"') ? literal(token) : field(token);
      if (rel.startsWith('/') || rel.split('/').includes('..'))
        return fail(`"${rel}" must be a path inside the repository, e.g. "examples/…"`);
      const text = input.readFile(rel);
      if (text === undefined) return fail(`${rel} does not exist`);
      return text;
    };

    const [head, ...rest] = tokens(expr);
    const pipe = rest.indexOf('|');
    const args = pipe === -1 ? rest : rest.slice(0, pipe);
    const filters = pipe === -1 ? [] : rest.slice(pipe + 1);
    let out: string;
    if (head === undefined) return fail('empty placeholder');
    else if (head === 'tffile') {
      if (args.length !== 1) fail('tffile takes one file: {{ tffile "examples/…/resource.tf" }}');
      out = codeBlock('terraform', fileArg(args[0]));
    } else if (head === 'codefile') {
      if (args.length !== 2 || !args[0].startsWith('"'))
        fail('codefile takes a language and a file: {{ codefile "shell" "examples/…/import.sh" }}');
      out = codeBlock(literal(args[0]), fileArg(args[1]));
    } else if (head.startsWith('.')) {
      if (args.length !== 0) fail(`a field takes no arguments`);
      out = field(head);
    } else return fail(`unknown function "${head}" (known: tffile, codefile, and the fields ${fieldNames})`);
    for (const f of filters) {
      if (f === 'trimspace') out = out.trim();
      else fail(`unknown filter "${f}" (known: trimspace)`);
    }
    return out;
  });
}
