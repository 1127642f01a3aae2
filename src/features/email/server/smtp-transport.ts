/**
 * Builds the nodemailer SMTP transport from the saved settings and turns its errors into
 * messages an admin can act on (with the server's own answer when there is one).
 */
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { env } from '@/env';

export interface SmtpConfig {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string | null;
  /** decrypted */
  password: string | null;
  fromName: string;
  fromAddress: string;
}

export interface TransportTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

const DELIVERY_TIMEOUTS: TransportTimeouts = { connectionMs: 15_000, greetingMs: 15_000, socketMs: 60_000 };

/** The system's CAs plus SMTP_CA_FILE when set (a private or self-signed mail server). */
function trustedCas(): string[] | undefined {
  if (!env.SMTP_CA_FILE) return undefined;
  return [...tls.rootCertificates, fs.readFileSync(env.SMTP_CA_FILE, 'utf8')];
}

export function createSmtpTransport(
  cfg: SmtpConfig,
  timeouts: TransportTimeouts = DELIVERY_TIMEOUTS,
): Transporter<SMTPTransport.SentMessageInfo> {
  return nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    // tls: TLS from the first byte (usually 465); starttls: upgrade required (587); none: plain
    secure: cfg.security === 'tls',
    requireTLS: cfg.security === 'starttls',
    ignoreTLS: cfg.security === 'none',
    auth: cfg.username ? { user: cfg.username, pass: cfg.password ?? '' } : undefined,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // SNI names a host, never an IP address (RFC 6066)
    tls: { ca: trustedCas(), ...(net.isIP(cfg.host) ? {} : { servername: cfg.host }) },
  });
}

export function fromHeader(cfg: Pick<SmtpConfig, 'fromName' | 'fromAddress'>) {
  return { name: cfg.fromName, address: cfg.fromAddress };
}

interface SmtpErrorLike {
  message?: string;
  code?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

/** A short, clear description of an SMTP failure, quoting the server's answer when it gave one. */
export function describeSmtpError(err: unknown, cfg?: Pick<SmtpConfig, 'host' | 'port'>): string {
  const e = (err ?? {}) as SmtpErrorLike;
  const where = cfg ? `${cfg.host}:${cfg.port}` : 'the SMTP server';
  const message = e.message ?? String(err);
  if (e.response) {
    const answer = e.response.trim().slice(0, 300);
    if (e.code === 'EAUTH') return `Sign-in was refused. The server answered: ${answer}`;
    return `The server answered: ${answer}`;
  }
  if (/ECONNREFUSED/.test(message) || e.code === 'ECONNREFUSED') {
    return `Could not connect to ${where}: the connection was refused.`;
  }
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return `Could not find the host of ${where}.`;
  if (e.code === 'ETIMEDOUT' || /timeout/i.test(message)) return `${where} did not answer in time.`;
  if (/certificate|self[- ]signed|CERT_/i.test(message)) {
    return `The TLS certificate of ${where} is not trusted: ${message}`;
  }
  if (e.code === 'EAUTH') return `Sign-in failed: ${message}`;
  return message.slice(0, 300);
}
