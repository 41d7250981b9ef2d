import { Injectable } from '@nestjs/common';
import type {
  MeetingSearchHit,
  MeetingSearchList,
  MeetingSearchQuery,
  MeetingSummary,
} from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { TextSearchService } from '../../core/search/text-search.service';
import { MeetingPolicy } from './meeting.policy';

/** Hits shown per meeting (the total is counted). */
const HITS_PER_MEETING = 5;

interface Row {
  id: string;
  title: string;
  kind: MeetingSummary['kind'];
  starts_at: Date;
  ends_at: Date;
  place: string;
  status: MeetingSummary['status'];
  organiser_id: string;
  organiser_name: string;
  title_matched: boolean;
  hit_count: number;
}

interface HitRow {
  meeting_id: string;
  material_id: string;
  material_title: string;
  version_id: string;
  version: number;
  page: number;
  text: string;
}

/**
 * Search of meetings (会議の検索) by title, a date range (the day it starts, Japan time) and the text inside the
 * current versions of their materials, page by page; every word of the query must be found in the title or
 * together on one page. Only meetings the person may see are searched (`MeetingPolicy.visibleSql`); matching is
 * the text search service's (`core/search`: bigram index, one-character words too). Results are the meetings,
 * latest first, each with the pages that hold the words and a snippet around the first of them.
 */
@Injectable()
export class MeetingSearchService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: MeetingPolicy,
    private readonly text: TextSearchService,
  ) {}

  async search(user: AuthUser, query: MeetingSearchQuery): Promise<MeetingSearchList> {
    if (query.from && query.to && query.from > query.to)
      throw new AppException('meeting/search_range_invalid');
    const terms = this.text.terms(query.q);
    const params: unknown[] = [];
    const where = [this.policy.visibleSql(user, 'm', params)];
    if (query.from)
      where.push(`m.starts_at >= ($${params.push(query.from)}::date)::timestamp AT TIME ZONE 'Asia/Tokyo'`);
    if (query.to)
      where.push(`m.starts_at < ($${params.push(query.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'`);
    // Per meeting, the pages of current material versions holding every word (through the GIN index on grams).
    const pages = terms.length
      ? `SELECT a.meeting_id, count(*)::int AS n
           FROM stored_file_text t
           JOIN meeting_material_version v ON v.stored_file_id = t.file_id AND v.superseded_at IS NULL
           JOIN meeting_material mt ON mt.id = v.material_id
           JOIN meeting_agenda_item a ON a.id = mt.agenda_item_id
          WHERE ${this.text.indexedMatchSql('t', terms, params)}
          GROUP BY a.meeting_id`
      : `SELECT NULL::uuid AS meeting_id, 0 AS n WHERE FALSE`;
    const titleMatched = terms.length ? this.text.scanMatchSql('m.title', terms, params) : 'FALSE';
    const matched = `WITH pages AS (${pages}),
      found AS (
        SELECT m.*, ${titleMatched} AS title_matched, coalesce(p.n, 0) AS hit_count
          FROM meeting m LEFT JOIN pages p ON p.meeting_id = m.id
         WHERE ${where.join(' AND ')})`;
    const filter = terms.length ? 'WHERE f.title_matched OR f.hit_count > 0' : '';
    const countSql = `${matched} SELECT count(*)::int AS n FROM found f ${filter}`;
    const countParams = [...params];
    const limit = `$${params.push(query.pageSize)}`;
    const offset = `$${params.push((query.page - 1) * query.pageSize)}`;
    // One pass over the matches: the page of meetings and, beside each, how many there are in all.
    const rows: (Row & { total: number })[] = await this.uow.query(
      `${matched}
       SELECT f.id, f.title, f.kind, f.starts_at, f.ends_at, f.place, f.status, f.organiser_id,
              u.family_name || ' ' || u.given_name AS organiser_name, f.title_matched, f.hit_count,
              count(*) OVER ()::int AS total
         FROM found f JOIN app_user u ON u.id = f.organiser_id
         ${filter}
        ORDER BY f.starts_at DESC, f.id
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    // A page past the end has no row to carry the total.
    const total =
      rows[0]?.total ??
      (query.page > 1 ? ((await this.uow.query<{ n: number }[]>(countSql, countParams))[0]?.n ?? 0) : 0);
    const hits = await this.hits(
      rows.filter((r) => r.hit_count > 0).map((r) => r.id),
      terms,
    );
    return {
      items: rows.map((r) => ({
        meeting: {
          id: r.id,
          title: r.title,
          kind: r.kind,
          startsAt: r.starts_at.toISOString(),
          endsAt: r.ends_at.toISOString(),
          place: r.place,
          status: r.status,
          organiserId: r.organiser_id,
          organiserName: r.organiser_name,
        },
        titleMatched: r.title_matched,
        hits: hits.get(r.id) ?? [],
        hitCount: r.hit_count,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The first pages holding every word, per meeting (of meetings already found visible), with snippets. */
  private async hits(meetingIds: string[], terms: string[]): Promise<Map<string, MeetingSearchHit[]>> {
    const result = new Map<string, MeetingSearchHit[]>();
    if (!meetingIds.length) return result;
    const params: unknown[] = [meetingIds, HITS_PER_MEETING];
    const rows: HitRow[] = await this.uow.query(
      `SELECT meeting_id, material_id, material_title, version_id, version, page, text
         FROM (SELECT a.meeting_id, mt.id AS material_id, mt.title AS material_title, v.id AS version_id,
                      v.version, t.page, t.text,
                      row_number() OVER (PARTITION BY a.meeting_id
                                         ORDER BY a.position, mt.position, t.page) AS n
                 FROM stored_file_text t
                 JOIN meeting_material_version v ON v.stored_file_id = t.file_id AND v.superseded_at IS NULL
                 JOIN meeting_material mt ON mt.id = v.material_id
                 JOIN meeting_agenda_item a ON a.id = mt.agenda_item_id
                WHERE a.meeting_id = ANY($1::uuid[]) AND ${this.text.indexedMatchSql('t', terms, params)}) x
        WHERE n <= $2
        ORDER BY meeting_id, n`,
      params,
    );
    for (const r of rows) {
      const list = result.get(r.meeting_id) ?? [];
      list.push({
        materialId: r.material_id,
        materialTitle: r.material_title,
        versionId: r.version_id,
        version: r.version,
        page: r.page,
        snippet: this.text.snippet(r.text, terms),
      });
      result.set(r.meeting_id, list);
    }
    return result;
  }
}
