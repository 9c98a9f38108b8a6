// Error reporting for the value walkers. A problem is raised at the leaf with an empty path; each
// container frame adds its own step while the problem travels outwards, so the success path never
// builds path strings.

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A problem found at some path inside a value; `steps` are stored innermost first. */
export class CtyPathError extends Error {
  private readonly steps: string[] = [];

  constructor(readonly problem: string) {
    super(problem);
    this.name = 'CtyPathError';
  }

  /** Prepends one step (the caller is one level further out than the previous step). */
  at(step: string): this {
    this.steps.push(step);
    return this;
  }

  /** The path as written in messages, e.g. `.address.city` or `.tags["env"]`; "(root)" if empty. */
  get path(): string {
    if (this.steps.length === 0) return '(root)';
    let out = '';
    for (let i = this.steps.length - 1; i >= 0; i--) out += this.steps[i];
    return out;
  }

  /** `<path>: <problem>`, e.g. `.address.city: expected string, got number`. */
  describe(): string {
    return `${this.path}: ${this.problem}`;
  }
}

export function attributeStep(name: string): string {
  return IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

export function indexStep(index: number): string {
  return `[${index}]`;
}

export function keyStep(key: string): string {
  return `[${JSON.stringify(key)}]`;
}

/** Adds `step` to a CtyPathError travelling outwards; other errors pass through unchanged. */
export function withStep(error: unknown, step: string): unknown {
  if (error instanceof CtyPathError) error.at(step);
  return error;
}
