/**
 * The one worker of every declared cell's resource (src/cells/define.ts `ResourceDef`): it loads the
 * cell's module and makes the same `resource.run` call the build and the main thread make, with
 * progress messages. Each module is its own chunk, loaded on the first job that needs it.
 */
import type { AnyCell, JsonFile } from '../../cells/define';

export interface ResourceRequest {
  job: number;
  /** The file of src/cells that exports the cell (`data-declared`). */
  module: string;
  input: unknown;
  /** The cell's JSON data file under the page's base URL, for a cell that has one (a picture's pixels travel in the input). */
  dataUrl?: string;
}

export type ResourceReply =
  | { job: number; type: 'progress'; done: number; total: number }
  | { job: number; type: 'result'; value: unknown }
  | { job: number; type: 'error'; message: string }
  | { job: number; type: 'done' };

const cellModules = import.meta.glob<{ cell?: AnyCell }>(['../../cells/*.ts', '!../../cells/registry.ts']);

/** Each data file is fetched and parsed once per worker. */
const dataFiles = new Map<string, Promise<unknown>>();

function loadData(file: JsonFile<unknown>, url: string): Promise<unknown> {
  let p = dataFiles.get(url);
  if (!p) {
    p = fetch(url).then(async (res) => {
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return file.parse(await res.json());
    });
    p.catch(() => dataFiles.delete(url)); // try again on the next job
    dataFiles.set(url, p);
  }
  return p;
}

const scope = self as unknown as {
  postMessage(message: ResourceReply): void;
  onmessage: ((ev: MessageEvent<ResourceRequest>) => void) | null;
};

scope.onmessage = async (ev) => {
  const { job, module, input, dataUrl } = ev.data;
  try {
    const load = cellModules[`../../cells/${module}.ts`];
    const cell = load ? (await load()).cell : undefined;
    const resource = cell?.resource;
    if (!cell || !resource) throw new Error(`src/cells/${module}.ts has no cell with a resource`);
    const data = cell.data && !('image' in cell.data) && dataUrl ? await loadData(cell.data, dataUrl) : undefined;
    const value = resource.run(input, (done: number, total: number) => scope.postMessage({ job, type: 'progress', done, total }), data);
    scope.postMessage({ job, type: 'result', value });
  } catch (e) {
    scope.postMessage({ job, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
  scope.postMessage({ job, type: 'done' });
};
