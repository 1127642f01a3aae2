import os from 'node:os';
import path from 'node:path';

// Integration tests log only warnings and errors.
process.env.LOG_LEVEL ??= 'warn';
// Many sign-ups from 127.0.0.1 in seconds: better-auth's per-IP limit would refuse them.
process.env.AUTH_RATE_LIMIT ??= 'off';
// The suites book and sign up many times from 127.0.0.1; rate-limit.test.ts turns the limits on.
process.env.PUBLIC_RATE_LIMIT ??= 'off';
// Push subscriptions name the local push service (push-peer.ts) or the tables' made-up one.
process.env.PUSH_SERVICE_HOSTS ??= '127.0.0.1,push.example';
// Uploaded photos go to a temporary folder, never the repository's ./data.
process.env.UPLOAD_DIR ??= path.join(os.tmpdir(), `rt-test-uploads-${process.pid}`);
