import type { DepartmentKind } from '@ringi/contracts';

/** デモ町: the demo town seeded on first start. Everything here is fictional. */

export const DEMO_PASSWORD = 'ringi-demo-2026';

export interface DemoDepartment {
  code: string;
  name: string;
  kana: string;
  kind: DepartmentKind;
  parent?: string;
}

/** Prefixes of document numbers (総務第123号) of the demo town's 課 and offices; sections number as their 課. */
export const DEMO_NUMBER_PREFIXES: Record<string, string> = {
  CHOCHO: '町長',
  SOUMU: '総務',
  KIKAKU: '企財',
  ZEIMU: '税務',
  JUMIN: '住民',
  FUKUSHI: '保福',
  KOSODATE: '子支',
  SANGYO: '産振',
  KENSETSU: '建設',
  KAIKEI: '会計',
  GIKAI: '議会',
  KYOIKU: '教委',
};

/** A reorganisation entered ahead for next April 1, so the demo shows one: 子育て支援課 becomes こども家庭課. */
export const DEMO_REORGANISATION = {
  code: 'KOSODATE',
  name: 'こども家庭課',
  kana: 'コドモカテイカ',
  prefix: 'こども',
} as const;

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { code: 'CHOCHO', name: '町長室', kana: 'チョウチョウシツ', kind: 'office' },
  { code: 'SOUMU', name: '総務課', kana: 'ソウムカ', kind: 'division' },
  { code: 'SOUMU-GEN', name: '総務係', kana: 'ソウムカカリ', kind: 'section', parent: 'SOUMU' },
  { code: 'SOUMU-JINJI', name: '人事係', kana: 'ジンジカカリ', kind: 'section', parent: 'SOUMU' },
  {
    code: 'SOUMU-IT',
    name: '情報政策係',
    kana: 'ジョウホウセイサクカカリ',
    kind: 'section',
    parent: 'SOUMU',
  },
  { code: 'KIKAKU', name: '企画財政課', kana: 'キカクザイセイカ', kind: 'division' },
  { code: 'KIKAKU-PLAN', name: '企画係', kana: 'キカクカカリ', kind: 'section', parent: 'KIKAKU' },
  { code: 'KIKAKU-ZAISEI', name: '財政係', kana: 'ザイセイカカリ', kind: 'section', parent: 'KIKAKU' },
  { code: 'ZEIMU', name: '税務課', kana: 'ゼイムカ', kind: 'division' },
  { code: 'ZEIMU-KAZEI', name: '課税係', kana: 'カゼイカカリ', kind: 'section', parent: 'ZEIMU' },
  { code: 'ZEIMU-SHUNO', name: '収納係', kana: 'シュウノウカカリ', kind: 'section', parent: 'ZEIMU' },
  { code: 'JUMIN', name: '住民課', kana: 'ジュウミンカ', kind: 'division' },
  {
    code: 'JUMIN-MADO',
    name: '住民窓口係',
    kana: 'ジュウミンマドグチカカリ',
    kind: 'section',
    parent: 'JUMIN',
  },
  { code: 'FUKUSHI', name: '保健福祉課', kana: 'ホケンフクシカ', kind: 'division' },
  { code: 'FUKUSHI-FUKU', name: '福祉係', kana: 'フクシカカリ', kind: 'section', parent: 'FUKUSHI' },
  {
    code: 'FUKUSHI-KENKO',
    name: '健康づくり係',
    kana: 'ケンコウヅクリカカリ',
    kind: 'section',
    parent: 'FUKUSHI',
  },
  { code: 'KOSODATE', name: '子育て支援課', kana: 'コソダテシエンカ', kind: 'division' },
  { code: 'SANGYO', name: '産業振興課', kana: 'サンギョウシンコウカ', kind: 'division' },
  { code: 'SANGYO-NORIN', name: '農林係', kana: 'ノウリンカカリ', kind: 'section', parent: 'SANGYO' },
  {
    code: 'SANGYO-SHOKO',
    name: '商工観光係',
    kana: 'ショウコウカンコウカカリ',
    kind: 'section',
    parent: 'SANGYO',
  },
  { code: 'KENSETSU', name: '建設課', kana: 'ケンセツカ', kind: 'division' },
  { code: 'KENSETSU-DOBOKU', name: '土木係', kana: 'ドボクカカリ', kind: 'section', parent: 'KENSETSU' },
  {
    code: 'KENSETSU-SUIDO',
    name: '上下水道係',
    kana: 'ジョウゲスイドウカカリ',
    kind: 'section',
    parent: 'KENSETSU',
  },
  { code: 'KAIKEI', name: '会計課', kana: 'カイケイカ', kind: 'division' },
  { code: 'GIKAI', name: '議会事務局', kana: 'ギカイジムキョク', kind: 'division' },
  { code: 'KYOIKU', name: '教育委員会', kana: 'キョウイクイインカイ', kind: 'office' },
  {
    code: 'KYOIKU-GAKKO',
    name: '学校教育課',
    kana: 'ガッコウキョウイクカ',
    kind: 'division',
    parent: 'KYOIKU',
  },
  {
    code: 'KYOIKU-SHOGAI',
    name: '生涯学習課',
    kana: 'ショウガイガクシュウカ',
    kind: 'division',
    parent: 'KYOIKU',
  },
];

export const DEMO_POSITIONS = [
  { code: 'MAYOR', name: '町長', nameEn: 'Mayor', rank: 1 },
  { code: 'DEPUTY', name: '副町長', nameEn: 'Deputy Mayor', rank: 2 },
  { code: 'SUPT', name: '教育長', nameEn: 'Superintendent of Education', rank: 3 },
  { code: 'ACCOUNTANT', name: '会計管理者', nameEn: 'Chief Accountant', rank: 4 },
  { code: 'KACHO', name: '課長', nameEn: 'Division Chief', rank: 5 },
  { code: 'HOSA', name: '課長補佐', nameEn: 'Deputy Division Chief', rank: 6 },
  { code: 'KAKARICHO', name: '係長', nameEn: 'Section Chief', rank: 7 },
  { code: 'SHUSA', name: '主査', nameEn: 'Senior Staff', rank: 8 },
  { code: 'SHUNIN', name: '主任', nameEn: 'Staff Lead', rank: 9 },
  { code: 'SHUJI', name: '主事', nameEn: 'Staff', rank: 10 },
  { code: 'GISHI', name: '技師', nameEn: 'Engineer', rank: 10 },
];

const FAMILY: [string, string][] = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'],
  ['山田', 'ヤマダ'],
  ['佐々木', 'ササキ'],
  ['松本', 'マツモト'],
  ['井上', 'イノウエ'],
  ['木村', 'キムラ'],
  ['林', 'ハヤシ'],
  ['斎藤', 'サイトウ'],
  ['清水', 'シミズ'],
  ['山口', 'ヤマグチ'],
  ['森', 'モリ'],
  ['阿部', 'アベ'],
  ['池田', 'イケダ'],
  ['橋本', 'ハシモト'],
  ['石川', 'イシカワ'],
];
const GIVEN: [string, string][] = [
  ['一郎', 'イチロウ'],
  ['花子', 'ハナコ'],
  ['健太', 'ケンタ'],
  ['美咲', 'ミサキ'],
  ['翔太', 'ショウタ'],
  ['陽子', 'ヨウコ'],
  ['大輔', 'ダイスケ'],
  ['由美', 'ユミ'],
  ['誠', 'マコト'],
  ['恵子', 'ケイコ'],
  ['拓也', 'タクヤ'],
  ['愛', 'アイ'],
  ['浩二', 'コウジ'],
  ['直美', 'ナオミ'],
  ['達也', 'タツヤ'],
  ['真由美', 'マユミ'],
  ['隆', 'タカシ'],
  ['さくら', 'サクラ'],
  ['和也', 'カズヤ'],
  ['裕子', 'ユウコ'],
  ['修', 'オサム'],
  ['明美', 'アケミ'],
  ['剛', 'ツヨシ'],
  ['智子', 'トモコ'],
  ['悠斗', 'ユウト'],
];

export interface DemoAssignment {
  department: string;
  position: string;
  concurrent?: boolean;
  /** 'next-april': a transfer already entered that takes effect on the next April 1. */
  from?: 'next-april';
}

export interface DemoStaff {
  staffNumber: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  role: 'staff' | 'admin';
  assignments: DemoAssignment[];
}

/** The people whose logins the console prints. */
export const DEMO_LOGINS = [
  { staffNumber: '0001', label: { ja: '町長', en: 'Mayor' } },
  { staffNumber: '1001', label: { ja: '総務課長', en: 'Chief of General Affairs' } },
  {
    staffNumber: '1005',
    label: { ja: 'システム管理者（情報政策係 主査）', en: 'Administrator (IT section)' },
  },
  { staffNumber: '1010', label: { ja: '一般職員（総務係 主事）', en: 'Staff member (General affairs)' } },
];

/** Builds the 60 demo staff deterministically: leadership, then each division's chief and sections. */
export function demoStaff(): DemoStaff[] {
  const people: DemoStaff[] = [];
  let n = 0;
  const person = (staffNumber: string, assignments: DemoAssignment[], role: 'staff' | 'admin' = 'staff') => {
    const [familyName, familyNameKana] = FAMILY[(n * 7) % FAMILY.length];
    const [givenName, givenNameKana] = GIVEN[(n * 11 + 3 + Math.floor(n / FAMILY.length) * 5) % GIVEN.length];
    n += 1;
    people.push({ staffNumber, familyName, givenName, familyNameKana, givenNameKana, role, assignments });
  };

  person('0001', [{ department: 'CHOCHO', position: 'MAYOR' }]);
  person('0002', [{ department: 'CHOCHO', position: 'DEPUTY' }]);
  person('0003', [{ department: 'KYOIKU', position: 'SUPT' }]);
  person('0004', [
    { department: 'KAIKEI', position: 'ACCOUNTANT' },
    { department: 'KAIKEI', position: 'KACHO', concurrent: true },
  ]);

  // 総務課: fixed numbers for the printed logins.
  person('1001', [{ department: 'SOUMU', position: 'KACHO' }]);
  person('1002', [
    { department: 'SOUMU', position: 'HOSA' },
    { department: 'SOUMU-IT', position: 'KAKARICHO', concurrent: true },
  ]);
  person('1003', [{ department: 'SOUMU-GEN', position: 'KAKARICHO' }]);
  person('1004', [{ department: 'SOUMU-JINJI', position: 'KAKARICHO' }]);
  person('1005', [{ department: 'SOUMU-IT', position: 'SHUSA' }], 'admin');
  person('1006', [{ department: 'SOUMU-IT', position: 'SHUJI' }]);
  person('1007', [{ department: 'SOUMU-JINJI', position: 'SHUNIN' }]);
  person('1008', [{ department: 'SOUMU-GEN', position: 'SHUNIN' }]);
  // A transfer entered ahead of the April personnel change (人事異動).
  person('1009', [
    { department: 'SOUMU-GEN', position: 'SHUJI' },
    { department: 'KIKAKU-ZAISEI', position: 'SHUNIN', from: 'next-april' },
  ]);
  person('1010', [{ department: 'SOUMU-GEN', position: 'SHUJI' }]);

  const divisions: { code: string; sections: string[]; engineers?: boolean }[] = [
    { code: 'KIKAKU', sections: ['KIKAKU-PLAN', 'KIKAKU-ZAISEI'] },
    { code: 'ZEIMU', sections: ['ZEIMU-KAZEI', 'ZEIMU-SHUNO'] },
    { code: 'JUMIN', sections: ['JUMIN-MADO'] },
    { code: 'FUKUSHI', sections: ['FUKUSHI-FUKU', 'FUKUSHI-KENKO'] },
    { code: 'KOSODATE', sections: [] },
    { code: 'SANGYO', sections: ['SANGYO-NORIN', 'SANGYO-SHOKO'] },
    { code: 'KENSETSU', sections: ['KENSETSU-DOBOKU', 'KENSETSU-SUIDO'], engineers: true },
    { code: 'GIKAI', sections: [] },
    { code: 'KYOIKU-GAKKO', sections: [] },
    { code: 'KYOIKU-SHOGAI', sections: [] },
  ];
  let seq = 2001;
  const next = () => String(seq++);
  for (const division of divisions) {
    person(next(), [{ department: division.code, position: 'KACHO' }]);
    if (!division.sections.length) {
      person(next(), [{ department: division.code, position: 'SHUSA' }]);
      person(next(), [{ department: division.code, position: 'SHUJI' }]);
      continue;
    }
    for (const section of division.sections) {
      person(next(), [{ department: section, position: 'KAKARICHO' }]);
      person(next(), [{ department: section, position: division.engineers ? 'GISHI' : 'SHUNIN' }]);
      person(next(), [{ department: section, position: 'SHUJI' }]);
    }
  }
  // A concurrent post across divisions: the 企画財政課長 also heads the 議会事務局's budget work.
  people
    .find((p) => p.assignments[0].department === 'KIKAKU' && p.assignments[0].position === 'KACHO')
    ?.assignments.push({
      department: 'GIKAI',
      position: 'HOSA',
      concurrent: true,
    });
  return people;
}
