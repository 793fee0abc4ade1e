/**
 * A fake of S3's ListObjectsV2 (REST-XML, path-style `GET /<bucket>?list-type=2`) over a fixed list
 * of keys, with `Delimiter` folding keys into CommonPrefixes and `ContinuationToken` paging. s3rver
 * (the project's local S3) returns no CommonPrefixes, so the account discovery is tested here, with
 * the real S3 client parsing the real response shape.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface FakeListing {
  readonly endpoint: string;
  readonly requests: URLSearchParams[];
  close(): Promise<void>;
}

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function startFakeListing(bucket: string, keys: readonly string[], pageSize = 2): Promise<FakeListing> {
  const requests: URLSearchParams[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(url.searchParams);
    if (url.pathname !== `/${bucket}` && url.pathname !== `/${bucket}/`) {
      response.writeHead(404, { 'content-type': 'application/xml' });
      response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>`);
      return;
    }
    const prefix = url.searchParams.get('prefix') ?? '';
    const delimiter = url.searchParams.get('delimiter') ?? '';
    const entries = [...new Set(keys.filter((k) => k.startsWith(prefix)).map((k) => {
      const rest = k.slice(prefix.length);
      const cut = delimiter ? rest.indexOf(delimiter) : -1;
      return cut >= 0 ? `P:${prefix}${rest.slice(0, cut + delimiter.length)}` : `K:${k}`;
    }))].sort();
    const start = Number(url.searchParams.get('continuation-token') ?? '0');
    const page = entries.slice(start, start + pageSize);
    const truncated = start + pageSize < entries.length;
    response.writeHead(200, { 'content-type': 'application/xml' });
    response.end([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
      `<Name>${bucket}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${pageSize}</MaxKeys>`,
      delimiter ? `<Delimiter>${xml(delimiter)}</Delimiter>` : '',
      `<IsTruncated>${truncated}</IsTruncated>`,
      truncated ? `<NextContinuationToken>${start + pageSize}</NextContinuationToken>` : '',
      ...page.map((e) => (e.startsWith('P:') ? `<CommonPrefixes><Prefix>${xml(e.slice(2))}</Prefix></CommonPrefixes>` : `<Contents><Key>${xml(e.slice(2))}</Key><Size>1</Size></Contents>`)),
      '</ListBucketResult>',
    ].join(''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
