// Integration tests log only warnings and errors.
process.env.LOG_LEVEL ??= 'warn';
