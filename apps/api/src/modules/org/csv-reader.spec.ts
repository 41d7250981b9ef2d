import { decodeCsv, detectDelimiter, readCsv } from './csv-reader';

describe('readCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and numbers rows by their first line', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",z\r\n3,,"" \n';
    expect(readCsv(text, ',')).toEqual({
      records: [
        { line: 1, cells: ['a', 'b', 'c'] },
        { line: 2, cells: ['1', 'x, y', 'say "hi"'] },
        { line: 3, cells: ['2', 'two\nlines', 'z'] },
        { line: 5, cells: ['3', '', ' '] },
      ],
      faults: [{ line: 5, kind: 'text_after_quote' }],
    });
  });

  it('skips blank lines and rows of empty cells but keeps counting lines, with CR, LF or CRLF', () => {
    const { records } = readCsv('\uFEFFh1,h2\r\r\n,,\n,\rv1,v2', ',');
    expect(records).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 5, cells: ['v1', 'v2'] },
    ]);
  });

  it('keeps a quote inside an unquoted cell as written, and cells untrimmed and unnormalised', () => {
    expect(readCsv('５寸"釘", ①子 ', ',').records).toEqual([{ line: 1, cells: ['５寸"釘"', ' ①子 '] }]);
  });

  it('reports an unclosed quote on the line where it opens and stops there', () => {
    expect(readCsv('h\n"ok"\n"open\nmore\nrows', ',')).toEqual({
      records: [
        { line: 1, cells: ['h'] },
        { line: 2, cells: ['ok'] },
      ],
      faults: [{ line: 3, kind: 'unclosed_quote' }],
    });
  });
});

describe('detectDelimiter and decodeCsv', () => {
  it('uses tabs for a tab-separated header and commas otherwise', () => {
    expect(detectDelimiter('職員番号\t氏\t名\r\n')).toBe('\t');
    expect(detectDelimiter('職員番号,氏,名\t\n')).toBe(',');
  });

  it('tells UTF-16 (with or without BOM), UTF-8, Shift_JIS and workbooks apart', () => {
    const text = '職員番号\t氏\r\n';
    const le = Buffer.from(text, 'utf16le');
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({
      ok: true,
      text,
      encoding: 'utf-16le',
    });
    expect(decodeCsv(Buffer.from('id,name\r\n1,a\r\n', 'utf16le'))).toMatchObject({ encoding: 'utf-16le' });
    expect(decodeCsv(Buffer.from(`\uFEFF${text}`))).toEqual({ ok: true, text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from([0x8e, 0x81, 0x2c, 0x96, 0xbc]))).toEqual({
      ok: true,
      text: '氏,名',
      encoding: 'shift_jis',
    });
    expect(decodeCsv(Buffer.from('PK\x03\x04rest', 'latin1'))).toEqual({ ok: false, kind: 'xlsx' });
    expect(decodeCsv(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toEqual({
      ok: false,
      kind: 'xls',
    });
    expect(decodeCsv(Buffer.from([1, 0, 0, 0, 9, 9, 9, 0, 0, 0, 7, 7]))).toEqual({
      ok: false,
      kind: 'binary',
    });
  });
});
