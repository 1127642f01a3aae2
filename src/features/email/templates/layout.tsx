/* eslint-disable @next/next/no-head-element, @next/next/no-img-element -- e-mail HTML, not a Next page */
import type { CSSProperties, ReactNode } from 'react';
import type { Branding } from '@/server/branding';

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** The branded frame of every e-mail: a table layout with inline styles, as mail clients need. */
export function EmailLayout({ branding, children }: { branding: Branding; children: ReactNode }) {
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{branding.shopName}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: '#f1f5f9', fontFamily: FONT }}>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ padding: '24px 0' }}>
          <tbody>
            <tr>
              <td align="center">
                <table
                  role="presentation"
                  width="100%"
                  cellPadding={0}
                  cellSpacing={0}
                  style={{ maxWidth: 560, backgroundColor: '#ffffff', borderRadius: 12, overflow: 'hidden' }}
                >
                  <tbody>
                    <tr>
                      <td style={{ backgroundColor: branding.brandColor, padding: '16px 24px' }}>
                        {branding.logoUrl ? (
                          <img
                            src={branding.logoUrl}
                            alt={branding.shopName}
                            height={32}
                            style={{ height: 32 }}
                          />
                        ) : (
                          <span style={{ color: '#ffffff', fontSize: 20, fontWeight: 700 }}>
                            {branding.shopName}
                          </span>
                        )}
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: 24, color: '#0f172a', fontSize: 16, lineHeight: '24px' }}>
                        {children}
                      </td>
                    </tr>
                    <tr>
                      <td
                        style={{
                          padding: '16px 24px',
                          color: '#64748b',
                          fontSize: 12,
                          borderTop: '1px solid #e2e8f0',
                        }}
                      >
                        {branding.shopName}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

export function P({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return <p style={{ margin: '0 0 16px', ...style }}>{children}</p>;
}

export function H1({ children }: { children: ReactNode }) {
  return <h1 style={{ margin: '0 0 16px', fontSize: 22, lineHeight: '28px' }}>{children}</h1>;
}

export function ButtonLink({ href, color, children }: { href: string; color: string; children: ReactNode }) {
  return (
    <p style={{ margin: '24px 0' }}>
      <a
        href={href}
        style={{
          backgroundColor: color,
          color: '#ffffff',
          padding: '12px 20px',
          borderRadius: 8,
          textDecoration: 'none',
          fontWeight: 600,
          display: 'inline-block',
        }}
      >
        {children}
      </a>
    </p>
  );
}

/** A two-column summary table (label, value). */
export function Summary({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={{ width: '100%', margin: '0 0 16px' }}>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <td
              style={{
                padding: '4px 12px 4px 0',
                color: '#64748b',
                verticalAlign: 'top',
                whiteSpace: 'nowrap',
              }}
            >
              {label}
            </td>
            <td style={{ padding: '4px 0', fontWeight: 600 }}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Plain-text lines joined, with empty entries (optional parts) dropped. */
export function lines(...parts: Array<string | false | null | undefined>): string {
  return parts.filter((p): p is string => typeof p === 'string').join('\n');
}
