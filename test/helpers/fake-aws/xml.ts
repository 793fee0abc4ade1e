/** Writing the XML that the query-protocol (STS, CloudFormation) and REST-XML (S3) services answer with. */

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** XML already written (a repeated list), put in as it is. */
export class RawXml {
  constructor(readonly xml: string) {}
}

/** A value of an element: text, a number or boolean, nested elements, written XML, or nothing (left out). */
export type XmlValue = string | number | boolean | XmlNode | RawXml | undefined;
export interface XmlNode {
  readonly [tag: string]: XmlValue;
}

/** `{ A: 'x', B: { C: 1 } }` → `<A>x</A><B><C>1</C></B>`, in key order. */
export function toXml(node: XmlNode): string {
  let out = '';
  for (const [tag, value] of Object.entries(node)) {
    if (value === undefined) continue;
    if (value instanceof RawXml) out += `<${tag}>${value.xml}</${tag}>`;
    else if (typeof value === 'object') out += `<${tag}>${toXml(value)}</${tag}>`;
    else out += `<${tag}>${escapeXml(String(value))}</${tag}>`;
  }
  return out;
}

/** Elements repeated under one tag each (`<member>` lists of the query protocol, S3's flattened `<Contents>`). */
export function repeated(tag: string, nodes: readonly XmlNode[]): string {
  return nodes.map((node) => `<${tag}>${toXml(node)}</${tag}>`).join('');
}

/** A whole document with its declaration and a namespaced root element. */
export function xmlDocument(root: string, namespace: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${namespace}">${body}</${root}>`;
}

/** The query protocol's answer: `<XResponse><XResult>...</XResult><ResponseMetadata>...</ResponseMetadata></XResponse>`. */
export function queryResponse(operation: string, namespace: string, result: string, requestId: string): string {
  return xmlDocument(`${operation}Response`, namespace,
    `<${operation}Result>${result}</${operation}Result>${toXml({ ResponseMetadata: { RequestId: requestId } })}`);
}

/** The query protocol's error document. */
export function queryError(namespace: string, code: string, message: string, status: number, requestId: string): string {
  return xmlDocument('ErrorResponse', namespace, toXml({ Error: { Type: status >= 500 ? 'Receiver' : 'Sender', Code: code, Message: message }, RequestId: requestId }));
}
