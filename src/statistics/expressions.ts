// The expression language of indicators and validation rules. jsep parses the text into an AST;
// compile() checks it against the catalogue (known variables, dimensions and codes, allowed
// functions) and turns it into a small tree that evaluate() walks. No eval, no property lookups
// on user-supplied names. Missing operands and division by zero give a missing result (null).
import jsep from 'jsep';

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';
export type FunctionName = 'sum' | 'min' | 'max' | 'abs' | 'if' | 'coalesce' | 'prev';

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'ref'; variable: string; filter: Readonly<Record<string, string>> }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; args: Expr[] };

export class ExpressionError extends Error {}

/** What compile() needs to know of the catalogue. */
export interface ExpressionScope {
  /** Variable code → its dimensions. */
  variables: ReadonlyMap<string, readonly string[]>;
  /** Dimension → its codes. */
  dimensions: ReadonlyMap<string, ReadonlySet<string>>;
}

const MAX_LENGTH = 2000;
const MAX_NESTING = 24;
const MAX_LITERAL = 1e15;
// A chain of N operators is N levels deep; this bounds the recursion of compile and evaluate.
const MAX_AST_DEPTH = 200;
const BINARY_OPS = new Set<string>(['+', '-', '*', '/', '<', '<=', '>', '>=', '==', '!=', '&&', '||']);
const ARITY: Record<FunctionName, [number, number]> = {
  sum: [1, 50],
  min: [1, 50],
  max: [1, 50],
  abs: [1, 1],
  if: [3, 3],
  coalesce: [1, 50],
  prev: [1, 1],
};
const FORBIDDEN_NAMES = new Set(['__proto__', 'prototype', 'constructor', 'this']);

/** Rejects input that could exhaust the parser before it is parsed: length and bracket depth. */
function precheck(text: string): void {
  if (text.length > MAX_LENGTH) throw new ExpressionError(`expression is longer than ${MAX_LENGTH} characters`);
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth += 1;
    if (ch === ')' || ch === ']') depth -= 1;
    if (depth > MAX_NESTING) throw new ExpressionError(`expression nests deeper than ${MAX_NESTING} levels`);
  }
}

function dottedName(node: jsep.Expression): string {
  if (node.type === 'Identifier') {
    const name = (node as jsep.Identifier).name;
    if (FORBIDDEN_NAMES.has(name)) throw new ExpressionError(`"${name}" is not allowed in an expression`);
    return name;
  }
  if (node.type === 'MemberExpression' && !(node as jsep.MemberExpression).computed) {
    const m = node as jsep.MemberExpression;
    return `${dottedName(m.object)}.${dottedName(m.property)}`;
  }
  throw new ExpressionError('expected a variable code such as cases.incoming');
}

function filterTerms(node: jsep.Expression, out: [string, string][]): void {
  if (node.type === 'BinaryExpression' && (node as jsep.BinaryExpression).operator === '&&') {
    const b = node as jsep.BinaryExpression;
    filterTerms(b.left, out);
    filterTerms(b.right, out);
    return;
  }
  if (node.type === 'BinaryExpression' && (node as jsep.BinaryExpression).operator === '==') {
    const b = node as jsep.BinaryExpression;
    const dim = dottedName(b.left);
    const right = b.right;
    const code =
      right.type === 'Literal'
        ? String((right as jsep.Literal).value)
        : right.type === 'Identifier'
          ? (right as jsep.Identifier).name
          : null;
    if (code === null) throw new ExpressionError(`the code for dimension ${dim} must be a name or a quoted string`);
    if (FORBIDDEN_NAMES.has(code)) throw new ExpressionError(`"${code}" is not allowed in an expression`);
    out.push([dim, code]);
    return;
  }
  throw new ExpressionError('a filter reads like [sex == "female" && age == "y0_13"]');
}

function compileRef(node: jsep.Expression, scope: ExpressionScope): Expr {
  let target = node;
  const terms: [string, string][] = [];
  if (node.type === 'MemberExpression' && (node as jsep.MemberExpression).computed) {
    const m = node as jsep.MemberExpression;
    target = m.object;
    filterTerms(m.property, terms);
  }
  const variable = dottedName(target);
  const dims = scope.variables.get(variable);
  if (!dims) throw new ExpressionError(`unknown variable ${variable}`);
  const filter: Record<string, string> = Object.create(null);
  for (const [dim, code] of terms) {
    if (!dims.includes(dim)) throw new ExpressionError(`variable ${variable} is not broken down by ${dim}`);
    if (!scope.dimensions.get(dim)?.has(code)) throw new ExpressionError(`"${code}" is not a code of dimension ${dim}`);
    if (dim in filter) throw new ExpressionError(`dimension ${dim} is filtered twice`);
    filter[dim] = code;
  }
  return { kind: 'ref', variable, filter: Object.freeze(filter) };
}

function toExpr(node: jsep.Expression, scope: ExpressionScope, depth: number): Expr {
  if (depth > MAX_AST_DEPTH) throw new ExpressionError(`expression is nested deeper than ${MAX_AST_DEPTH} levels`);
  switch (node.type) {
    case 'Literal': {
      const value = (node as jsep.Literal).value;
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new ExpressionError(`only numbers may appear as literals, not ${(node as jsep.Literal).raw}`);
      if (Math.abs(value) > MAX_LITERAL) throw new ExpressionError(`the number ${(node as jsep.Literal).raw} is too large`);
      return { kind: 'num', value };
    }
    case 'Identifier':
    case 'MemberExpression':
      return compileRef(node, scope);
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      if (u.operator === '-') return { kind: 'neg', arg: toExpr(u.argument, scope, depth + 1) };
      if (u.operator === '+') return toExpr(u.argument, scope, depth + 1);
      throw new ExpressionError(`the operator ${u.operator} is not supported`);
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (!BINARY_OPS.has(b.operator)) throw new ExpressionError(`the operator ${b.operator} is not supported`);
      return { kind: 'bin', op: b.operator as BinaryOp, left: toExpr(b.left, scope, depth + 1), right: toExpr(b.right, scope, depth + 1) };
    }
    case 'CallExpression': {
      const c = node as jsep.CallExpression;
      if (c.callee.type !== 'Identifier') throw new ExpressionError('only the built-in functions can be called');
      const name = (c.callee as jsep.Identifier).name;
      if (!Object.prototype.hasOwnProperty.call(ARITY, name))
        throw new ExpressionError(`unknown function ${name}; use ${Object.keys(ARITY).join(', ')}`);
      const fn = name as FunctionName;
      const [lo, hi] = ARITY[fn];
      if (c.arguments.length < lo || c.arguments.length > hi)
        throw new ExpressionError(`${fn}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument(s)`);
      return { kind: 'call', fn, args: c.arguments.map((a) => toExpr(a, scope, depth + 1)) };
    }
    default:
      throw new ExpressionError(`${node.type} is not allowed in an expression`);
  }
}

/** Parses and checks an expression; throws ExpressionError with a reason a catalogue author can act on. */
export function compileExpression(text: string, scope: ExpressionScope): Expr {
  if (typeof text !== 'string' || text.trim() === '') throw new ExpressionError('expression is empty');
  precheck(text);
  let ast: jsep.Expression;
  try {
    ast = jsep(text);
  } catch (err) {
    throw new ExpressionError(`cannot parse: ${(err as Error).message}`);
  }
  return toExpr(ast, scope, 0);
}

/** Every variable an expression reads, with the largest `prev` depth it reaches back. */
export function references(expr: Expr, lag = 0, out: { variable: string; filter: Readonly<Record<string, string>>; lag: number }[] = []) {
  switch (expr.kind) {
    case 'ref':
      out.push({ variable: expr.variable, filter: expr.filter, lag });
      break;
    case 'neg':
      references(expr.arg, lag, out);
      break;
    case 'bin':
      references(expr.left, lag, out);
      references(expr.right, lag, out);
      break;
    case 'call':
      for (const a of expr.args) references(a, expr.fn === 'prev' ? lag + 1 : lag, out);
      break;
    case 'num':
      break;
  }
  return out;
}

/** Looks up one value: the variable (total or filtered) `lag` periods back; null when missing. */
export type ValueLookup = (variable: string, filter: Readonly<Record<string, string>>, lag: number) => number | null;

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function evaluate(expr: Expr, lookup: ValueLookup, lag = 0): number | null {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'ref':
      return lookup(expr.variable, expr.filter, lag);
    case 'neg': {
      const v = evaluate(expr.arg, lookup, lag);
      return v === null ? null : -v;
    }
    case 'bin': {
      if (expr.op === '&&' || expr.op === '||') {
        const l = evaluate(expr.left, lookup, lag);
        const r = evaluate(expr.right, lookup, lag);
        if (l === null || r === null) return null;
        return (expr.op === '&&' ? l !== 0 && r !== 0 : l !== 0 || r !== 0) ? 1 : 0;
      }
      const l = evaluate(expr.left, lookup, lag);
      const r = evaluate(expr.right, lookup, lag);
      if (l === null || r === null) return null;
      switch (expr.op) {
        case '+':
          return finite(l + r);
        case '-':
          return finite(l - r);
        case '*':
          return finite(l * r);
        case '/':
          return r === 0 ? null : finite(l / r);
        case '<':
          return l < r ? 1 : 0;
        case '<=':
          return l <= r ? 1 : 0;
        case '>':
          return l > r ? 1 : 0;
        case '>=':
          return l >= r ? 1 : 0;
        case '==':
          return l === r ? 1 : 0;
        case '!=':
          return l !== r ? 1 : 0;
      }
      return null;
    }
    case 'call': {
      const args = () => expr.args.map((a) => evaluate(a, lookup, lag));
      switch (expr.fn) {
        case 'prev':
          return evaluate(expr.args[0]!, lookup, lag + 1);
        case 'abs': {
          const v = evaluate(expr.args[0]!, lookup, lag);
          return v === null ? null : Math.abs(v);
        }
        case 'if': {
          const c = evaluate(expr.args[0]!, lookup, lag);
          if (c === null) return null;
          return evaluate(expr.args[c !== 0 ? 1 : 2]!, lookup, lag);
        }
        case 'coalesce': {
          for (const a of expr.args) {
            const v = evaluate(a, lookup, lag);
            if (v !== null) return v;
          }
          return null;
        }
        // sum, min and max skip missing arguments; missing only when all are missing.
        case 'sum':
        case 'min':
        case 'max': {
          const present = args().filter((v): v is number => v !== null);
          if (present.length === 0) return null;
          if (expr.fn === 'sum') return finite(present.reduce((a, b) => a + b, 0));
          return expr.fn === 'min' ? Math.min(...present) : Math.max(...present);
        }
      }
    }
  }
}
