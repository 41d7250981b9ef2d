import { Injectable } from '@nestjs/common';
import { CHAT_SEARCH_COUNT_CAP, type ChatSearchResult } from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { TextSearchService } from '../../core/search/text-search.service';
import { MESSAGE_SELECT, toMessage, type MessageRow } from './chat-read';

/**
 * Search of chat messages (Japanese and English) in the channels the person is a member of, plus public ones,
 * through the one text search of core/search (characters and bigrams under GIN, the phrase confirmed on the
 * candidates; ARCHITECTURE §8). Filtered by channel, sender and date (Japan); newest first.
 */
@Injectable()
export class ChatSearchService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly search: TextSearchService,
  ) {}

  async find(
    user: AuthUser,
    q: {
      q: string;
      channelId?: string | undefined;
      authorId?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      page: number;
      pageSize: number;
    },
  ): Promise<ChatSearchResult> {
    const terms = this.search.terms(q.q);
    const params: unknown[] = [user.id];
    const where = [
      `m.deleted_at IS NULL`,
      `(c.kind = 'public' OR c.id IN (SELECT channel_id FROM chat_channel_member WHERE user_id = $1))`,
      this.search.indexedMatchSql('m', terms, params),
    ];
    if (q.channelId) where.push(`m.channel_id = $${params.push(q.channelId)}::uuid`);
    if (q.authorId) where.push(`m.author_id = $${params.push(q.authorId)}::uuid`);
    if (q.from)
      where.push(`m.created_at >= ($${params.push(q.from)}::date::timestamp AT TIME ZONE 'Asia/Tokyo')`);
    if (q.to)
      where.push(`m.created_at < (($${params.push(q.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')`);
    const from = `FROM chat_message m JOIN chat_channel c ON c.id = m.channel_id WHERE ${where.join(' AND ')}`;
    // Counting every hit of a common word costs more than finding the page: count up to the cap only.
    const [count]: { n: number }[] = await this.uow.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${CHAT_SEARCH_COUNT_CAP + 1}) x`,
      params,
    );
    const pageParams = [...params, q.pageSize, (q.page - 1) * q.pageSize];
    const ids: { id: string }[] = await this.uow.query(
      `SELECT m.id ${from} ORDER BY m.created_at DESC, m.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      pageParams,
    );
    const rows: (MessageRow & { search_text: string; channel_name: string })[] = ids.length
      ? await this.uow.query(
          `SELECT x.*, m2.search_text,
                  COALESCE(c.name, (SELECT v.name FROM department_version v WHERE v.department_id = c.department_id
                                     ORDER BY v.valid_from DESC LIMIT 1),
                           CASE c.kind WHEN 'all_staff' THEN '全庁' ELSE '' END) AS channel_name
             FROM (${MESSAGE_SELECT} WHERE m.id = ANY($1::uuid[])) x
             JOIN chat_message m2 ON m2.id = x.id
             JOIN chat_channel c ON c.id = x.channel_id
            ORDER BY x.created_at DESC, x.id`,
          [ids.map((r) => r.id)],
        )
      : [];
    return {
      items: rows.map((r) => ({
        message: toMessage(r),
        channelName: r.channel_name,
        snippet: this.search.snippet(r.search_text, terms),
      })),
      total: Math.min(count!.n, CHAT_SEARCH_COUNT_CAP),
      totalCapped: count!.n > CHAT_SEARCH_COUNT_CAP,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
