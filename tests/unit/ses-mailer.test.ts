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
