/** Support e-mails: a staff member's reply to a conversation handed over from the assistant. */
import { ButtonLink, H1, lines, P } from './layout';
import type { TemplateFn } from './types';

export const supportReply: TemplateFn<'support-reply'> = (d, b) => ({
  subject: `${d.staffName} replied to your question`,
  body: (
    <>
      <H1>A reply to your question</H1>
      <P>Hello,</P>
      <P>
        {d.staffName} at {d.shopName} replied:
      </P>
      <P style={{ whiteSpace: 'pre-wrap', borderLeft: `4px solid ${b.brandColor}`, paddingLeft: 12 }}>
        {d.message}
      </P>
      <ButtonLink href={d.url} color={b.brandColor}>
        Continue the conversation
      </ButtonLink>
      <P style={{ color: '#64748b', fontSize: 14 }}>
        You get this e-mail because you asked our support chat for a person to answer you.
      </P>
    </>
  ),
  text: lines(
    'Hello,',
    '',
    `${d.staffName} at ${d.shopName} replied:`,
    '',
    d.message,
    '',
    'Continue the conversation:',
    d.url,
  ),
});
