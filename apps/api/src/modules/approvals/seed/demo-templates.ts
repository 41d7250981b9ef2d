import type { CreateApprovalTemplateRequest } from '@ringi/contracts';

/** The demo town's templates (様式). Categories are the 専決規程's. */
export const DEMO_TEMPLATES: (CreateApprovalTemplateRequest & {
  departmentVisible: boolean;
  sortOrder: number;
})[] = [
  {
    code: 'GENERAL',
    name: '一般起案',
    nameEn: 'General proposal',
    category: 'general',
    kind: 'decision',
    form: { v: 1, fields: [] },
    defaultRetention: '5',
    numberingTiming: 'decision',
    financial: false,
    departmentVisible: true,
    sortOrder: 10,
  },
  {
    code: 'EXPENDITURE',
    name: '支出負担行為',
    nameEn: 'Expenditure commitment',
    category: 'expenditure',
    kind: 'decision',
    form: {
      v: 1,
      fields: [
        {
          key: 'budgetItem',
          label: '予算科目',
          labelEn: 'Budget item',
          type: 'text',
          required: true,
          maxLength: 200,
        },
        {
          key: 'paymentMethod',
          label: '支払方法',
          labelEn: 'Payment method',
          type: 'choice',
          required: true,
          choices: ['口座振替', '納付書', '現金'],
        },
      ],
    },
    defaultRetention: '5',
    numberingTiming: 'decision',
    financial: true,
    departmentVisible: false,
    sortOrder: 20,
  },
  {
    code: 'PURCHASE',
    name: '物品購入',
    nameEn: 'Purchase of goods',
    category: 'expenditure',
    kind: 'decision',
    form: {
      v: 1,
      fields: [
        { key: 'itemName', label: '品名', labelEn: 'Item', type: 'text', required: true, maxLength: 200 },
        { key: 'quantity', label: '数量', labelEn: 'Quantity', type: 'number', required: true },
        { key: 'deliveryDate', label: '納期', labelEn: 'Delivery date', type: 'date', required: false },
      ],
    },
    defaultRetention: '5',
    numberingTiming: 'decision',
    financial: true,
    departmentVisible: false,
    sortOrder: 30,
  },
  {
    code: 'TRIP',
    name: '出張命令',
    nameEn: 'Business trip order',
    category: 'personnel',
    kind: 'decision',
    form: {
      v: 1,
      fields: [
        {
          key: 'destination',
          label: '出張先',
          labelEn: 'Destination',
          type: 'text',
          required: true,
          maxLength: 200,
        },
        { key: 'startDate', label: '出発日', labelEn: 'From', type: 'date', required: true },
        { key: 'endDate', label: '帰着日', labelEn: 'To', type: 'date', required: true },
        { key: 'travelCost', label: '旅費', labelEn: 'Travel cost (yen)', type: 'amount', required: false },
      ],
    },
    defaultRetention: '3',
    numberingTiming: 'decision',
    financial: false,
    departmentVisible: false,
    sortOrder: 40,
  },
  {
    code: 'OVERTIME',
    name: '時間外勤務命令',
    nameEn: 'Overtime order',
    category: 'attendance',
    kind: 'decision',
    form: {
      v: 1,
      fields: [
        { key: 'workDate', label: '勤務日', labelEn: 'Date', type: 'date', required: true },
        { key: 'hours', label: '時間数', labelEn: 'Hours', type: 'number', required: true },
        { key: 'reason', label: '理由', labelEn: 'Reason', type: 'text', required: true, maxLength: 500 },
      ],
    },
    defaultRetention: '3',
    numberingTiming: 'decision',
    financial: false,
    departmentVisible: false,
    sortOrder: 50,
  },
  {
    code: 'LEAVE',
    name: '休暇届',
    nameEn: 'Leave request',
    category: 'attendance',
    kind: 'decision',
    form: {
      v: 1,
      fields: [
        {
          key: 'leaveType',
          label: '休暇の種類',
          labelEn: 'Kind of leave',
          type: 'choice',
          required: true,
          choices: ['年次有給休暇', '特別休暇', '病気休暇'],
        },
        { key: 'startDate', label: '開始日', labelEn: 'From', type: 'date', required: true },
        { key: 'endDate', label: '終了日', labelEn: 'To', type: 'date', required: true },
      ],
    },
    defaultRetention: '3',
    numberingTiming: 'decision',
    financial: false,
    departmentVisible: false,
    sortOrder: 60,
  },
  {
    code: 'PUNCH_CORRECTION',
    name: '打刻修正届',
    nameEn: 'Punch correction',
    category: 'attendance',
    kind: 'decision',
    form: {
      v: 1,
      fields: [
        { key: 'workDate', label: '勤務日', labelEn: 'Working day', type: 'date', required: true },
        { key: 'clockIn', label: '出勤', labelEn: 'Clock-in', type: 'text', required: false, maxLength: 40 },
        {
          key: 'clockOut',
          label: '退勤',
          labelEn: 'Clock-out',
          type: 'text',
          required: false,
          maxLength: 40,
        },
        {
          key: 'place',
          label: '勤務場所',
          labelEn: 'Place of work',
          type: 'choice',
          required: true,
          choices: ['庁舎', 'テレワーク'],
        },
        { key: 'reason', label: '理由', labelEn: 'Reason', type: 'text', required: true, maxLength: 200 },
      ],
    },
    defaultRetention: '3',
    numberingTiming: 'decision',
    financial: false,
    departmentVisible: false,
    sortOrder: 65,
  },
  {
    code: 'CIRCULATION',
    name: '供覧',
    nameEn: 'Circulation of a received document',
    category: 'circulation',
    kind: 'circulation',
    form: {
      v: 1,
      fields: [
        { key: 'sender', label: '発信者', labelEn: 'Sender', type: 'text', required: true, maxLength: 200 },
        { key: 'receivedOn', label: '収受日', labelEn: 'Received on', type: 'date', required: true },
      ],
    },
    defaultRetention: '1',
    numberingTiming: 'draft',
    financial: false,
    departmentVisible: true,
    sortOrder: 70,
  },
];

/**
 * The demo 専決規程 by position code: up to 500,000 yen the 課長, up to 3,000,000 the 副町長, above that the 町長;
 * attendance, personnel and circulation matters the 課長 whatever the amount.
 */
export const DEMO_AUTHORITY: { category: string | null; upTo: number | null; position: string }[] = [
  { category: null, upTo: 500_000, position: 'KACHO' },
  { category: null, upTo: 3_000_000, position: 'DEPUTY' },
  { category: null, upTo: null, position: 'MAYOR' },
  { category: 'attendance', upTo: null, position: 'KACHO' },
  { category: 'personnel', upTo: null, position: 'KACHO' },
  { category: 'circulation', upTo: null, position: 'KACHO' },
];
