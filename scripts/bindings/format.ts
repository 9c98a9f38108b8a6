// Deterministic formatting of generated TypeScript with the compiler's own formatter (no extra
// dependency): fixed indentation and spacing, no trailing whitespace, one final newline, so
// regenerating unchanged input gives byte-identical files.
import ts from 'typescript';

const FORMAT_SETTINGS: ts.FormatCodeSettings = {
  ...ts.getDefaultFormatCodeSettings('\n'),
  indentSize: 2,
  tabSize: 2,
  convertTabsToSpaces: true,
  indentStyle: ts.IndentStyle.Smart,
  insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
  semicolons: ts.SemicolonPreference.Ignore,
};

/** Formats one TypeScript source text. */
export function formatTypeScript(fileName: string, text: string): string {
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [fileName],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => (name === fileName ? ts.ScriptSnapshot.fromString(text) : undefined),
    getCurrentDirectory: () => '/',
    getCompilationSettings: () => ({ noLib: true, noResolve: true }),
    getDefaultLibFileName: () => 'lib.d.ts',
    fileExists: (name) => name === fileName,
    readFile: (name) => (name === fileName ? text : undefined),
  };
  const service = ts.createLanguageService(host);
  try {
    const edits = service.getFormattingEditsForDocument(fileName, FORMAT_SETTINGS);
    return normaliseWhitespace(applyEdits(text, edits));
  } finally {
    service.dispose();
  }
}

/** Trailing spaces removed, runs of blank lines collapsed to one, exactly one final newline. */
export function normaliseWhitespace(text: string): string {
  return (
    text
      .replace(/\r\n/g, '\n')
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/\s*$/, '') + '\n'
  );
}

function applyEdits(text: string, edits: readonly ts.TextChange[]): string {
  // Apply from the end so earlier offsets stay valid.
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const edit of sorted) {
    out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.start + edit.span.length);
  }
  return out;
}
