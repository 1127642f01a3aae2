/**
 * The one place that reads the environment. Everything else imports `env`.
 * Every variable is documented in the README's configuration table.
 */
import { createEnv } from '@t3-oss/env-core';
import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const WINDOW_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** A rate limit written "<count>/<window>", e.g. "10/1h", "5/15m", "100/1d". */
const rateLimit = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .pipe(
      z
        .string()
        .regex(/^\d{1,6}\/\d{1,5}[smhd]$/, 'must be "<count>/<window>", e.g. "10/1h", "5/15m" or "100/1d"'),
    )
    .transform((v) => {
      const [count, window] = v.split('/') as [string, string];
      const unit = window.slice(-1) as keyof typeof WINDOW_SECONDS;
      return { points: Number(count), seconds: Number(window.slice(0, -1)) * WINDOW_SECONDS[unit] };
    })
    .refine((l) => l.points >= 1 && l.seconds >= 1, 'count and window must be at least 1');

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** Public base URL used in links (tracking links, QR codes, e-mails). */
    APP_URL: optionalUrl,
    /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front of the app. */
    TRUST_PROXY: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    /** Folder for the embedded database, generated secrets and uploads. */
    DATA_DIR: z.string().default('./data'),
    /** PostgreSQL connection string; when unset the embedded PGlite database is used. */
    DATABASE_URL: optionalUrl,
    /** Redis for the live-update bus, the cache (L2 + invalidation bus) and rate-limit counts across app instances; unset: in-process. */
    REDIS_URL: optionalUrl,
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** PostgreSQL: how long a request waits for a connection (a free one of the pool, or a new one) before it answers 503, in ms. */
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
    /** PostgreSQL: how long one query may take before it fails (client side, so a dead network fails too), in ms. */
    DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Branding shown in the header, e-mails and the web manifest. */
    SHOP_NAME: z.string().min(1).max(80).default('RevivaTech'),
    BRAND_COLOR: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #0f766e')
      .default('#0f766e'),
    BRAND_LOGO_URL: z.string().optional(),
    /** Signs sessions and links; generated into DATA_DIR/secrets.json when unset. */
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** 32 bytes as 64 hex characters: encrypts stored secrets (SMTP password); generated when unset. */
    ENCRYPTION_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
      .optional(),
    /** First start: create this admin account when no admin exists yet. */
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    /** better-auth's per-IP limits on sign-in/sign-up (on by default; tests turn it off); counted in Redis with REDIS_URL. */
    AUTH_RATE_LIMIT: z.enum(['on', 'off']).default('on'),
    /** Limits on public writes (booking, tracking messages, sign-up, password reset); tests turn them off. */
    PUBLIC_RATE_LIMIT: z.enum(['on', 'off']).default('on'),
    /** Bookings per client address, and per customer e-mail ("<count>/<window>"). */
    RATE_LIMIT_BOOKING_IP: rateLimit('20/1h'),
    RATE_LIMIT_BOOKING_EMAIL: rateLimit('5/1h'),
    /** Messages through a tracking link, per client address and per repair (its customer). */
    RATE_LIMIT_MESSAGE_IP: rateLimit('30/1h'),
    RATE_LIMIT_MESSAGE_ORDER: rateLimit('20/1h'),
    /** Photos of the damage sent with a booking, per client address and per booking. */
    RATE_LIMIT_BOOKING_PHOTOS_IP: rateLimit('40/1h'),
    RATE_LIMIT_BOOKING_PHOTOS_BOOKING: rateLimit('15/1h'),
    /** AI diagnoses (POST /api/ai/diagnose) per client address. */
    RATE_LIMIT_AI_DIAGNOSE_IP: rateLimit('30/1h'),
    /**
     * Tracker batches (POST /api/analytics/events) per client address. A visitor's tab sends at
     * most one batch per 10 s while events keep coming, plus one on leaving a page: 600/1h is
     * 10 busy tabs behind one address for an hour, while a flood stops at 600 x 50 events.
     */
    RATE_LIMIT_ANALYTICS_EVENTS_IP: rateLimit('600/1h'),
    /** Event tracking: `on` (a visit id in sessionStorage), `cookieless` (an id per page load, nothing stored), `off`. */
    ANALYTICS_MODE: z.enum(['on', 'cookieless', 'off']).default('on'),
    /** Days tracker events are kept; a daily job deletes older ones. */
    ANALYTICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(395),
    /** Messages to the support assistant (POST /api/support/messages) per client address. */
    RATE_LIMIT_SUPPORT_MESSAGES_IP: rateLimit('60/1h'),
    /** Rating pages and ratings through a rating link (GET and POST /api/ratings/{token}) per client address. */
    RATE_LIMIT_RATINGS_IP: rateLimit('30/1h'),
    /** Sign-ups per client address and per e-mail. */
    RATE_LIMIT_SIGNUP_IP: rateLimit('10/1h'),
    RATE_LIMIT_SIGNUP_EMAIL: rateLimit('3/1h'),
    /** Password-reset requests per client address and per e-mail. */
    RATE_LIMIT_RESET_IP: rateLimit('10/1h'),
    RATE_LIMIT_RESET_EMAIL: rateLimit('3/1h'),
    /** Lockout: failed passwords or second-factor codes for one account within the window that lock it. */
    LOCKOUT_MAX_ATTEMPTS: z.coerce.number().int().min(2).max(100).default(5),
    LOCKOUT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /** Lockout: the first lock's length in minutes; each further lock within a day doubles it (max 24 h). */
    LOCKOUT_BASE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /** Security monitor: a sign-in scoring this much or more must pass a step-up (2FA or an e-mailed code). */
    RISK_STEP_UP_SCORE: z.coerce.number().int().min(1).max(1000).default(50),
    /** Security monitor: a sign-in scoring this much or more is refused, and the user and admins are alerted. */
    RISK_BLOCK_SCORE: z.coerce.number().int().min(1).max(1000).default(90),
    /** Staff (technician and above) must set up two-factor before the console opens ("optional" to allow without). */
    STAFF_TWO_FACTOR: z.enum(['required', 'optional']).default('required'),
    /** Seed the demo catalogue and shops on first start (default on). */
    SEED_ON_START: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    /** E-mail delivery: tries per message before it is marked dead (dead-letter). */
    EMAIL_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(8),
    /** E-mail delivery: first retry delay in seconds; doubles each try (exponential backoff, max 1 h). */
    EMAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** Job queue: how often an idle worker polls for new jobs, in seconds (>= 0.5). */
    QUEUE_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
    /**
     * Where browsers load the static assets from (a CDN in front of the app): an absolute URL
     * (`https://cdn.example.com`, optionally with a path) that serves the app's `/_next/static/*`
     * and public files (`/icons/*`). Read at build time (Next's assetPrefix) and at run time (our
     * own static URLs, the pages' CSP): set it for `npm run build` and `npm start` alike.
     */
    ASSET_PREFIX: z
      .string()
      .trim()
      .regex(
        /^https?:\/\/[a-zA-Z0-9.-]+(:\d{1,5})?(\/[\w.~%-]+)*\/?$/,
        'must be an absolute http(s) URL without query or fragment, e.g. https://cdn.example.com',
      )
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
    /**
     * Whether this process works the job queue (default true: the embedded mode runs the jobs in
     * the web process). `false` on web instances next to `npm run worker`: they only enqueue.
     */
    RUN_JOBS: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    /** Folder for uploaded photos (default DATA_DIR/uploads); share it between instances, or use an S3-style store. */
    UPLOAD_DIR: z.string().optional(),
    /** Largest photo accepted, in megabytes (the request is cut off while streaming past it). */
    MAX_UPLOAD_MB: z.coerce.number().min(1).max(100).default(10),
    /** Largest photo accepted, in megapixels (width x height), against decompression bombs. */
    MAX_UPLOAD_MEGAPIXELS: z.coerce.number().min(1).max(500).default(50),
    /** PEM file of an extra certificate authority trusted for SMTP (a mail server with a private or self-signed certificate). */
    SMTP_CA_FILE: z.string().optional(),
    /** Payments: Stripe (card payments through the Payment Element). Without keys the built-in sandbox card provider takes card payments. */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)')
      .optional(),
    STRIPE_PUBLISHABLE_KEY: z
      .string()
      .regex(/^pk_(test|live)_\w+$/, 'must be a Stripe publishable key (pk_test_… or pk_live_…)')
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+$/, 'must be a Stripe webhook signing secret (whsec_…)')
      .optional(),
    /** Where the Stripe SDK sends its requests (default Stripe's API); for a proxy or a local test peer. */
    STRIPE_API_BASE: optionalUrl,
    /** Payments: PayPal (Orders v2). */
    PAYPAL_CLIENT_ID: z.string().min(1).optional(),
    PAYPAL_CLIENT_SECRET: z.string().min(1).optional(),
    PAYPAL_WEBHOOK_ID: z.string().min(1).optional(),
    PAYPAL_ENV: z.enum(['sandbox', 'live']).default('sandbox'),
    /** Where the PayPal SDK sends its requests (default PayPal's sandbox or live API per PAYPAL_ENV). */
    PAYPAL_API_BASE: optionalUrl,
    /** How long a drop-off slot is held while an online payment is pending, in minutes. */
    PAYMENT_HOLD_MINUTES: z.coerce.number().int().min(2).max(120).default(15),
    /** The shop's VAT registration number, printed on invoices. */
    VAT_NUMBER: z.string().trim().max(30).optional(),
    /**
     * Web Push (VAPID): the application server's key pair, base64url (a 65-byte P-256 public
     * point and its 32-byte private key). Generated into DATA_DIR/secrets.json when unset; several
     * instances must share one pair (a new pair makes every browser subscription unusable).
     */
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}$/, 'must be a base64url P-256 public key (87 characters, no "=")')
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 private key (43 characters, no "=")')
      .optional(),
    /** Web Push: who push services may contact about this sender (mailto: or https: URL). */
    VAPID_SUBJECT: z
      .string()
      .trim()
      .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'must be a mailto: address or an https: URL')
      .optional(),
    /**
     * Web Push: the push services subscriptions may point at, as host names (a subdomain of one
     * matches too), comma-separated. Unset: the browsers' own services (Google FCM, Mozilla,
     * Apple, Microsoft), so a signed-in user cannot make the server POST to any other address.
     */
    PUSH_SERVICE_HOSTS: z
      .string()
      .trim()
      .regex(/^[a-z0-9.:[\]-]+(\s*,\s*[a-z0-9.:[\]-]+)*$/i, 'must be host names separated by commas')
      .optional(),
    /**
     * Optional AI provider for a second opinion on diagnoses: an OpenAI-compatible server whose
     * `${AI_BASE_URL}/chat/completions` speaks the Chat Completions wire format (e.g.
     * https://api.openai.com/v1, or a local Ollama/llama.cpp at http://127.0.0.1:11434/v1).
     * Unset: the local model alone answers (the default; nothing is sent anywhere).
     */
    AI_BASE_URL: optionalUrl,
    /** Bearer token for AI_BASE_URL (a local server may need none). */
    AI_API_KEY: z.string().trim().min(1).max(500).optional(),
    /** The provider's model name, e.g. gpt-4o-mini or llama3.1:8b; required with AI_BASE_URL. */
    AI_MODEL: z.string().trim().min(1).max(200).optional(),
    /** How long to wait for the provider before answering with the local model alone, in milliseconds. */
    AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
    /** Accounting export (Xero): the sales account code of every line. */
    ACCOUNTING_SALES_ACCOUNT_CODE: z.string().trim().min(1).max(20).default('200'),
    /** Accounting export (Xero): the tax rate's display name in Xero for VAT-rated lines. */
    ACCOUNTING_TAX_TYPE: z.string().trim().min(1).max(60).default('20% (VAT on Income)'),
    /** Accounting export (QuickBooks Online): the product/service every line is booked to. */
    ACCOUNTING_QUICKBOOKS_ITEM: z.string().trim().min(1).max(100).default('Repairs'),
    /** Accounting export (QuickBooks Online): the VAT code of VAT-rated lines. */
    ACCOUNTING_QUICKBOOKS_TAX_CODE: z.string().trim().min(1).max(60).default('20.0% S'),
    /** Tests only: run the integration suite against these servers too. */
    TEST_DATABASE_URL: optionalUrl,
    TEST_REDIS_URL: optionalUrl,
    CI: z.string().optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  // one clear line per bad variable instead of a stack trace
  onValidationError: (issues) => {
    const lines = issues.map((i) => `  ${i.path?.map(String).join('.') ?? '?'}: ${i.message}`);
    const message = `Invalid configuration in the environment:\n${lines.join('\n')}\nSee the Configuration section of README.md.`;
    console.error(message);
    throw new Error(message);
  },
});

export type Env = typeof env;

/**
 * Hands Next the configuration its build resolved (`.next/required-server-files.json`), the way
 * Next's own standalone server does: a production start then does not load and compile
 * next.config.ts (with its plugins) again. Used by src/server/http/next-app.ts only.
 */
export function handNextItsBuiltConfig(configJson: string): void {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = configJson;
}
