/**
 * The one worker of every declared cell's resource (src/cells/define.ts `ResourceDef`): it loads the
 * cell's module and makes the same `resource.run` call the build and the main thread make, with
 * progress messages. Each module is its own chunk, loaded on the first job that needs it.
 */
import type { AnyCell } from '../../cells/define';

export interface ResourceRequest {
  job: number;
  /** The file of src/cells that exports the cell (`data-declared`). */
  module: string;
  input: unknown;
}

export type ResourceReply =
  | { job: number; type: 'progress'; done: number; total: number }
  | { job: number; type: 'result'; value: unknown }
  | { job: number; type: 'error'; message: string }
  | { job: number; type: 'done' };

const cellModules = import.meta.glob<{ cell?: AnyCell }>(['../../cells/*.ts', '!../../cells/registry.ts']);

const scope = self as unknown as {
  postMessage(message: ResourceReply): void;
  onmessage: ((ev: MessageEvent<ResourceRequest>) => void) | null;
};

scope.onmessage = async (ev) => {
  const { job, module, input } = ev.data;
  try {
    const load = cellModules[`../../cells/${module}.ts`];
    const resource = load ? (await load()).cell?.resource : undefined;
    if (!resource) throw new Error(`src/cells/${module}.ts has no cell with a resource`);
    const value = resource.run(input, (done, total) => scope.postMessage({ job, type: 'progress', done, total }));
    scope.postMessage({ job, type: 'result', value });
  } catch (e) {
    scope.postMessage({ job, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
  scope.postMessage({ job, type: 'done' });
};
