import { dispositionName, kindOf } from './api';

describe('dispositionName', () => {
  it('decodes the UTF-8 name the API sends (filename*)', () => {
    expect(dispositionName(`inline; filename*=UTF-8''${encodeURIComponent('起案書 (案).pdf')}`)).toBe(
      '起案書 (案).pdf',
    );
  });

  it('falls back to the plain filename and to nothing', () => {
    expect(dispositionName('attachment; filename="report.xlsx"')).toBe('report.xlsx');
    expect(dispositionName('attachment; filename=report.xlsx')).toBe('report.xlsx');
    expect(dispositionName("inline; filename*=UTF-8''%E0%A4%A")).toBeNull();
    expect(dispositionName('inline')).toBeNull();
    expect(dispositionName(null)).toBeNull();
  });
});

describe('kindOf', () => {
  it('shows PDFs in the viewer, the images the API serves inline as images, and offers the rest as downloads', () => {
    expect(kindOf('application/pdf')).toBe('pdf');
    expect(kindOf('image/png')).toBe('image');
    expect(kindOf('image/webp')).toBe('image');
    expect(kindOf('image/svg+xml')).toBe('other');
    expect(kindOf('text/html')).toBe('other');
    expect(kindOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('other');
  });
});
