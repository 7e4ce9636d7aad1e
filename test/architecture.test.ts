// ARCHITECTURE.md's rules, checked on the source: which room may import what, where authorisation
// happens, and no import cycles (type-only imports count: they tie modules together just the same).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..');
const SKIP = new Set(['node_modules', 'generated', 'dist', 'coverage', '.bodega']);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3]!).filter(Boolean);
}

/** Which room a file is in: `subgraph:<name>`, `package:<name>`, gateway, composition, testing, web, bench, scripts. */
function roomOf(file: string): string {
  const [top, name] = relative(ROOT, file).split('/');
  if (top === 'subgraphs' || top === 'packages') return `${top === 'subgraphs' ? 'subgraph' : 'package'}:${name}`;
  return top === 'test' ? 'testing' : top!;
}

const isTestFile = (file: string) => /\/(test|e2e)\//.test(relative(ROOT, file)) || /\.test\.tsx?$/.test(file);
const SUBGRAPHS = readdirSync(join(ROOT, 'subgraphs'));
const PACKAGES = readdirSync(join(ROOT, 'packages'));

/** The room a `@bodega/<name>` import names. */
function roomOfPackage(specifier: string): string | undefined {
  const name = /^@bodega\/([^/]+)/.exec(specifier)?.[1];
  if (!name) return undefined;
  if (SUBGRAPHS.includes(name)) return `subgraph:${name}`;
  if (PACKAGES.includes(name)) return `package:${name}`;
  return { gateway: 'gateway', composition: 'composition', testing: 'testing', web: 'web' }[name];
}

const ALL = ['packages', 'subgraphs', 'gateway', 'composition', 'test', 'web/src', 'web/e2e', 'bench', 'scripts'].flatMap((dir) => sourceFiles(join(ROOT, dir)));

function violations(rule: (from: string, to: string, file: string, specifier: string) => string | undefined): string[] {
  return ALL.flatMap((file) =>
    importsOf(file).flatMap((specifier) => {
      const target = specifier.startsWith('.') ? roomOf(resolve(dirname(file), specifier)) : roomOfPackage(specifier);
      if (!target) return [];
      const problem = rule(roomOf(file), target, file, specifier);
      return problem ? [`${relative(ROOT, file)} imports ${specifier}: ${problem}`] : [];
    }),
  );
}

describe('the rooms and what each may import (ARCHITECTURE.md)', () => {
  it('no subgraph imports another subgraph', () => {
    expect(violations((from, to) => (from.startsWith('subgraph:') && to.startsWith('subgraph:') && from !== to ? 'subgraphs meet only through the gateway' : undefined))).toEqual([]);
  });

  it('packages never import subgraphs, the gateway, the composition root or the test support', () => {
    expect(
      violations((from, to, file) =>
        from.startsWith('package:') && !isTestFile(file) && (to.startsWith('subgraph:') || ['gateway', 'composition', 'testing'].includes(to))
          ? 'packages are the bottom layer'
          : undefined,
      ),
    ).toEqual([]);
  });

  it('subgraphs and the gateway import only packages outside their tests (never the composition root or the test support)', () => {
    expect(
      violations((from, to, file) =>
        (from.startsWith('subgraph:') || from === 'gateway') &&
        !isTestFile(file) &&
        !file.endsWith('/src/main.ts') &&
        ['composition', 'testing', 'gateway'].includes(to) &&
        to !== from
          ? 'a service depends on libraries only; the composition root starts it'
          : undefined,
      ),
    ).toEqual([]);
  });

  it('the web app imports nothing from the server side (its tests may: they check documents against the schema)', () => {
    expect(
      violations((from, to, file) => (from === 'web' && !isTestFile(file) && to !== 'web' ? 'the browser talks to the server over GraphQL only' : undefined)),
    ).toEqual([]);
  });

  it('test code reaches other workspaces by package name, not by a relative path into them', () => {
    expect(
      violations((from, to, file, specifier) =>
        isTestFile(file) && specifier.startsWith('.') && to !== from && !(from === 'testing' && to === 'scripts') ? 'import it by its @bodega/ name' : undefined,
      ),
    ).toEqual([]);
  });

  it('authorisation happens in services: no resolver checks roles itself', () => {
    const resolvers = ALL.filter((file) => /subgraphs\/[^/]+\/src\/resolvers\//.test(file));
    const checking = resolvers.filter((file) => /\brequire(Role|Identity|Service|Editor)\(/.test(readFileSync(file, 'utf8')));
    expect(checking.map((file) => relative(ROOT, file))).toEqual([]);
  });
});

describe('module imports', () => {
  it('form no cycle anywhere in the source', () => {
    const files = ALL.filter((file) => !isTestFile(file));
    const edges = new Map<string, string[]>();
    for (const file of files) {
      const targets = importsOf(file)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => resolveFile(resolve(dirname(file), specifier)))
        .filter((target): target is string => target !== undefined);
      edges.set(file, targets);
    }
    expect(cycles(edges).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' → '))).toEqual([]);
  });
});

function resolveFile(base: string): string | undefined {
  const stripped = base.replace(/\.js$/, '');
  for (const candidate of [stripped, `${stripped}.ts`, `${stripped}.tsx`, join(stripped, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Strongly connected components of more than one file (Tarjan), each a cycle to report. */
function cycles(edges: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.reverse());
    }
  };
  for (const node of edges.keys()) if (!indices.has(node)) visit(node);
  return found;
}
