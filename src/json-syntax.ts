/**
 * Where a JSON text stops being JSON, without quoting it. V8's own message
 * quotes the text ("Unexpected token 'r', "root:x:0:0"... is not valid
 * JSON"), which would echo a file that is not what it was said to be (a
 * system file passed as --template, a config file holding an API key).
 */
export function jsonSyntaxProblem(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : '';
  const at = /position (\d+)/.exec(message);
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    return `not valid JSON (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
  }
  return /end of JSON input/i.test(message) ? 'not valid JSON (it ends too early)' : 'not valid JSON';
}
