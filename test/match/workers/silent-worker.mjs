// A compare worker that claims the first chunk and then dies without a word, as one killed by the system would.
import { workerData } from 'node:worker_threads';
const ctrl = new Int32Array(workerData.control);
Atomics.add(ctrl, 0, 1);
process.exit(0);
