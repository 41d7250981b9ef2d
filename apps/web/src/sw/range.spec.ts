import { answerFromWhole, contentRange, parseRange } from './range';

describe('parseRange', () => {
  it('reads a closed range', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=262144-524287', 1_048_576)).toEqual({ start: 262_144, end: 524_287 });
  });

  it('cuts a range that runs past the end at the last byte', () => {
    expect(parseRange('bytes=900-2000', 1000)).toEqual({ start: 900, end: 999 });
  });

  it('reads an open range and a suffix range', () => {
    expect(parseRange('bytes=990-', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-10', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('accepts spaces and any case in the unit', () => {
    expect(parseRange(' Bytes = 1 - 2 ', 10)).toEqual({ start: 1, end: 2 });
  });

  it('says a range starting past the end, an empty suffix or any range of an empty body cannot be satisfied', () => {
    expect(parseRange('bytes=1000-1001', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('ignores a missing, malformed, reversed, multiple or non-byte range (the whole body is sent)', () => {
    expect(parseRange(null, 10)).toBeNull();
    expect(parseRange('', 10)).toBeNull();
    expect(parseRange('bytes=5-1', 10)).toBeNull();
    expect(parseRange('bytes=0-1,3-4', 10)).toBeNull();
    expect(parseRange('items=0-1', 10)).toBeNull();
    expect(parseRange('bytes=-', 10)).toBeNull();
    expect(parseRange('bytes=a-b', 10)).toBeNull();
    expect(parseRange('bytes=99999999999999999999-', 10)).toBeNull();
  });
});

describe('contentRange', () => {
  it('writes start, end and the whole size', () => {
    expect(contentRange({ start: 0, end: 99 }, 1000)).toBe('bytes 0-99/1000');
  });
});

describe('answerFromWhole', () => {
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 256);
  const whole = () =>
    new Response(bytes, {
      status: 200,
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Length': '1000',
        ETag: '"abc"',
        'Accept-Ranges': 'bytes',
      },
    });
  const ask = (range?: string) =>
    new Request('http://localhost/api/files/x', { headers: range ? { Range: range } : {} });

  it('answers a range with a 206 holding exactly those bytes, Content-Range and an exact Content-Length', async () => {
    const res = await answerFromWhole(ask('bytes=10-19'), whole(), { 'X-Ringi-Offline': 'copy' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(res.headers.get('content-length')).toBe('10');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('etag')).toBe('"abc"');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('x-ringi-offline')).toBe('copy');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([...bytes.slice(10, 20)]);
  });

  it('answers the last bytes of the file for a suffix range', async () => {
    const res = await answerFromWhole(ask('bytes=-3'), whole());
    expect(res.headers.get('content-range')).toBe('bytes 997-999/1000');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([...bytes.slice(997)]);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const res = await answerFromWhole(ask('bytes=5000-'), whole());
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */1000');
  });

  it('answers the whole file (200) to a request without a range or with one it ignores', async () => {
    for (const range of [undefined, 'bytes=0-1,5-6']) {
      const res = await answerFromWhole(ask(range), whole(), { 'X-Ringi-Offline': 'copy' });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ringi-offline')).toBe('copy');
      expect((await res.arrayBuffer()).byteLength).toBe(1000);
    }
  });
});
