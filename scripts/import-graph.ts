/**
 * The house drawn from its own imports: each folder is a room, each import between rooms an arrow.
 * `npm run graph` prints the rooms by floor (a room sits above every room it imports), the arrows,
 * any circle between rooms or files, and files over the size limit. The architecture test uses the
 * same functions, so the drawing and the check cannot disagree.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SOURCE_ROOTS = ['cli', 'shared', 'functions', 'infra'] as const;
const ALIASES: Record<string, string> = { '#shared/': 'shared/', '#infra/': 'infra/', '#functions/': 'functions/', '#config/': 'config/' };

function sources(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The repository-relative files a source file imports (libraries left out). */
export function importsOf(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2])!;
    const alias = Object.keys(ALIASES).find((a) => spec.startsWith(a));
    if (alias) out.push(normalize(ALIASES[alias]! + spec.slice(alias.length)));
    else if (spec.startsWith('.')) out.push(normalize(join(dirname(file), spec)));
  }
  return out.filter((p) => p.endsWith('.ts'));
}

export interface HouseDrawing {
  files: string[];
  fileEdges: Array<[string, string]>;
  rooms: string[];
  arrows: Array<[string, string]>;
  /** Strongly connected groups of more than one room (or file): each is a circle. */
  roomCircles: string[][];
  fileCircles: string[][];
  floors: Map<string, number>;
}

export const roomOf = (file: string) => dirname(file);

export function drawHouse(root: string): HouseDrawing {
  const files = SOURCE_ROOTS.flatMap((r) => sources(join(root, r))).map((f) => relative(root, f)).sort();
  const fileEdges: Array<[string, string]> = [];
  for (const f of files) for (const i of importsOf(root, f)) if (files.includes(i)) fileEdges.push([f, i]);
  const arrowSet = new Set<string>();
  for (const [a, b] of fileEdges) if (roomOf(a) !== roomOf(b)) arrowSet.add(`${roomOf(a)}\u0000${roomOf(b)}`);
  const arrows = [...arrowSet].map((s) => s.split('\u0000') as [string, string]).sort();
  const rooms = [...new Set(files.map(roomOf))].sort();
  const roomCircles = circles(rooms, arrows);
  const fileCircles = circles(files, fileEdges);
  return { files, fileEdges, rooms, arrows, roomCircles, fileCircles, floors: floorsOf(rooms, arrows) };
}

/** Tarjan's strongly connected components of size > 1. */
function circles(nodes: string[], edges: Array<[string, string]>): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [a, b] of edges) next.get(a)?.push(b);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let i = 0;
  const visit = (v: string) => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return found;
}

/** Floor 0 imports no other room; a room sits one floor above the highest room it imports. */
function floorsOf(rooms: string[], arrows: Array<[string, string]>): Map<string, number> {
  const floors = new Map<string, number>();
  const seen = new Set<string>();
  const floor = (r: string): number => {
    if (floors.has(r)) return floors.get(r)!;
    if (seen.has(r)) return 0; // a circle: reported separately
    seen.add(r);
    const f = Math.max(-1, ...arrows.filter(([a]) => a === r).map(([, b]) => floor(b))) + 1;
    floors.set(r, f);
    return f;
  };
  for (const r of rooms) floor(r);
  return floors;
}

export function linesOf(root: string, file: string): number {
  return readFileSync(join(root, file), 'utf8').split('\n').length - 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = process.cwd();
  const h = drawHouse(root);
  const byFloor = [...h.floors].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  console.log(`${h.rooms.length} rum på ${Math.max(...h.floors.values()) + 1} våningar, ${h.arrows.length} pilar`);
  for (const [room, floor] of byFloor) console.log(`  ${String(floor).padStart(2)}  ${room}  → ${h.arrows.filter(([a]) => a === room).map(([, b]) => b).join(', ') || '–'}`);
  console.log(`Cirklar mellan rum: ${h.roomCircles.length ? h.roomCircles.map((c) => c.join(' ↔ ')).join('; ') : 'inga'}`);
  console.log(`Cirklar mellan filer: ${h.fileCircles.length ? h.fileCircles.map((c) => c.join(' ↔ ')).join('; ') : 'inga'}`);
  const big = h.files.map((f) => [f, linesOf(root, f)] as const).filter(([, n]) => n > 250).sort((a, b) => b[1] - a[1]);
  console.log(`Filer över 250 rader: ${big.length ? big.map(([f, n]) => `${f} (${n})`).join(', ') : 'inga'}`);
}
