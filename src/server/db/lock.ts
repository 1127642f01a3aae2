import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite does not lock its data folder, and two processes writing one folder lose data.
 * We take an exclusive lock file holding our pid; a second live process gets a clear error.
 * A lock left by a dead process (crash, kill -9) is detected by its pid and taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data folder is in use by another RevivaTech process (pid ${ownerPid}). ` +
        `Stop that process, or point DATA_DIR at another folder. Lock file: ${lockFile}`,
    );
    this.name = 'DataDirLockedError';
  }
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLock {
  file: string;
  release(): void;
}

export function acquireDirLock(dir: string): DirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'revivatech.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { file, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      if (owner === process.pid || pidAlive(owner)) {
        throw new DataDirLockedError(file, owner);
      }
      // stale lock from a dead process: remove and retry
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not acquire the data folder lock at ${file}`);
}
