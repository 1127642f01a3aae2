/** The SMTP sink of the scaled-out set-up (scripts/lib/cluster.mjs). */
import { SMTPServer } from 'smtp-server';

/** An SMTP server with no TLS or auth that records every message's recipients and subject. */
export async function startSmtpSink(port) {
  const messages = [];
  /** recipients of messages received but not yet answered (while holdMs delays the answer) */
  const receiving = [];
  const closed = new Set();
  let server = null;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onClose(session) {
        closed.add(session.id);
      },
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (c) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          receiving.push(...to);
          const accept = () => {
            for (const t of to) receiving.splice(receiving.indexOf(t), 1);
            // a sender gone before the answer never learns the message was taken: not delivered
            if (closed.has(session.id)) return done(new Error('the sender went away'));
            const subject = /^Subject: (.*)$/im.exec(raw)?.[1] ?? '';
            for (const t of to) messages.push({ to: t, subject });
            done();
          };
          if (sink.holdMs > 0) setTimeout(accept, sink.holdMs);
          else accept();
        });
      },
    });
  const sink = {
    port,
    messages,
    receiving,
    /** keeps each message this long before accepting it (0: none) */
    holdMs: 0,
    count: (to) => messages.filter((m) => m.to === to.toLowerCase()).length,
    async start() {
      server = make();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise((resolve) => s.close(resolve));
    },
  };
  await sink.start();
  return sink;
}
