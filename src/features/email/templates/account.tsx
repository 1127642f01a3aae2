/** Account e-mails: verification, password reset, sign-up attempt, security alert. */
import { ButtonLink, H1, lines, P, Summary } from './layout';
import type { TemplateFn } from './types';

export const verification: TemplateFn<'verification'> = (d, b) => ({
  subject: `Confirm your e-mail address for ${b.shopName}`,
  body: (
    <>
      <H1>Confirm your e-mail address</H1>
      <P>Hello {d.name},</P>
      <P>Please confirm that this is your e-mail address so we can keep you updated about your repairs.</P>
      <ButtonLink href={d.url} color={b.brandColor}>
        Confirm e-mail address
      </ButtonLink>
      <P style={{ color: '#64748b', fontSize: 14 }}>
        The link expires in 24 hours. If you did not create an account, you can ignore this e-mail.
      </P>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    'Please confirm your e-mail address by opening this link:',
    d.url,
    '',
    'The link expires in 24 hours. If you did not create an account, you can ignore this e-mail.',
  ),
});

export const passwordReset: TemplateFn<'password-reset'> = (d, b) => ({
  subject: `Reset your ${b.shopName} password`,
  body: (
    <>
      <H1>Reset your password</H1>
      <P>Hello {d.name},</P>
      <P>We received a request to reset your password. Choose a new one with the button below.</P>
      <ButtonLink href={d.url} color={b.brandColor}>
        Choose a new password
      </ButtonLink>
      <P style={{ color: '#64748b', fontSize: 14 }}>
        The link expires soon and works once. If you did not ask for this, ignore this e-mail: your password
        stays the same.
      </P>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    'We received a request to reset your password. Choose a new one here:',
    d.url,
    '',
    'The link expires soon and works once. If you did not ask for this, ignore this e-mail: your password stays the same.',
  ),
});

export const signUpAttempt: TemplateFn<'sign-up-attempt'> = (d, b) => ({
  subject: `Someone tried to sign up to ${b.shopName} with your address`,
  body: (
    <>
      <H1>You already have an account</H1>
      <P>Hello {d.name},</P>
      <P>
        Someone tried to create a new account with this e-mail address. There is already an account for it, so
        nothing was changed.
      </P>
      <P>If it was you, sign in, or choose a new password if you have forgotten it.</P>
      <ButtonLink href={d.signInUrl} color={b.brandColor}>
        Sign in
      </ButtonLink>
      <P>
        <a href={d.resetUrl}>Choose a new password</a>
      </P>
      <P style={{ color: '#64748b', fontSize: 14 }}>
        If it was not you, you can ignore this e-mail: your account and password stay as they are.
      </P>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    'Someone tried to create a new account with this e-mail address. There is already an account for it, so nothing was changed.',
    '',
    'If it was you, sign in:',
    d.signInUrl,
    'or choose a new password if you have forgotten it:',
    d.resetUrl,
    '',
    'If it was not you, you can ignore this e-mail: your account and password stay as they are.',
  ),
});

export const securityAlert: TemplateFn<'security-alert'> = (d, b) => ({
  subject: `Security alert for your ${b.shopName} account`,
  body: (
    <>
      <H1>Security alert</H1>
      <P>Hello {d.name},</P>
      <P>We noticed this on your account:</P>
      <Summary
        rows={[
          ['What', d.event],
          ['When', d.when],
          ...(d.where ? [['Where', d.where] as [string, string]] : []),
        ]}
      />
      <P>
        If this was you, there is nothing to do. If not, change your password now and review your account.
      </P>
      <ButtonLink href={d.url} color={b.brandColor}>
        Review your account
      </ButtonLink>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    'We noticed this on your account:',
    `What: ${d.event}`,
    `When: ${d.when}`,
    d.where && `Where: ${d.where}`,
    '',
    'If this was you, there is nothing to do. If not, change your password now and review your account:',
    d.url,
  ),
});

export const accountLocked: TemplateFn<'account-locked'> = (d, b) => ({
  subject: `Sign-in to your ${b.shopName} account is paused`,
  body: (
    <>
      <H1>Sign-in paused after failed attempts</H1>
      <P>Hello {d.name},</P>
      <P>
        There were several failed attempts to sign in to your account, so we paused sign-in for a while. You
        can try again {d.retry}.
      </P>
      <Summary rows={[['When', d.when], ...(d.where ? [['Where', d.where] as [string, string]] : [])]} />
      <P>If this was not you, someone may know your e-mail address: choose a new password now.</P>
      <ButtonLink href={d.resetUrl} color={b.brandColor}>
        Choose a new password
      </ButtonLink>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    `There were several failed attempts to sign in to your account, so we paused sign-in for a while. You can try again ${d.retry}.`,
    `When: ${d.when}`,
    d.where && `Where: ${d.where}`,
    '',
    'If this was not you, someone may know your e-mail address: choose a new password now:',
    d.resetUrl,
  ),
});

export const signInCode: TemplateFn<'sign-in-code'> = (d, b) => ({
  subject: `Your ${b.shopName} sign-in code: ${d.code}`,
  body: (
    <>
      <H1>Confirm it is you</H1>
      <P>Hello {d.name},</P>
      <P>
        A sign-in to your account looked unusual (a new device, place or time), so we need one more check.
        Enter this code on the sign-in page:
      </P>
      <P style={{ fontSize: 28, fontWeight: 700, letterSpacing: 6 }}>{d.code}</P>
      {d.where ? <P>Sign-in from: {d.where}</P> : null}
      <P style={{ color: '#64748b', fontSize: 14 }}>
        The code expires in {d.minutes} minutes. If you did not try to sign in, change your password: someone
        knows it.
      </P>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    'A sign-in to your account looked unusual (a new device, place or time), so we need one more check. Enter this code on the sign-in page:',
    '',
    d.code,
    '',
    d.where && `Sign-in from: ${d.where}`,
    `The code expires in ${d.minutes} minutes. If you did not try to sign in, change your password: someone knows it.`,
  ),
});

export const staffInvitation: TemplateFn<'staff-invitation'> = (d, b) => ({
  subject: `${d.inviterName} invited you to join ${b.shopName}`,
  body: (
    <>
      <H1>You are invited to join {b.shopName}</H1>
      <P>Hello,</P>
      <P>
        {d.inviterName} invited you to work with {b.shopName} as {d.role}
        {d.shopName ? ` at ${d.shopName}` : ''}. Choose your name and password with the button below.
      </P>
      <ButtonLink href={d.url} color={b.brandColor}>
        Accept the invitation
      </ButtonLink>
      <P style={{ color: '#64748b', fontSize: 14 }}>
        The link works once and expires on {d.expires}. If you did not expect this, you can ignore this
        e-mail.
      </P>
    </>
  ),
  text: lines(
    'Hello,',
    '',
    `${d.inviterName} invited you to work with ${b.shopName} as ${d.role}${d.shopName ? ` at ${d.shopName}` : ''}.`,
    'Choose your name and password here:',
    d.url,
    '',
    `The link works once and expires on ${d.expires}. If you did not expect this, you can ignore this e-mail.`,
  ),
});
