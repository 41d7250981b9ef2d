import { mentionAll, mentionedIds, ringiLinks, withMentionNames } from './chat-text';

const A = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const B = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';

describe('chat text', () => {
  it('finds each mentioned person once, in order', () => {
    expect(mentionedIds(`<@${B}> さん、<@${A}> さん、<@${B}>`)).toEqual([B, A]);
    expect(mentionedIds('<@not-a-uuid> @someone')).toEqual([]);
  });

  it('finds @channel and @here only as words', () => {
    expect(mentionAll('@channel 集合してください')).toBe('channel');
    expect(mentionAll('皆さん ＠全員 確認を')).toBe('channel');
    expect(mentionAll('@here いますか？')).toBe('here');
    expect(mentionAll('mail@channel.example')).toBeNull();
    expect(mentionAll('@channels')).toBeNull();
  });

  it('finds links to Ringi documents and meetings, with or without the host', () => {
    expect(ringiLinks(`見てください https://ringi.example/approvals/${A} と /meetings/${B}。`)).toEqual([
      { kind: 'approval', id: A },
      { kind: 'meeting', id: B },
    ]);
    expect(ringiLinks(`/approvals/${A}-x /approvals/new`)).toEqual([]);
  });

  it('writes mentions as names for search and notifications', () => {
    expect(withMentionNames(`<@${A}> さん <@${B}>`, new Map([[A, '山田 太郎']]))).toBe('@山田 太郎 さん @?');
  });
});
