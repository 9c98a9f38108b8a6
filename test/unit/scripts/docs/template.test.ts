// The template placeholders of templates/**/*.md.tmpl, and the errors a typo gets: each names the
// template and line, and what is known.
import { renderTemplate, type TemplateInput } from '../../../../scripts/docs/template';

const FILES: Record<string, string> = {
  'examples/resources/x_thing/resource.tf': 'resource "x_thing" "a" {}\n\n',
  'examples/resources/x_thing/import.sh': 'terraform import x_thing.a id\n',
  'examples/md.txt': 'has ``` inside\n',
};

function render(text: string, fields: TemplateInput['fields'] = {}): string {
  return renderTemplate({
    source: 'templates/resources/thing.md.tmpl',
    text,
    fields: {
      Name: 'x_thing',
      SchemaMarkdown: '\n## Schema\n\n- `a` (String)\n',
      ExampleFile: 'examples/resources/x_thing/resource.tf',
      ImportFile: { unavailable: 'examples/resources/x_thing/import.sh does not exist' },
      ...fields,
    },
    readFile: (p) => FILES[p],
  });
}

describe('renderTemplate', () => {
  it('fills fields, tffile and codefile blocks, and trimspace', () => {
    expect(render('# {{ .Name }} ({{.Name}})')).toBe('# x_thing (x_thing)');
    expect(render('{{ .SchemaMarkdown | trimspace }}')).toBe('## Schema\n\n- `a` (String)');
    expect(render('{{ tffile .ExampleFile }}')).toBe('```terraform\nresource "x_thing" "a" {}\n```');
    expect(render('{{ tffile "examples/resources/x_thing/resource.tf" }}')).toBe(
      '```terraform\nresource "x_thing" "a" {}\n```',
    );
    expect(render('{{ codefile "shell" "examples/resources/x_thing/import.sh" }}')).toBe(
      '```shell\nterraform import x_thing.a id\n```',
    );
    expect(render('{{ codefile "text" "examples/md.txt" }}')).toBe('````text\nhas ``` inside\n````');
  });

  it.each([
    ['{{ .Nmae }}', ':1:', 'unknown field .Nmae (fields: .Name, .SchemaMarkdown, .ExampleFile, .ImportFile)'],
    ['a\n\n{{ codefile "shell" .ImportFile }}', ':3:', 'examples/resources/x_thing/import.sh does not exist'],
    ['{{ tffile "examples/missing.tf" }}', ':1:', 'examples/missing.tf does not exist'],
    ['{{ tffile "../secrets.tf" }}', ':1:', 'must be a path inside the repository'],
    ['{{ tffile }}', ':1:', 'tffile takes one file'],
    ['{{ codefile .ExampleFile }}', ':1:', 'codefile takes a language and a file'],
    ['{{ template "x" }}', ':1:', 'unknown function "template"'],
    ['{{ .Name | upper }}', ':1:', 'unknown filter "upper"'],
  ])('%j is an error naming the template, the line and the fix', (text, line, message) => {
    let error = '';
    try {
      render(text);
    } catch (err) {
      error = (err as Error).message;
    }
    expect(error).toMatch(/^templates\/resources\/thing\.md\.tmpl:\d+: /);
    expect(error).toContain(`thing.md.tmpl${line}`);
    expect(error).toContain(message);
  });
});
