// A compare worker that claims the first chunk and then fails, as one whose comparing throws would.
import { workerData } from 'node:worker_threads';
const ctrl = new Int32Array(workerData.control);
Atomics.add(ctrl, 0, 1);
workerData.port.postMessage({ kind: 'error', message: 'planted failure' });
Atomics.add(ctrl, 1, 1);
Atomics.notify(ctrl, 1);
