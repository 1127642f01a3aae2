/** Ratings e-mails: after collection, the customer is asked how the repair went (a signed link). */
import { ButtonLink, H1, lines, P, Summary } from './layout';
import type { TemplateFn } from './types';

export const ratingRequest: TemplateFn<'rating-request'> = (d, b) => ({
  subject: `How did we do? Rate your repair ${d.reference}`,
  body: (
    <>
      <H1>How did we do?</H1>
      <P>Hello {d.name},</P>
      <P>
        Thank you for collecting your {d.deviceName} from {d.shopName}. We would love to know how your repair
        went: it takes a few seconds, one to five stars and a comment if you like.
      </P>
      <Summary
        rows={[
          ['Reference', d.reference],
          ['Device', d.deviceName],
        ]}
      />
      <ButtonLink href={d.url} color={b.brandColor}>
        Rate your repair
      </ButtonLink>
      <P style={{ color: '#64748b', fontSize: 14 }}>
        The link is yours alone and works until {d.expires}. We ask only once.
      </P>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    `Thank you for collecting your ${d.deviceName} from ${d.shopName}. We would love to know how your repair went: one to five stars and a comment if you like.`,
    '',
    `Reference: ${d.reference}`,
    '',
    'Rate your repair:',
    d.url,
    '',
    `The link works until ${d.expires}. We ask only once.`,
  ),
});
