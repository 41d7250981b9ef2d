import { searchQueryString } from './search-api';

describe('searchQueryString', () => {
  it('leaves out empty values and repeats a key for each status', () => {
    expect(
      searchQueryString({
        title: 'コピー用紙',
        drafter: '',
        status: ['decided', 'completed'],
        amountMin: 0,
        amountMax: 500000,
        page: 2,
      }),
    ).toBe(
      `title=${encodeURIComponent('コピー用紙')}&status=decided&status=completed&amountMin=0&amountMax=500000&page=2`,
    );
    expect(searchQueryString({})).toBe('');
  });
});
