/** A notice someone chose to get by e-mail (notification preferences): its title, sentence and link. */
import { ButtonLink, H1, lines, P } from './layout';
import type { TemplateFn } from './types';

export const notice: TemplateFn<'notice'> = (d, b) => ({
  subject: d.title,
  body: (
    <>
      <H1>{d.title}</H1>
      <P>Hello {d.name},</P>
      <P>{d.body}</P>
      <ButtonLink href={d.url} color={b.brandColor}>
        Open
      </ButtonLink>
      <P style={{ color: '#64748b', fontSize: 14 }}>
        You can choose which notices reach you by e-mail in your notification settings.
      </P>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    d.body,
    '',
    d.url,
    '',
    'You can choose which notices reach you by e-mail in your notification settings.',
  ),
});
