import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { createSesMailer } from '#shared/adapters/ses-mailer.ts';

describe('SES mailer', () => {
  it('sends the MIME message raw, from the one identity, with the configuration set', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const mailer = createSesMailer({ client: new SESv2Client({ region: 'eu-north-1' }), SendEmailCommand, from: 'Bevakningen <bevakning@example.se>', configurationSet: 'bevakning' });
    const sent = await mailer.send({ to: 'lisa@example.se', subject: 'Veckans bevakning', text: 'Hej', html: '<p>Hej</p>', headers: { 'List-Unsubscribe': '<https://example.se/u>' }, slug: 'lisa' });
    expect(sent).toEqual({ messageId: 'm-1' });
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ FromEmailAddress: 'Bevakningen <bevakning@example.se>', Destination: { ToAddresses: ['lisa@example.se'] }, ConfigurationSetName: 'bevakning' });
    const raw = Buffer.from(input.Content!.Raw!.Data!).toString('utf8');
    expect(raw).toMatch(/^Subject: Veckans bevakning/m);
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/example\.se\/u>/m);
    expect(raw).toMatch(/multipart\/alternative/);
  });
});

describe('MIME headers', () => {
  it('starts a long List-Unsubscribe on its own line and folds it only between entries (hardening #23, low 12)', async () => {
    const { buildMime } = await import('#shared/adapters/mime.ts');
    const https = `<https://bevakning.example.se/avregistrera?s=${'a'.repeat(40)}&t=${'b'.repeat(64)}>`;
    const raw = (await buildMime('bevakning@example.se', { to: 'lisa@example.se', subject: 'x', text: 'x', html: '<p>x</p>', headers: { 'List-Unsubscribe': `${https}, <mailto:avregistrera@example.se?subject=avregistrera>` }, slug: 'x' })).toString();
    const header = raw.split('\r\n\r\n')[0]!.split(/\r\n(?! )/).find((h) => h.startsWith('List-Unsubscribe:'));
    expect(header).toBe(`List-Unsubscribe: ${https},\r\n <mailto:avregistrera@example.se?subject=avregistrera>`);
  });
});
